package io.fer.benchmarks;

import io.fer.core.internal.model.ModelDirectory;
import io.fer.core.runtime.EngineThreads;
import io.fer.core.runtime.TensorFlowRuntime;
import java.nio.file.Path;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * A fer SavedModel loaded with plain TF Java ({@code SavedModelBundle.load(dir, "serve")}) and run through its
 * session: the reference the {@link io.fer.core.Recognizer} is measured against. Closing frees the session.
 */
public final class RawSavedModel implements AutoCloseable {
    private final SavedModelBundle bundle;
    private final String inputName;
    private final String outputName;
    private final int inputSize;

    /** Loads {@code savedModel} (the {@code saved_model} folder of a fer model directory), threads as TensorFlow chooses. */
    public RawSavedModel(Path savedModel, int inputSize) {
        this(savedModel, inputSize, null);
    }

    /**
     * Loads {@code savedModel} with a session of {@code threads} (null: TensorFlow's own choice), through the same
     * {@code ConfigProto} fields fer's TensorFlow engine sets.
     */
    public RawSavedModel(Path savedModel, int inputSize, EngineThreads threads) {
        TensorFlowRuntime.ensureLoaded();
        SavedModelBundle.Loader loader = SavedModelBundle.loader(savedModel.toString()).withTags("serve");
        if (threads != null) {
            loader = loader.withConfigProto(ConfigProto.newBuilder()
                    .setIntraOpParallelismThreads(threads.intraOp())
                    .setInterOpParallelismThreads(threads.interOp())
                    .build());
        }
        this.bundle = loader.load();
        Signature signature = bundle.function(Signature.DEFAULT_KEY).signature();
        this.inputName = signature.getInputs().get(ModelDirectory.INPUT).name;
        this.outputName = signature.getOutputs().get(ModelDirectory.OUTPUT).name;
        this.inputSize = inputSize;
    }

    /** A tensor of {@code n} NHWC images, floats 0..255, for {@link #forward}; the caller closes it. */
    public TFloat32 tensor(float[] images, int n) {
        return TFloat32.tensorOf(Shape.of(n, inputSize, inputSize, 3), DataBuffers.of(images, true, false));
    }

    /** One forward pass; returns the first image's first probability (so that callers consume the result). */
    public float forward(TFloat32 images) {
        try (Result r = bundle.session().runner().feed(inputName, images).fetch(outputName).run()) {
            return ((TFloat32) r.get(0)).getFloat(0, 0);
        }
    }

    /** Every class probability of a forward pass, row-major: images x classes. */
    public float[] probabilities(TFloat32 images) {
        try (Result r = bundle.session().runner().feed(inputName, images).fetch(outputName).run()) {
            TFloat32 p = (TFloat32) r.get(0);
            float[] out = new float[Math.toIntExact(p.shape().size())];
            p.copyTo(DataBuffers.of(out, false, false));
            return out;
        }
    }

    @Override
    public void close() {
        bundle.close();
    }
}
