package io.fer.core.runtime;

/** Loads TensorFlow in a fresh JVM and prints what loaded: the child process of {@link NativeLogLevelTest}. */
final class LoadTensorFlowMain {
    private LoadTensorFlowMain() {}

    public static void main(String[] args) {
        System.out.println(TensorFlowRuntime.describe());
        System.out.println("djl.offline=" + System.getProperty("ai.djl.offline"));
    }
}
