package io.fer.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.fer.core.internal.model.ModelDirectory;
import io.fer.core.runtime.EngineThreads;
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
            case ONNX_RUNTIME -> new Onnx(modelDirectory.resolve(ModelDirectory.ONNX), inputSize, threads, images, n);
            case TENSORFLOW -> new TensorFlow(modelDirectory.resolve(ModelDirectory.SAVED_MODEL), inputSize, threads,
                    images, n);
            case AUTO -> throw new IllegalArgumentException("A raw engine is TENSORFLOW or ONNX_RUNTIME, not AUTO");
        };
    }

    /** ONNX Runtime session options exactly as fer's own sessions get them. */
    static OrtSession.SessionOptions ortOptions(EngineThreads threads) throws OrtException {
        return io.fer.core.internal.OnnxRuntimeEnvironment.sessionOptions(threads);
    }

    /** A direct, native-order copy of {@code floats}: what ONNX Runtime wraps without copying again. */
    static FloatBuffer directFloats(float[] floats) {
        FloatBuffer b = ByteBuffer.allocateDirect(floats.length * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        b.put(floats).flip();
        return b;
    }

    /** {@code model.onnx} on ONNX Runtime's Java API. */
    final class Onnx implements RawEngine {
        private final OrtSession.SessionOptions options;
        private final OrtSession session;
        private final OnnxTensor input;
        private final String inputName;

        Onnx(Path onnx, int inputSize, EngineThreads threads, float[] images, int n) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions o = null;
            OrtSession s = null;
            try {
                o = ortOptions(threads);
                s = env.createSession(onnx.toString(), o);
                this.input = OnnxTensor.createTensor(env, directFloats(images), new long[] {n, inputSize, inputSize, 3});
            } catch (OrtException e) {
                closeQuietly(s, o);
                throw new IllegalStateException("Cannot open " + onnx + " on ONNX Runtime: " + e.getMessage(), e);
            }
            this.options = o;
            this.session = s;
            this.inputName = ModelDirectory.INPUT;
        }

        @Override
        public float[] probabilities() {
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
