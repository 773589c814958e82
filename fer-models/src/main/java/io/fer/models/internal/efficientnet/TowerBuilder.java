package io.fer.models.internal.efficientnet;

import io.fer.models.internal.graph.Tower;
import io.fer.models.internal.graph.TowerMode;
import io.fer.models.internal.serving.Activation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Builds one {@link Tower}: the TensorFlow target of {@link EfficientNetArchitecture}, Keras' forward pass layer by
 * layer with the graph's shared variables. Every layer output is registered under its Keras name; the layer list
 * ({@link EfficientNetSpec}) is recorded from the same description, so the two cannot drift apart.
 */
final class TowerBuilder implements EfficientNetEmitter<Operand<TFloat32>> {
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
    private final Map<String, Operand<TFloat32>> outputs = new LinkedHashMap<>();
    private final Map<String, String> blockOutputs = new HashMap<>();
    private final List<Op> batchNormUpdates = new ArrayList<>();
    private long dropoutCounter;

    TowerBuilder(EfficientNetGraph graph, Ops tf, TowerMode mode, long dropoutSeed) {
        this.graph = graph;
        this.tf = tf;
        this.mode = mode;
        this.dropoutSeed = dropoutSeed;
    }

    Tower build(Operand<TFloat32> images) {
        Operand<TFloat32> x = EfficientNetArchitecture.emit(graph.variant(), graph.inputSize(), this,
                emit("input_layer", images));
        // a block's output is its last layer: blockNx_add where it has a residual, blockNx_project_bn otherwise
        for (String layer : outputs.keySet()) {
            if (layer.startsWith("block")) {
                blockOutputs.put(layer.substring(0, layer.indexOf('_')) + Tower.BLOCK_OUTPUT_SUFFIX, layer);
            }
        }
        return new Tower(graph.backboneName(), mode, outputs, blockOutputs, batchNormUpdates, x);
    }

    @Override
    public Operand<TFloat32> inputScaling(Operand<TFloat32> images) {
        Operand<TFloat32> x = emit("rescaling", scale(images, new float[] {1f / 255f}));
        x = emit("normalization", normalize(x));
        float[] rescale = new float[KerasInitializers.IMAGENET_STDDEV_RGB.length];
        for (int i = 0; i < rescale.length; i++) {
            rescale[i] = (float) (1.0 / Math.sqrt(KerasInitializers.IMAGENET_STDDEV_RGB[i]));
        }
        return emit("rescaling_1", scale(x, rescale));
    }

    /** Keras' {@code ZeroPadding2D(correct_pad(x, k))}, fixed by the size known when the graph is built. */
    @Override
    public Operand<TFloat32> pad(String name, Operand<TFloat32> x, int[] p) {
        return emit(name, tf.pad(x, tf.constant(new int[][] {{0, 0}, p, p, {0, 0}}), tf.constant(0f)));
    }

    @Override
    public Operand<TFloat32> convBn(Operand<TFloat32> x, ConvBn unit) {
        List<Long> strides = unit.stride() == 2 ? STRIDE_2 : STRIDE_1;
        String padding = unit.same() ? "SAME" : "VALID";
        Operand<TFloat32> y = unit.depthwise()
                ? tf.nn.depthwiseConv2dNative(x, graph.floatVariable(unit.convName(), "depthwise_kernel"), strides,
                        padding)
                : tf.nn.conv2d(x, graph.floatVariable(unit.convName(), "kernel"), strides, padding);
        y = emit(unit.convName(), y);
        y = emit(unit.bnName(), batchNorm(y, unit.bnName()));
        return unit.activationName() == null ? y : emit(unit.activationName(), swish(y));
    }

    @Override
    public Operand<TFloat32> squeeze(String squeezeName, String reshapeName, Operand<TFloat32> x, int channels) {
        Operand<TFloat32> se = emit(squeezeName, tf.math.mean(x, tf.constant(new int[] {1, 2}),
                Mean.keepDims(false)));
        return emit(reshapeName, tf.reshape(se, tf.constant(new int[] {-1, 1, 1, channels})));
    }

    @Override
    public Operand<TFloat32> biasConv(String name, Operand<TFloat32> x, int filtersIn, int filtersOut,
            Activation activation) {
        Operand<TFloat32> y = tf.nn.biasAdd(tf.nn.conv2d(x, graph.floatVariable(name, "kernel"), STRIDE_1, "SAME"),
                graph.floatVariable(name, "bias"));
        return emit(name, switch (activation) {
            case SWISH -> swish(y);
            case SIGMOID -> tf.math.sigmoid(y);
            default -> throw new IllegalArgumentException(name + ": no " + activation + " in EfficientNet");
        });
    }

    @Override
    public Operand<TFloat32> multiply(String name, Operand<TFloat32> x, Operand<TFloat32> scale) {
        return emit(name, tf.math.mul(x, scale));
    }

    @Override
    public Operand<TFloat32> residual(String dropName, String addName, Operand<TFloat32> x,
            Operand<TFloat32> shortcut, double rate) {
        Operand<TFloat32> branch = x;
        if (dropName != null) {
            branch = emit(dropName, mode.dropout() ? dropout(x, rate) : x);
        }
        return emit(addName, tf.math.add(branch, shortcut));
    }

    /**
     * Registers the output of the next Keras layer as an Identity named after the layer. Grappler prunes such an
     * Identity when it is not fetched, so oneDNN still fuses e.g. Conv2D + FusedBatchNorm + swish; a fetched one
     * stays and keeps that fusion from swallowing the tensor (TF's fusion ignores that an inner op's output was
     * requested and the run fails with "not found in the Graph"). It also gives every layer a distinct tensor,
     * Dropout in inference included.
     */
    private Operand<TFloat32> emit(String name, Operand<TFloat32> output) {
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
