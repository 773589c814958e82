package io.fer.models.internal.efficientnet;

import io.fer.models.internal.keras.LayerSpec;
import io.fer.models.internal.keras.WeightSpec;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Operands;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Scope;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.TruncatedNormal;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Creates the variables of one backbone with the initial values Keras gives them: {@code CONV_KERNEL_INITIALIZER}
 * (variance scaling, scale 2, fan out, truncated normal) for every convolution kernel, zeros for biases,
 * BatchNormalization gamma 1, beta 0, moving mean 0, moving variance 1, and the ImageNet statistics the published
 * weight files store in {@code normalization}.
 */
final class KerasInitializers {
    /** ImageNet RGB mean on the 0..1 scale, as in {@code normalization/mean} of Keras' files. */
    static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    /**
     * ImageNet RGB standard deviation, which Keras' files store as {@code normalization/variance}; the extra
     * {@code rescaling_1} layer makes the net effect a division by the standard deviation.
     */
    static final float[] IMAGENET_STDDEV_RGB = {0.229f, 0.224f, 0.225f};
    /** Keras' truncated-normal variance scaling divides by the stddev of a unit normal truncated at two sigmas. */
    private static final double TRUNCATED_NORMAL_STDDEV = 0.87962566103423978;
    private static final double CONV_KERNEL_SCALE = 2.0;

    private final Ops init;
    private final long seed;
    private long counter;

    KerasInitializers(Ops tf, long seed) {
        this.init = tf.withInitScope();
        this.seed = seed;
    }

    /**
     * The variables of one layer, named {@code <layer>/<weight>} under {@code tf}'s scope and holding Keras' initial
     * values, in the order of {@link LayerSpec#weights()}.
     */
    List<Variable<?>> create(LayerSpec layer) {
        // TF Java's withSubScope scans the whole graph on every call, which makes per-layer scopes quadratic in the
        // size of the network; the layer prefix is taken from the scope once and the variables are named directly
        String prefix = init.scope().makeOpName(layer.name());
        List<Variable<?>> out = new ArrayList<>(layer.weights().size());
        for (WeightSpec weight : layer.weights()) {
            String name = prefix + "/" + weight.name();
            // Normalization/count: a sample count Keras keeps for adapt(); zero in the published files
            out.add(weight.int64() ? variable(name, init.fill(init.constant(weight.shape()), init.constant(0L)))
                    : variable(name, floatInitialValue(layer, weight)));
        }
        return out;
    }

    /** A (reference) variable with the exact name given, assigned its initial value by the graph's initializers. */
    private <T extends TType> Variable<T> variable(String name, Operand<T> initialValue) {
        Scope scope = init.scope();
        Variable<T> v = new Variable<>(scope.env().opBuilder(Variable.OP_NAME, name, scope)
                .setAttr("shape", initialValue.shape())
                .setAttr("dtype", Operands.toDataType(initialValue.type()))
                .build());
        init.assign(v, initialValue);
        return v;
    }

    private Operand<TFloat32> floatInitialValue(LayerSpec layer, WeightSpec weight) {
        long[] shape = weight.shape();
        if (layer.kerasClass().equals("Normalization")) {
            return init.constant(weight.name().equals("mean") ? IMAGENET_MEAN : IMAGENET_STDDEV_RGB);
        }
        return switch (weight.name()) {
            case "kernel", "depthwise_kernel" -> varianceScaling(shape);
            case "gamma", "moving_variance" -> filled(shape, 1f);
            case "bias", "beta", "moving_mean" -> filled(shape, 0f);
            default -> throw new IllegalStateException("No Keras initializer known for " + layer.name() + "/"
                    + weight.name());
        };
    }

    private Operand<TFloat32> varianceScaling(long[] shape) {
        // Keras' compute_fans: receptive field (all but the last two dims) times output channels
        long fanOut = shape[shape.length - 1];
        for (int i = 0; i < shape.length - 2; i++) {
            fanOut *= shape[i];
        }
        float stddev = (float) (Math.sqrt(CONV_KERNEL_SCALE / fanOut) / TRUNCATED_NORMAL_STDDEV);
        // seed2 counts variables so that each kernel draws its own stream; seed2 > 0 keeps TF from reseeding randomly
        Operand<TFloat32> unit = init.random.truncatedNormal(init.constant(shape), TFloat32.class,
                TruncatedNormal.seed(seed), TruncatedNormal.seed2(++counter));
        return init.math.mul(unit, init.constant(stddev));
    }

    private Operand<TFloat32> filled(long[] shape, float value) {
        return init.fill(init.constant(shape), init.constant(value));
    }
}
