package io.fer.models.efficientnet;

import io.fer.models.Tower;
import io.fer.models.TowerMode;
import io.fer.models.keras.LayerSpec;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one {@link Tower}: Keras' forward pass of EfficientNet, layer by layer, with the graph's shared variables.
 * Every layer output is registered under its Keras name, and the sequence of names is checked against the layer
 * specification as it is built, so the graph cannot drift from {@link EfficientNetSpec}.
 */
final class TowerBuilder {
    private static final List<Long> STRIDE_1 = List.of(1L, 1L, 1L, 1L);
    private static final List<Long> STRIDE_2 = List.of(1L, 2L, 2L, 1L);
    private static final float BN_EPSILON = 1e-3f;
    /** Keras' momentum 0.99 as TensorFlow's exponential average factor. */
    private static final float BN_AVERAGE_FACTOR = 0.01f;
    /** Keras' {@code backend.epsilon()}, the floor of Normalization's standard deviation. */
    private static final float NORMALIZATION_EPSILON = 1e-7f;

    private final EfficientNetGraph graph;
    private final Ops tf;
    private final TowerMode mode;
    private final long dropoutSeed;
    private final List<LayerSpec> layers;
    private final Map<String, Operand<TFloat32>> outputs = new LinkedHashMap<>();
    private final Map<String, String> blockOutputs = new HashMap<>();
    private final List<Op> batchNormUpdates = new ArrayList<>();
    /** Height and width of the current feature map, as known when the graph is built: Keras pads by it. */
    private int size;
    private long dropoutCounter;

    TowerBuilder(EfficientNetGraph graph, Ops tf, TowerMode mode, long dropoutSeed) {
        this.graph = graph;
        this.tf = tf;
        this.mode = mode;
        this.dropoutSeed = dropoutSeed;
        this.layers = graph.layers();
        this.size = graph.inputSize();
    }

    Tower build(Operand<TFloat32> images) {
        Operand<TFloat32> x = emit("input_layer", images);
        x = emit("rescaling", scale(x, new float[] {1f / 255f}));
        x = emit("normalization", normalize(x));
        float[] rescale = new float[KerasInitializers.IMAGENET_STDDEV_RGB.length];
        for (int i = 0; i < rescale.length; i++) {
            rescale[i] = (float) (1.0 / Math.sqrt(KerasInitializers.IMAGENET_STDDEV_RGB[i]));
        }
        x = emit("rescaling_1", scale(x, rescale));
        x = emit("stem_conv_pad", pad(x, EfficientNetSpec.STEM_KERNEL));
        x = emit("stem_conv", conv(x, "stem_conv", STRIDE_2, "VALID"));
        size = (size - EfficientNetSpec.STEM_KERNEL) / 2 + 1;
        x = emit("stem_bn", batchNorm(x, "stem_bn"));
        x = emit("stem_activation", swish(x));
        for (MbConvBlock b : graph.blocks()) {
            x = block(x, b);
        }
        x = emit("top_conv", conv(x, "top_conv", STRIDE_1, "SAME"));
        x = emit("top_bn", batchNorm(x, "top_bn"));
        x = emit("top_activation", swish(x));
        if (outputs.size() != layers.size()) {
            throw new IllegalStateException("Built " + outputs.size() + " layers of " + graph.backboneName()
                    + ", the specification has " + layers.size());
        }
        return new Tower(graph.backboneName(), mode, outputs, blockOutputs, batchNormUpdates, x);
    }

