package io.fer.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.fer.core.runtime.EngineThreads;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxRuntimeEnvironmentTest {
    @Test
    void sessionsNeverSpinByDefault() throws OrtException {
        OnnxRuntimeEnvironment.get(); // ONNX Runtime's natives, loaded the way fer loads them
        try (OrtSession.SessionOptions options = OnnxRuntimeEnvironment.sessionOptions(new EngineThreads(2, 1))) {
            Map<String, String> config = options.getConfigEntries();
            assertThat(config).containsEntry("session.intra_op.allow_spinning", "0")
                    .containsEntry("session.inter_op.allow_spinning", "0")
                    .doesNotContainKey(OnnxRuntimeEnvironment.STOP_SPINNING)
                    .containsEntry("optimization.disable_specified_optimizers", OnnxRuntimeEnvironment.SWISH_FUSION);
        }
    }

    @Test
    void spinningDuringCallsStopsWhenTheCallReturns() throws OrtException {
        OnnxRuntimeEnvironment.get();
        EngineThreads spinning = new EngineThreads(2, 1).spinningDuringCalls();
        try (OrtSession.SessionOptions options = OnnxRuntimeEnvironment.sessionOptions(spinning)) {
            assertThat(options.getConfigEntries()).containsEntry("session.intra_op.allow_spinning", "1")
                    .containsEntry(OnnxRuntimeEnvironment.STOP_SPINNING, "1");
        }
    }
}
