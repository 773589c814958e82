package io.fer.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.fer.core.internal.model.ModelDirectory;
import io.fer.core.runtime.EngineThreads;
import io.fer.core.internal.OnnxBatchSlicer;
import io.fer.core.runtime.ServingEngine;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.types.TFloat32;

/**
 * A model directory's network run directly on one engine, without fer or DJL: ONNX Runtime's own Java API on
 * {@code model.onnx}, or a TF Java session on {@code saved_model/}. The input tensor is made once, from the images
 * given, so that {@link #probabilities()} times the engine alone: what the {@link io.fer.core.Recognizer} is
 * measured against.
 */
public interface RawEngine extends AutoCloseable {
    /** One forward pass of the input given at opening; every class probability, row-major. */
    float[] probabilities();

    @Override
    void close();

    /**
     * Opens {@code modelDirectory}'s network on {@code engine} ({@code TENSORFLOW} or {@code ONNX_RUNTIME}) with
     * {@code threads}, its input {@code n} NHWC images of {@code inputSize} px (floats 0..255).
     */
    static RawEngine open(ServingEngine engine, Path modelDirectory, int inputSize, EngineThreads threads,
            float[] images, int n) {
        return switch (engine) {
            case ONNX_RUNTIME -> new Onnx(modelDirectory.resolve(ModelDirectory.ONNX), inputSize, threads, images, n,
                    true, false);
            case TENSORFLOW -> new TensorFlow(modelDirectory.resolve(ModelDirectory.SAVED_MODEL), inputSize, threads,
                    images, n);
            case AUTO -> throw new IllegalArgumentException("A raw engine is TENSORFLOW or ONNX_RUNTIME, not AUTO");
        };
    }

    /**
     * {@code modelDirectory}'s {@code model.onnx} on ONNX Runtime's Java API with fer's session options, the whole
     * batch in one session call: ONNX Runtime used plainly, without fer's slices.
     */
    static RawEngine openOnnxSession(Path modelDirectory, int inputSize, EngineThreads threads, float[] images, int n) {
        return new Onnx(modelDirectory.resolve(ModelDirectory.ONNX), inputSize, threads, images, n, false, false);
    }

    /**
     * As {@link #openOnnxSession}, with ONNX Runtime's own default session options but for the threads (so its
     * idle pool threads spin, and every graph optimiser runs): the engine as it comes.
     */
    static RawEngine openOnnxStock(Path modelDirectory, int inputSize, EngineThreads threads, float[] images, int n) {
        return new Onnx(modelDirectory.resolve(ModelDirectory.ONNX), inputSize, threads, images, n, false, true);
    }

    /** ONNX Runtime session options exactly as fer's own sessions get them. */
    static OrtSession.SessionOptions ortOptions(EngineThreads threads) throws OrtException {
        return io.fer.core.internal.OnnxRuntimeEnvironment.sessionOptions(threads);
    }

    /** ONNX Runtime's default session options, but for the threads. */
    static OrtSession.SessionOptions stockOptions(EngineThreads threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setIntraOpNumThreads(threads.intraOp());
            options.setInterOpNumThreads(threads.interOp());
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /** A direct, native-order copy of {@code floats}: what ONNX Runtime wraps without copying again. */
    static FloatBuffer directFloats(float[] floats) {
        FloatBuffer b = ByteBuffer.allocateDirect(floats.length * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        b.put(floats).flip();
        return b;
    }

    /**
     * {@code model.onnx} on ONNX Runtime's Java API: sliced, a batch runs as the Recognizer runs it
     * ({@link OnnxBatchSlicer} on the same threads); otherwise in one session call.
     */
    final class Onnx implements RawEngine {
        private final OrtSession.SessionOptions options;
        private final OrtSession session;
        private final OnnxTensor input;
        private final String inputName;
        private final OnnxBatchSlicer slicer;
        private final FloatBuffer images;
        private final long[] shape;

        Onnx(Path onnx, int inputSize, EngineThreads threads, float[] images, int n, boolean sliced, boolean stock) {
            // through DJL's engine: a session made on a bare environment first would stop DJL's engine from starting
            OrtEnvironment env = io.fer.core.internal.OnnxRuntimeEnvironment.get();
            OrtSession.SessionOptions o = null;
            OrtSession s = null;
            try {
                o = stock ? stockOptions(threads) : ortOptions(threads);
                s = env.createSession(onnx.toString(), o);
                this.shape = new long[] {n, inputSize, inputSize, 3};
                this.images = directFloats(images);
                this.input = OnnxTensor.createTensor(env, this.images, shape);
            } catch (OrtException e) {
                closeQuietly(s, o);
                throw new IllegalStateException("Cannot open " + onnx + " on ONNX Runtime: " + e.getMessage(), e);
            }
            this.options = o;
            this.session = s;
            this.inputName = ModelDirectory.INPUT;
            this.slicer = sliced ? new OnnxBatchSlicer(s, inputName, threads.intraOp()) : null;
        }

        @Override
        public float[] probabilities() {
            if (slicer != null) {
                try {
                    return slicer.run(images.duplicate().rewind(), shape).values();
                } catch (OrtException e) {
                    throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
                }
            }
            try (OrtSession.Result r = session.run(Map.of(inputName, input))) {
                FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
                float[] p = new float[out.remaining()];
                out.get(p);
                return p;
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (slicer != null) {
                slicer.close();
            }
            input.close();
            closeQuietly(session, options);
        }

        private static void closeQuietly(OrtSession s, OrtSession.SessionOptions o) {
            try {
                if (s != null) {
                    s.close();
                }
            } catch (OrtException e) {
                // closing a session fails only for a session already closed: nothing left to free
            } finally {
                if (o != null) {
                    o.close();
                }
            }
        }
    }

    /** {@code saved_model/} in a TF Java session ({@link RawSavedModel}) with the same threads. */
    final class TensorFlow implements RawEngine {
        private final RawSavedModel model;
        private final TFloat32 input;

        TensorFlow(Path savedModel, int inputSize, EngineThreads threads, float[] images, int n) {
            this.model = new RawSavedModel(savedModel, inputSize, threads);
            this.input = model.tensor(images, n);
        }

        @Override
        public float[] probabilities() {
            return model.probabilities(input);
        }

        @Override
        public void close() {
            input.close();
            model.close();
        }
    }
}
