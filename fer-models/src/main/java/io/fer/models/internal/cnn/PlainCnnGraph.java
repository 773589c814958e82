package io.fer.models.internal.cnn;

import io.fer.models.Backbone;
import io.fer.models.internal.graph.BackboneGraph;
import io.fer.models.internal.graph.Tower;
import io.fer.models.internal.graph.TowerMode;
import io.fer.models.internal.graph.VariableSet;
import io.fer.models.internal.graph.WeightTransfer;
import io.fer.models.internal.keras.KerasWeights;
import io.fer.models.internal.keras.LayerSpec;
import io.fer.models.internal.keras.WeightSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/**
 * The paper's plain CNN baseline as a graph: rescaling to 0..1, then two blocks of 5x5 convolution (SAME padding,
 * ReLU) and 2x2 max pooling, with 32 and 64 filters. Layer names follow Keras' conventions so that freezing and
 * weight files work as for EfficientNet.
 */
public final class PlainCnnGraph implements BackboneGraph {
    private static final int[] FILTERS = {32, 64};
    private static final int KERNEL = 5;

    private final Ops tf;
    private final int inputSize;
    private final List<LayerSpec> layers;
    private final VariableSet variables;
    private final WeightTransfer transfer;

    private PlainCnnGraph(Ops tf, int inputSize, long seed) {
        if (inputSize < 8) {
            throw new IllegalArgumentException("Input size " + inputSize + " is too small for the plain CNN (min 8)");
        }
        this.tf = tf.withSubScope("cnn");
        this.inputSize = inputSize;
        this.layers = layerTable();
        this.variables = new VariableSet(this.tf);
        Ops init = this.tf.withInitScope();
        long seed2 = 1;
        for (LayerSpec layer : layers) {
            for (WeightSpec w : layer.weights()) {
                Ops named = this.tf.withSubScope(layer.name()).withName(w.name());
                Operand<TFloat32> value = w.name().equals("kernel")
                        ? glorotUniform(init, w.shape(), seed, seed2++)
                        : init.zeros(init.constant(w.shape()), TFloat32.class);
                variables.put(layer.name(), w.name(), named.variable(value));
            }
        }
        this.transfer = variables.transfer(Backbone.CNN.label(), layers);
    }

    /** Creates the CNN's variables in the graph of {@code tf}. */
    public static PlainCnnGraph create(Ops tf, int inputSize, long seed) {
        return new PlainCnnGraph(tf, inputSize, seed);
    }

    /** The layer table: input, rescaling, then conv/pool pairs. */
    public static List<LayerSpec> layerTable() {
        List<LayerSpec> l = new ArrayList<>();
        l.add(new LayerSpec(0, "input_layer", "InputLayer", List.of()));
        l.add(new LayerSpec(1, "rescaling", "Rescaling", List.of()));
        long in = 3;
        for (int b = 0; b < FILTERS.length; b++) {
            l.add(new LayerSpec(l.size(), "conv" + (b + 1), "Conv2D",
                    List.of(WeightSpec.of("kernel", KERNEL, KERNEL, in, FILTERS[b]), WeightSpec.of("bias", FILTERS[b]))));
            l.add(new LayerSpec(l.size(), "pool" + (b + 1), "MaxPooling2D", List.of()));
            in = FILTERS[b];
        }
        return List.copyOf(l);
    }

    /** Keras' default kernel initializer: uniform in ±sqrt(6 / (fan_in + fan_out)). */
    private static Operand<TFloat32> glorotUniform(Ops init, long[] shape, long seed, long seed2) {
        long receptive = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            receptive *= shape[i];
        }
        double fanIn = receptive * shape[shape.length - 2];
        double fanOut = receptive * shape[shape.length - 1];
        float limit = (float) Math.sqrt(6.0 / (fanIn + fanOut));
        Operand<TFloat32> u = init.random.randomUniform(init.constant(shape), TFloat32.class,
                RandomUniform.seed(seed), RandomUniform.seed2(seed2));
        return init.math.mul(init.math.sub(u, init.constant(0.5f)), init.constant(2 * limit));
    }

    @Override
    public Backbone backbone() {
        return Backbone.CNN;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public List<LayerSpec> layers() {
        return layers;
    }

    @Override
    public List<Variable<TFloat32>> trainableVariables(int fromIndex, boolean includeBatchNorm) {
        List<Variable<TFloat32>> out = new ArrayList<>();
        for (LayerSpec layer : layers) {
            if (layer.index() >= fromIndex) {
                for (WeightSpec w : layer.weights()) {
                    out.add(variables.get(layer.name(), w.name()));
                }
            }
        }
        return out;
    }

    @Override
    public List<Variable<?>> allVariables() {
        return variables.all();
    }

    @Override
    public Tower tower(Operand<TFloat32> images, TowerMode mode) {
        Map<String, Operand<TFloat32>> outputs = new LinkedHashMap<>();
        outputs.put("input_layer", images);
        Operand<TFloat32> x = tf.math.mul(images, tf.constant(1f / 255f));
        outputs.put("rescaling", x);
        for (int b = 1; b <= FILTERS.length; b++) {
            String conv = "conv" + b;
            x = tf.nn.conv2d(x, variables.get(conv, "kernel"), List.of(1L, 1L, 1L, 1L), "SAME");
            x = tf.nn.relu(tf.nn.biasAdd(x, variables.get(conv, "bias")));
            outputs.put(conv, x);
            x = tf.nn.maxPool(x, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "VALID");
            outputs.put("pool" + b, x);
        }
        return new Tower(Backbone.CNN.label(), mode, outputs, Map.of(), List.of(), x);
    }

    @Override
    public void assignWeights(Session session, KerasWeights weights) {
        transfer.assign(session, weights);
    }

    @Override
    public KerasWeights readWeights(Session session) {
        return transfer.read(session);
    }
}
