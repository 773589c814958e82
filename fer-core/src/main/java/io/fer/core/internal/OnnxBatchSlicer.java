package io.fer.core.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a batch of NHWC images through an ONNX Runtime session as slices of a few images each, on up to
 * {@code threads} threads at once (the caller and {@code threads - 1} helpers), and joins the slices' outputs in
 * batch order.
 *
 * <p>Why: ONNX Runtime's CPU provider runs a network one layer at a time over the whole batch. At 32 EfficientNet
 * crops of 224 px a layer's activations are 100+ MB, so every convolution and element-wise layer streams them
 * through main memory. One image's activations (a few MB) stay in the caches, and slices run side by side on one
 * core each need no hand-over between cores inside every layer. On a 2-vCPU Intel Xeon, B0 at 224 px, batch 32 in
 * slices took 0.63x the process CPU time and 0.51x the wall time of one call with the same session (fer-benchmarks
 * {@code OrtOptionsProbe}, measured under load; fer-benchmarks/RESULTS.md). The outputs are those of one call: a
 * row depends only on its own image.
 *
 * <p>A slice holds about {@value #PIXELS_PER_SLICE} input pixels (one 224-px image, twelve of 64 px), at least one
 * image: small inputs in tiny slices would pay ONNX Runtime's per-call cost many times. A batch that fits one slice
 * is one plain call, which uses the session's own intra-op threads. The session must be safe to run from several
 * threads at once (ONNX Runtime's sessions are).
 */
public final class OnnxBatchSlicer implements AutoCloseable {
    /** Input pixels (height x width) per slice that the slices aim at: one 224 x 224 image. */
    public static final int PIXELS_PER_SLICE = 224 * 224;

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final OrtSession session;
    private final String inputName;
    private final int threads;
    private final int pixelsPerSlice;
    private volatile ExecutorService helpers;
    private volatile boolean closed;

    /**
     * @param session the session to run (not closed by this slicer)
     * @param inputName the session's image input
     * @param threads how many slices may run at once, at least 1 (fer passes {@link EngineThreads#intraOp()})
     */
    public OnnxBatchSlicer(OrtSession session, String inputName, int threads) {
        this(session, inputName, threads, PIXELS_PER_SLICE);
    }

    /** As {@link #OnnxBatchSlicer(OrtSession, String, int)}, with the slice size in pixels given (for tests). */
    public OnnxBatchSlicer(OrtSession session, String inputName, int threads, int pixelsPerSlice) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (pixelsPerSlice < 1) {
            throw new IllegalArgumentException("pixelsPerSlice must be at least 1, got " + pixelsPerSlice);
        }
        this.session = session;
        this.inputName = inputName;
        this.threads = threads;
        this.pixelsPerSlice = pixelsPerSlice;
    }

    /** An output of {@link #run}: the values, row-major, and their shape (the batch first). */
    public record Output(float[] values, long[] shape) {}

    /**
     * The first slice boundaries of a batch: {@code n} images of {@code height x width} in slices of about
     * {@code pixelsPerSlice} pixels, as many slices as {@code threads} at least when there are that many images, and
     * a multiple of {@code threads} where that keeps the threads equally busy; sizes differ by one at most. Returns
     * {@code starts} with {@code starts[k]} the first image of slice {@code k} and a last entry {@code n}.
     */
    public static int[] sliceStarts(int n, int height, int width, int pixelsPerSlice, int threads) {
        if (n < 1) {
            throw new IllegalArgumentException("A batch has at least one image, got " + n);
        }
        long pixels = (long) height * width;
        int perSlice = (int) Math.max(1, Math.min(n, pixelsPerSlice / Math.max(1, pixels)));
        int slices = (n + perSlice - 1) / perSlice;
        if (slices > 1 && threads > 1) {
            // round up to a multiple of the threads, so that none waits for a last, lone slice
            slices = Math.min(n, (slices + threads - 1) / threads * threads);
        }
        int[] starts = new int[slices + 1];
        for (int k = 0; k <= slices; k++) {
            starts[k] = (int) ((long) n * k / slices);
        }
        return starts;
    }

    /**
     * Runs {@code images} (a direct, native-order buffer of {@code shape[0]} NHWC images, read from its position)
     * and returns the session's first output for all of them. One slice is one plain call.
     */
    public Output run(FloatBuffer images, long[] shape) throws OrtException {
        if (shape.length != 4) {
            throw new IllegalArgumentException("Expected an NHWC batch shape, got " + Arrays.toString(shape));
        }
        int n = Math.toIntExact(shape[0]);
        int perImage = Math.toIntExact(shape[1] * shape[2] * shape[3]);
        if (images.remaining() < (long) n * perImage) {
            throw new IllegalArgumentException("The input holds " + images.remaining() + " floats, " + n
                    + " images of " + Arrays.toString(Arrays.copyOfRange(shape, 1, 4)) + " need " + (long) n * perImage);
        }
        int[] starts = sliceStarts(n, (int) shape[1], (int) shape[2], pixelsPerSlice, threads);
        int slices = starts.length - 1;
        Output[] parts = new Output[slices];
        if (slices == 1) {
            parts[0] = runSlice(images, 0, n, perImage, shape);
            return parts[0];
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(slices);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable work = () -> {
            int k;
            while ((k = next.getAndIncrement()) < slices) {
                try {
                    if (failure.get() == null) {
                        parts[k] = runSlice(images, starts[k], starts[k + 1], perImage, shape);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        };
        int helping = Math.min(threads, slices) - 1;
        for (int h = 0; h < helping; h++) {
            try {
                helpers().execute(work);
            } catch (RejectedExecutionException e) {
                break; // closing: the caller runs what is left
            }
        }
        work.run(); // the caller takes slices too, so a busy pool only slows a batch down, never stalls it
        boolean interrupted = false;
        while (true) {
            try {
                done.await(); // only slices a helper has taken and not finished are left
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof OrtException e) {
            throw e;
        } else if (t instanceof RuntimeException e) {
            throw e;
        } else if (t instanceof Error e) {
            throw e;
        } else if (t != null) {
            throw new IllegalStateException(t);
        }
        return join(parts, n);
    }

    private Output runSlice(FloatBuffer images, int from, int to, int perImage, long[] shape) throws OrtException {
        FloatBuffer slice = images.duplicate();
        slice.position(images.position() + from * perImage).limit(images.position() + to * perImage);
        long[] sliceShape = {to - from, shape[1], shape[2], shape[3]};
        // a direct buffer is wrapped, not copied
        try (OnnxTensor input = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), slice.slice(), sliceShape);
                OrtSession.Result result = session.run(Map.of(inputName, input))) {
            OnnxValue value = result.get(0);
            if (!(value instanceof OnnxTensor out)) {
                throw new IllegalStateException("The model's first output is not a tensor: " + value.getInfo());
            }
            FloatBuffer fb = out.getFloatBuffer();
            float[] values = new float[fb.remaining()];
            fb.get(values);
            return new Output(values, out.getInfo().getShape());
        }
    }

    private static Output join(Output[] parts, int n) {
        int total = 0;
        for (Output p : parts) {
            total += p.values().length;
        }
        float[] all = new float[total];
        int at = 0;
        for (Output p : parts) {
            System.arraycopy(p.values(), 0, all, at, p.values().length);
            at += p.values().length;
        }
        long[] shape = parts[0].shape().clone();
        shape[0] = n;
        return new Output(all, shape);
    }

    private ExecutorService helpers() {
        ExecutorService h = helpers;
        if (h == null) {
            synchronized (this) {
                if (closed) {
                    throw new RejectedExecutionException("closed");
                }
                h = helpers;
                if (h == null) {
                    int id = POOLS.incrementAndGet();
                    AtomicInteger count = new AtomicInteger();
                    h = Executors.newFixedThreadPool(threads - 1, r -> {
                        Thread t = new Thread(r, "fer-onnx-slices-" + id + "-" + count.incrementAndGet());
                        t.setDaemon(true); // never keeps the JVM alive
                        return t;
                    });
                    helpers = h;
                }
            }
        }
        return h;
    }

    /** Stops the helper threads (the session stays open); a batch in flight finishes on its caller's thread. */
    @Override
    public synchronized void close() {
        closed = true;
        if (helpers != null) {
            helpers.shutdown();
        }
    }
}
