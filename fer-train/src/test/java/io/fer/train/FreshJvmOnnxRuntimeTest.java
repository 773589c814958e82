package io.fer.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.fer.core.Expression;
import io.fer.models.Backbone;
import io.fer.train.augment.Augmentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that has not started TensorFlow serves a saved model on ONNX Runtime, offline: DJL's ONNX Runtime engine
 * used to start TensorFlow as its "alternative" engine there and fail trying to download its natives (a test JVM
 * that trained first hides this, hence the child process), and without the warning DJL's engine logged on every CPU
 * host.
 */
@Tag("slow")
class FreshJvmOnnxRuntimeTest {
    @TempDir
    Path tmp;

    @Test
    void aFreshJvmServesOnOnnxRuntimeWithoutStartingTensorFlow() throws Exception {
        Path dir = tmp.resolve("model");
        try (FerModel model = FerModel.builder().backbone(Backbone.B0).weights(Weights.none()).inputSize(32)
                .featureExtraction(1, 1e-3).fineTuning(0, 1e-4).batchSize(4).augmentation(Augmentation.none())
                .cropCache(null).quiet().fit(TestImages.patterns(List.of(Expression.ANGER, Expression.HAPPY), 2, 32, 3))) {
            model.save(dir);
        }
        String out = predictInChild(dir);
        assertThat(out).contains("engine ONNX_RUNTIME outputs 2").doesNotContain("download")
                // DJL's engine probes CUDA's provider and warned on every CPU host
                .doesNotContain("CUDA is not supported");
        // YuNet's own session first: ONNX Runtime's one environment must still be DJL's (it refuses to start
        // on an environment made without its thread options)
        out = predictInChild(dir, "yunet-first");
        assertThat(out).contains("yunet faces 0", "engine ONNX_RUNTIME outputs 2").doesNotContain("download")
                .doesNotContain("CUDA is not supported");
    }

    private String predictInChild(Path dir, String... more) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "-Dfer.home=" + System.getProperty("fer.home", tmp.resolve("fer-home").toString()),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", PredictInFreshJvm.class.getName(), dir.toString(),
                "ONNX_RUNTIME"));
        command.addAll(List.of(more));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(300, TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        return out;
    }
}
