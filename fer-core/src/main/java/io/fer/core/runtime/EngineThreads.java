package io.fer.core.runtime;

/**
 * The threads a serving engine may use: {@code intraOp} run the inside of one operation (a convolution's tiles),
 * {@code interOp} run independent operations side by side. The default is every core the JVM sees for
 * {@code intraOp} and one {@code interOp} thread: EfficientNet is a chain of layers with little to overlap, and a
 * second pool would only compete with the first for the same cores. Engine threads never spin-wait for work (ONNX
 * Runtime's {@code allow_spinning} is off), so that an idle recognizer leaves the cores to the application.
 *
 * @param intraOp threads inside an operation, at least 1
 * @param interOp threads across operations, at least 1
 */
public record EngineThreads(int intraOp, int interOp) {
    public EngineThreads {
        if (intraOp < 1 || interOp < 1) {
            throw new IllegalArgumentException("Engine threads must be at least 1, got intraOp " + intraOp
                    + " and interOp " + interOp);
        }
    }

    /** Every available core inside operations, one thread across them. */
    public static EngineThreads defaults() {
        return new EngineThreads(Runtime.getRuntime().availableProcessors(), 1);
    }
}