    private Operand<TFloat32> block(Operand<TFloat32> inputs, MbConvBlock b) {
        Operand<TFloat32> x = inputs;
        if (b.hasExpansion()) {
            x = emit(b.layer("expand_conv"), conv(x, b.layer("expand_conv"), STRIDE_1, "SAME"));
            x = emit(b.layer("expand_bn"), batchNorm(x, b.layer("expand_bn")));
            x = emit(b.layer("expand_activation"), swish(x));
        }
        if (b.strides() == 2) {
            x = emit(b.layer("dwconv_pad"), pad(x, b.kernelSize()));
            x = emit(b.layer("dwconv"), depthwise(x, b.layer("dwconv"), STRIDE_2, "VALID"));
            size = (size - b.kernelSize()) / 2 + 1;
        } else {
            x = emit(b.layer("dwconv"), depthwise(x, b.layer("dwconv"), STRIDE_1, "SAME"));
        }
        x = emit(b.layer("bn"), batchNorm(x, b.layer("bn")));
        x = emit(b.layer("activation"), swish(x));
        if (b.hasSqueezeExcite()) {
            Operand<TFloat32> se = emit(b.layer("se_squeeze"),
                    tf.math.mean(x, tf.constant(new int[] {1, 2}), Mean.keepDims(false)));
            se = emit(b.layer("se_reshape"),
                    tf.reshape(se, tf.constant(new int[] {-1, 1, 1, b.expandedFilters()})));
            se = emit(b.layer("se_reduce"), swish(biasConv(se, b.layer("se_reduce"))));
            se = emit(b.layer("se_expand"), tf.math.sigmoid(biasConv(se, b.layer("se_expand"))));
            x = emit(b.layer("se_excite"), tf.math.mul(x, se));
        }
        x = emit(b.layer("project_conv"), conv(x, b.layer("project_conv"), STRIDE_1, "SAME"));
        x = emit(b.layer("project_bn"), batchNorm(x, b.layer("project_bn")));
        String last = b.layer("project_bn");
        if (b.hasSkip()) {
            if (b.hasDropout()) {
                x = emit(b.layer("drop"), mode.dropout() ? dropout(x, b.dropRate()) : x);
            }
            x = emit(b.layer("add"), tf.math.add(x, inputs));
            last = b.layer("add");
        }
        blockOutputs.put(b.name() + Tower.BLOCK_OUTPUT_SUFFIX, last);
        return x;
    }

    /**
     * Registers the output of the next Keras layer, checking it is the one the specification has next, as an Identity
     * named after the layer. Grappler prunes such an Identity when it is not fetched, so oneDNN still fuses e.g.
     * Conv2D + FusedBatchNorm + swish; a fetched one stays and keeps that fusion from swallowing the tensor (TF's
     * fusion ignores that an inner op's output was requested and the run fails with "not found in the Graph"). It
     * also gives every layer a distinct tensor, Dropout in inference included.
     */
    private Operand<TFloat32> emit(String name, Operand<TFloat32> output) {
        int index = outputs.size();
        if (index >= layers.size() || !layers.get(index).name().equals(name)) {
            throw new IllegalStateException("Graph of " + graph.backboneName() + " built layer '" + name
                    + "' at index " + index + " where the specification has "
                    + (index < layers.size() ? "'" + layers.get(index).name() + "'" : "no more layers"));
        }
        Operand<TFloat32> named = tf.withName(name).identity(output);
        outputs.put(name, named);
        return named;
    }

    private Operand<TFloat32> scale(Operand<TFloat32> x, float[] factors) {
        return tf.math.mul(x, factors.length == 1 ? tf.constant(factors[0]) : tf.constant(factors));
    }

    /** Keras Normalization: {@code (x - mean) / max(sqrt(variance), epsilon)} over the channel axis. */
    private Operand<TFloat32> normalize(Operand<TFloat32> x) {
        Operand<TFloat32> stddev = tf.math.maximum(tf.math.sqrt(graph.floatVariable("normalization", "variance")),
                tf.constant(NORMALIZATION_EPSILON));
        return tf.math.div(tf.math.sub(x, graph.floatVariable("normalization", "mean")), stddev);
    }

