package io.fer.models.internal.efficientnet;

import io.fer.models.Backbone;
import io.fer.models.internal.graph.BackboneGraph;
import io.fer.models.internal.graph.Tower;
import io.fer.models.internal.graph.TowerMode;
import io.fer.models.internal.graph.WeightTransfer;
import io.fer.models.internal.keras.KerasWeights;
import io.fer.models.internal.keras.LayerSpec;
import io.fer.models.internal.keras.WeightSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A Keras-exact EfficientNet backbone ({@code include_top=False}, ImageNet layout) in a TensorFlow graph: its
 * variables, created once with Keras' initializers and named {@code <layer>/<weight>} (e.g. {@code stem_conv/kernel}),
 * and any number of {@link Tower}s that share them. Input images are NHWC RGB floats in 0..255 of the size given at
 * creation: like Keras, the stride-2 paddings are fixed by that size.
 *
 * <p>Variables are initialized by the graph's initializers ({@link Session#initialize()}); {@link #assignWeights}
 * then loads a Keras weight file's values. Building ops is not thread-safe; the graph itself is used from one thread.
 */
public final class EfficientNetGraph implements BackboneGraph {
    /** Keras' smallest accepted input size for EfficientNet. */
    public static final int MIN_INPUT_SIZE = 32;

    private final Ops tf;
    private final Backbone variant;
    private final int inputSize;
    private final long seed;
    private final List<LayerSpec> layers;
    /** The layers each layer reads, as the architecture wired them (se_excite and add read two). */
    private final List<List<String>> inbound;
    private final List<MbConvBlock> blocks;
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final List<List<Variable<?>>> variables;
    private final WeightTransfer transfer;
    private int towers;

    private EfficientNetGraph(Ops tf, Backbone variant, int inputSize, long seed) {
        this.tf = tf;
        this.variant = variant;
        this.inputSize = inputSize;
        this.seed = seed;
        LayerRecorder recorded = LayerRecorder.record(variant);
        this.layers = recorded.layers();
        this.inbound = recorded.inbound();
        this.blocks = EfficientNetSpec.blocks(variant);
        KerasInitializers initializers = new KerasInitializers(tf, seed);
        List<List<Variable<?>>> vars = new ArrayList<>(layers.size());
        for (LayerSpec layer : layers) {
            indexByName.put(layer.name(), layer.index());
            vars.add(layer.weights().isEmpty() ? List.of() : List.copyOf(initializers.create(layer)));
        }
        this.variables = List.copyOf(vars);
        this.transfer = new WeightTransfer(backboneName(), tf, layers, variables);
    }

    /**
     * Creates the backbone's variables in {@code tf}'s graph.
     *
     * @param tf ops of a {@link Graph} (not eager); variables and towers go under its scope
     * @param inputSize height and width of the images every tower receives, at least {@value #MIN_INPUT_SIZE}
     * @param seed seed of the kernels' random initial values and of the towers' dropout
     */
    public static EfficientNetGraph create(Ops tf, Backbone variant, int inputSize, long seed) {
        if (!variant.isEfficientNet()) {
            throw new IllegalArgumentException("EfficientNetGraph builds B0..B7, not " + variant.displayName());
        }
        if (!(tf.scope().env() instanceof Graph)) {
            throw new IllegalArgumentException("EfficientNetGraph needs graph-mode Ops, got "
                    + tf.scope().env().getClass().getSimpleName());
        }
        if (inputSize < MIN_INPUT_SIZE) {
            throw new IllegalArgumentException("Input size " + inputSize + " px is too small for EfficientNet "
                    + variant + ": Keras requires at least " + MIN_INPUT_SIZE);
        }
        return new EfficientNetGraph(tf, variant, inputSize, seed);
    }

    /** Keras wires EfficientNet as a chain except at {@code blockNx_se_excite} and {@code blockNx_add}. */
    @Override
    public List<String> frozenBoundary(int firstTrainable) {
        java.util.Set<String> boundary = new java.util.LinkedHashSet<>();
        if (firstTrainable <= 0 || firstTrainable >= layers.size()) {
            return List.of();
        }
        for (int i = firstTrainable; i < layers.size(); i++) {
            for (String in : inbound(i)) {
                if (layerIndex(in) < firstTrainable) {
                    boundary.add(in);
                }
            }
        }
        return List.copyOf(boundary);
    }

    /** The layers whose outputs layer {@code i} consumes. */
    List<String> inbound(int i) {
        return inbound.get(i);
    }

    @Override
    public Backbone backbone() {
        return variant;
    }

    /** The variant, B0..B7. */
    public Backbone variant() {
        return variant;
    }

    /** Height and width, in pixels, of the images the towers take. */
    public int inputSize() {
        return inputSize;
    }

