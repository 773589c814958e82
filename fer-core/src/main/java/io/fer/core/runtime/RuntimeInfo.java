package io.fer.core.runtime;


/**
 * What {@link TensorFlowRuntime} loaded.
 *
 * @param tensorFlowVersion the native TensorFlow version, e.g. {@code 2.16.2}
 * @param gpuCount GPUs TensorFlow can use (0 on a CPU-only host or with the CPU natives)
 * @param nativeSource which native artifact was found, e.g. {@code org.tensorflow:tensorflow-core-native}
 * @param nativeDirectory the folder the native library was loaded from
 * @param cacheDirectory fer's cache folder ({@code FER_HOME}, by default {@code ~/.fer})
 */
public record RuntimeInfo(String tensorFlowVersion, int gpuCount, String nativeSource, String nativeDirectory,
        String cacheDirectory) {

    /** {@code "GPU"} when TensorFlow sees at least one GPU, else {@code "CPU"}. */
    public String device() {
        return gpuCount > 0 ? "GPU" : "CPU";
    }

    @Override
    public String toString() {
        return "TensorFlow " + tensorFlowVersion + " on " + device() + (gpuCount > 1 ? " x" + gpuCount : "")
                + " (natives: " + nativeSource + " from " + nativeDirectory + "; cache: " + cacheDirectory + ")";
    }
}
