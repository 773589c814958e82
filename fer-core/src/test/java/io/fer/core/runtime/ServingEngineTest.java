package io.fer.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@link ServingEngine#AUTO} stands for, by the forms a directory holds and whether a GPU is visible. */
class ServingEngineTest {
    @Test
    void autoPrefersOnnxRuntimeOnCpuAndTensorFlowOnAGpuWhenBothFormsAreThere() {
        assertThat(ServingEngine.AUTO.resolve(true, true, false)).isEqualTo(ServingEngine.ONNX_RUNTIME);
        assertThat(ServingEngine.AUTO.resolve(true, true, true)).isEqualTo(ServingEngine.TENSORFLOW);
        assertThat(ServingEngine.AUTO.resolve(false, true, false)).isEqualTo(ServingEngine.TENSORFLOW);
        assertThat(ServingEngine.AUTO.resolve(false, true, true)).isEqualTo(ServingEngine.TENSORFLOW);
    }

    @Test
    void autoServesAnOnnxOnlyDirectoryOnOnnxRuntimeEvenWithAGpu() {
        assertThat(ServingEngine.AUTO.resolve(true, false, false)).isEqualTo(ServingEngine.ONNX_RUNTIME);
        assertThat(ServingEngine.AUTO.resolve(true, false, true)).isEqualTo(ServingEngine.ONNX_RUNTIME);
    }

    @Test
    void anExplicitChoiceStaysAndTheTwoArgumentFormAssumesASavedModel() {
        assertThat(ServingEngine.TENSORFLOW.resolve(true, false, false)).isEqualTo(ServingEngine.TENSORFLOW);
        assertThat(ServingEngine.ONNX_RUNTIME.resolve(false, true, true)).isEqualTo(ServingEngine.ONNX_RUNTIME);
        assertThat(ServingEngine.AUTO.resolve(true, true)).isEqualTo(ServingEngine.TENSORFLOW);
        assertThat(ServingEngine.AUTO.resolve(true, false)).isEqualTo(ServingEngine.ONNX_RUNTIME);
    }
}
