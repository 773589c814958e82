package io.fer.core.runtime;

/**
 * The threads a serving engine may use: {@code intraOp} run the inside of one operation (a convolution's tiles),
 * {@code interOp} run independent operations side by side. The default is every core the JVM sees for
 * {@code intraOp} and one {@code interOp} thread: EfficientNet is a chain of layers with little to overlap, and a
 * second pool would only compete with the first for the same cores.
 *
 * <p>By default engine threads never spin-wait for work (ONNX Runtime's {@code allow_spinning} is off): between
 * operations they sleep, so that the cores stay the application's. {@link #spinningDuringCalls()} lets ONNX
 * Runtime's pool threads spin-wait while a call is running, and only then (they stop when it returns): on cores
 * nothing else needs, a single crop then takes about 0.7x the time; on cores the application keeps busy, 1.4x
 * (fer-benchmarks/RESULTS.md). Use it on a machine given to inference, not in an application that shares its cores.
 * TensorFlow's threads are not affected.
 *
 * @param intraOp threads inside an operation, at least 1
 * @param interOp threads across operations, at least 1
 * @param spinDuringCalls whether ONNX Runtime's pool threads spin-wait for work while a call runs
 */
public record EngineThreads(int intraOp, int interOp, boolean spinDuringCalls) {
    public EngineThreads {
        if (intraOp < 1 || interOp < 1) {
            throw new IllegalArgumentException("Engine threads must be at least 1, got intraOp " + intraOp
                    + " and interOp " + interOp);
        }
    }

    /** {@code intraOp} and {@code interOp} threads that never spin-wait. */
    public EngineThreads(int intraOp, int interOp) {
        this(intraOp, interOp, false);
    }

    /** Every available core inside operations, one thread across them, no spin-waiting. */
    public static EngineThreads defaults() {
        return new EngineThreads(Runtime.getRuntime().availableProcessors(), 1);
    }

    /** These threads, spin-waiting for work while a call runs (ONNX Runtime), sleeping between calls. */
    public EngineThreads spinningDuringCalls() {
        return new EngineThreads(intraOp, interOp, true);
    }
}