    /** Keras' layers of this backbone, in order. */
    public List<LayerSpec> layers() {
        return layers;
    }

    /**
     * The variables an optimizer updates when layers from {@code fromIndex} on are trained: convolution kernels and
     * biases, and BatchNormalization gamma and beta if {@code includeBatchNorm}; never moving statistics nor the
     * normalization state. Keras order.
     *
     * @param fromIndex Keras index of the first trained layer, 0 to {@code layers().size()} (none)
     */
    public List<Variable<TFloat32>> trainableVariables(int fromIndex, boolean includeBatchNorm) {
        if (fromIndex < 0 || fromIndex > layers.size()) {
            throw new IllegalArgumentException("fromIndex " + fromIndex + " is out of range for EfficientNet "
                    + variant + ": use 0.." + layers.size() + " (resolve negative indices with resolveIndex)");
        }
        List<Variable<TFloat32>> out = new ArrayList<>();
        for (LayerSpec layer : layers.subList(fromIndex, layers.size())) {
            boolean batchNorm = layer.kerasClass().equals("BatchNormalization");
            if (batchNorm && !includeBatchNorm) {
                continue;
            }
            for (WeightSpec w : layer.weights()) {
                if (EfficientNetSpec.isTrainable(layer, w)) {
                    out.add(floatVariable(layer.name(), w.name()));
                }
            }
        }
        return out;
    }

    /** Every variable, trainable or not, in Keras order: for checkpoints and freezing checks. */
    public List<Variable<?>> allVariables() {
        List<Variable<?>> out = new ArrayList<>();
        variables.forEach(out::addAll);
        return out;
    }

    /**
     * Builds a forward pass of {@code images}, which must be NHWC float RGB in 0..255 of {@link #inputSize()}
     * pixels (checked where the shape is known when building). Every call adds a new tower sharing the variables.
     */
    public Tower tower(Operand<TFloat32> images, TowerMode mode) {
        checkImages(images.shape());
        if (mode.firstTrainingLayer() != Integer.MAX_VALUE && mode.firstTrainingLayer() > layers.size()) {
            throw new IllegalArgumentException("firstTrainingLayer " + mode.firstTrainingLayer()
                    + " is out of range for EfficientNet " + variant + ": use 0.." + layers.size());
        }
        int n = towers++;
        Ops scope = tf.withSubScope(variant.kerasModelName() + "_tower_" + n);
        return new TowerBuilder(this, scope, mode, seed + n).build(images);
    }

    /**
     * Writes {@code weights} (a Keras-2 weight file's content, layers by name, weights in Keras order) into the
     * variables in one session run; the feed ops are added to the graph on first use.
     *
     * @throws IllegalArgumentException naming the layer and weight if a layer is missing or a shape or type differs;
     *     nothing is written then
     */
    public void assignWeights(Session session, KerasWeights weights) {
        transfer.assign(session, weights);
    }

    /** The variables' current values as Keras weights: every layer in order, int64 {@code normalization/count}. */
    public KerasWeights readWeights(Session session) {
        return transfer.read(session);
    }

    /** All parameters, as Keras' {@code model.count_params()}. */
    public long parameterCount() {
        return layers.stream().mapToLong(LayerSpec::parameterCount).sum();
    }

    /** Parameters Keras lists as non-trainable: BatchNormalization moving statistics and the normalization state. */
    public long nonTrainableParameterCount() {
        long n = 0;
        for (LayerSpec layer : layers) {
            for (WeightSpec w : layer.weights()) {
                n += EfficientNetSpec.isTrainable(layer, w) ? 0 : w.size();
            }
        }
        return n;
    }

    String backboneName() {
        return "EfficientNet " + variant + " (" + inputSize + " px)";
    }

    List<MbConvBlock> blocks() {
        return blocks;
    }

    /** The float variable of one weight of one layer. */
    @SuppressWarnings("unchecked")
    Variable<TFloat32> floatVariable(String layer, String weight) {
        int index = layerIndex(layer);
        List<WeightSpec> specs = layers.get(index).weights();
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).name().equals(weight) && !specs.get(i).int64()) {
                return (Variable<TFloat32>) variables.get(index).get(i);
            }
        }
        throw new IllegalStateException("Layer " + layer + " of " + backboneName() + " has no float weight " + weight);
    }

    private void checkImages(Shape shape) {
        boolean ok = shape.isUnknown() || shape.numDimensions() == 4
                && (shape.get(1) < 0 || shape.get(1) == inputSize)
                && (shape.get(2) < 0 || shape.get(2) == inputSize)
                && (shape.get(3) < 0 || shape.get(3) == 3);
        if (!ok) {
            throw new IllegalArgumentException(backboneName() + " takes NHWC images of shape [batch, " + inputSize
                    + ", " + inputSize + ", 3], got " + shape);
        }
    }
}