    /**
     * Keras' {@code ZeroPadding2D(correct_pad(x, k))} at the current, build-time size: an even size pads
     * {@code k/2 - 1} before and {@code k/2} after, an odd size {@code k/2} on both sides.
     */
    private Operand<TFloat32> pad(Operand<TFloat32> x, int kernelSize) {
        int[] p = correctPad(size, kernelSize);
        size += p[0] + p[1];
        return tf.pad(x, tf.constant(new int[][] {{0, 0}, p, p, {0, 0}}), tf.constant(0f));
    }

    /** Padding before and after for Keras' {@code correct_pad} on a known spatial size. */
    static int[] correctPad(int size, int kernelSize) {
        int adjust = 1 - size % 2;
        int correct = kernelSize / 2;
        return new int[] {correct - adjust, correct};
    }

    private Operand<TFloat32> conv(Operand<TFloat32> x, String layer, List<Long> strides, String padding) {
        return tf.nn.conv2d(x, graph.floatVariable(layer, "kernel"), strides, padding);
    }

    private Operand<TFloat32> biasConv(Operand<TFloat32> x, String layer) {
        return tf.nn.biasAdd(tf.nn.conv2d(x, graph.floatVariable(layer, "kernel"), STRIDE_1, "SAME"),
                graph.floatVariable(layer, "bias"));
    }

    private Operand<TFloat32> depthwise(Operand<TFloat32> x, String layer, List<Long> strides, String padding) {
        return tf.nn.depthwiseConv2dNative(x, graph.floatVariable(layer, "depthwise_kernel"), strides, padding);
    }

    private Operand<TFloat32> swish(Operand<TFloat32> x) {
        return tf.math.mul(x, tf.math.sigmoid(x));
    }

    /**
     * Keras BatchNormalization (epsilon 1e-3, momentum 0.99) as FusedBatchNormV3. In training mode the op normalizes
     * with the batch statistics and, given the exponential average factor, returns the updated moving statistics,
     * which the tower's update ops assign.
     */
    private Operand<TFloat32> batchNorm(Operand<TFloat32> x, String layer) {
        boolean training = mode.trainsBatchNorm(graph.layerIndex(layer));
        Variable<TFloat32> movingMean = graph.floatVariable(layer, "moving_mean");
        Variable<TFloat32> movingVariance = graph.floatVariable(layer, "moving_variance");
        FusedBatchNorm<TFloat32, TFloat32> bn = tf.nn.fusedBatchNorm(x, graph.floatVariable(layer, "gamma"),
                graph.floatVariable(layer, "beta"), movingMean, movingVariance, FusedBatchNorm.epsilon(BN_EPSILON),
                FusedBatchNorm.isTraining(training),
                FusedBatchNorm.exponentialAvgFactor(training ? BN_AVERAGE_FACTOR : 1f));
        if (training) {
            batchNormUpdates.add(tf.assign(movingMean, bn.batchMean()));
            batchNormUpdates.add(tf.assign(movingVariance, bn.batchVariance()));
        }
        return bn.y();
    }

    /**
     * Keras Dropout with {@code noise_shape=(None, 1, 1, 1)}: each sample's whole residual branch is kept with
     * probability {@code 1 - rate} and then scaled by {@code 1 / (1 - rate)}.
     */
    private Operand<TFloat32> dropout(Operand<TFloat32> x, double rate) {
        Operand<TInt32> batch = tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
        Operand<TInt32> noiseShape = tf.concat(List.of(batch, tf.constant(new int[] {1, 1, 1})), tf.constant(0));
        Operand<TFloat32> uniform = tf.random.randomUniform(noiseShape, TFloat32.class,
                RandomUniform.seed(dropoutSeed), RandomUniform.seed2(++dropoutCounter));
        // the mask carries no gradient; stopping it keeps the shape path out of backpropagation
        Operand<TFloat32> keep = tf.stopGradient(tf.dtypes.cast(
                tf.math.greaterEqual(uniform, tf.constant((float) rate)), TFloat32.class));
        return tf.math.mul(tf.math.mul(x, tf.constant((float) (1.0 / (1.0 - rate)))), keep);
    }
}
