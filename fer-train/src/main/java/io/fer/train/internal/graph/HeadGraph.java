package io.fer.train.internal.graph;

import io.fer.models.internal.graph.VariableSet;
import io.fer.models.internal.graph.WeightTransfer;
import io.fer.models.internal.keras.KerasWeights;
import io.fer.models.internal.keras.LayerSpec;
import io.fer.models.internal.keras.WeightSpec;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The classifier head's variables in a graph, applied to backbone features as often as needed (with or without
 * dropout). Its layers are named like Keras' ({@code head_dense_1}, …, {@code predictions}) so that they are
 * saved and copied with the same machinery as the backbone's.
 */
public final class HeadGraph {
    private final Ops tf;
    private final HeadShape head;
    private final boolean flatten;
    private final List<LayerSpec> layers = new ArrayList<>();
    private final VariableSet variables;
    private final WeightTransfer transfer;
    private final long seed;
    private long dropoutSeed2 = 1000;

    /**
     * Creates the head's variables for features of {@code featureShape} (height, width, channels) and
     * {@code classes} outputs.
     */
    public HeadGraph(Ops tf, HeadShape head, long[] featureShape, int classes, long seed) {
        this.tf = tf.withSubScope("head");
        this.head = head;
        this.flatten = head.flatten();
        this.seed = seed;
        this.variables = new VariableSet(this.tf);
        long in = flatten ? featureShape[0] * featureShape[1] * featureShape[2] : featureShape[2];
        List<Integer> sizes = new ArrayList<>(head.hiddenUnits());
        sizes.add(classes);
        Ops init = this.tf.withInitScope();
        long seed2 = 1;
        for (int i = 0; i < sizes.size(); i++) {
            String name = i == sizes.size() - 1 ? "predictions" : "head_dense_" + (i + 1);
            long out = sizes.get(i);
            LayerSpec spec = new LayerSpec(i, name, "Dense", List.of(WeightSpec.of("kernel", in, out),
                    WeightSpec.of("bias", out)));
            layers.add(spec);
            float limit = (float) Math.sqrt(6.0 / (in + out));
            Operand<TFloat32> u = init.random.randomUniform(init.constant(new long[] {in, out}), TFloat32.class,
                    RandomUniform.seed(seed), RandomUniform.seed2(seed2++));
            Operand<TFloat32> kernel = init.math.mul(init.math.sub(u, init.constant(0.5f)), init.constant(2 * limit));
            variables.put(name, "kernel", this.tf.withSubScope(name).withName("kernel").variable(kernel));
            variables.put(name, "bias", this.tf.withSubScope(name).withName("bias")
                    .variable(init.zeros(init.constant(new long[] {out}), TFloat32.class)));
            in = out;
        }
        this.transfer = variables.transfer("head", layers);
    }

    /**
     * The vector the dense layers see: {@code features} (NHWC) averaged over height and width, or flattened. Feeding
     * this tensor directly skips the backbone, which is how phase 1 trains on cached features.
     */
    public Operand<TFloat32> pool(Operand<TFloat32> features) {
        return flatten ? tf.reshape(features, tf.constant(new long[] {-1, flatSize(features)}))
                : tf.math.mean(features, tf.constant(new int[] {1, 2}));
    }

    /** Logits for a pooled feature vector; dropout active only if {@code training}. */
    public Operand<TFloat32> logits(Operand<TFloat32> pooled, boolean training) {
        Operand<TFloat32> x = pooled;
        for (int i = 0; i < layers.size(); i++) {
            String name = layers.get(i).name();
            if (training && head.dropout() > 0) {
                x = dropout(x, head.dropout());
            }
            x = tf.nn.biasAdd(tf.linalg.matMul(x, variables.get(name, "kernel")), variables.get(name, "bias"));
            if (i < layers.size() - 1) {
                x = tf.nn.relu(x);
            }
        }
        return x;
    }

    private static long flatSize(Operand<TFloat32> features) {
        long[] s = features.shape().asArray();
        return s[1] * s[2] * s[3];
    }

    /** Inverted dropout with a seeded random op: the same seed gives the same masks, run after run. */
    private Operand<TFloat32> dropout(Operand<TFloat32> x, double rate) {
        float keep = (float) (1 - rate);
        Operand<TInt32> shape = tf.shape(x);
        Operand<TFloat32> u = tf.random.randomUniform(shape, TFloat32.class, RandomUniform.seed(seed),
                RandomUniform.seed2(dropoutSeed2++));
        Operand<TFloat32> mask = tf.math.floor(tf.math.add(u, tf.constant(keep)));
        return tf.math.mul(x, tf.math.mul(mask, tf.constant(1 / keep)));
    }

    /** Whether the head flattens the feature map (rather than averaging it). */
    public boolean flattens() {
        return flatten;
    }

    /** Every trainable variable of the head. */
    public List<Variable<TFloat32>> variables() {
        List<Variable<TFloat32>> out = new ArrayList<>();
        for (LayerSpec l : layers) {
            out.add(variables.get(l.name(), "kernel"));
            out.add(variables.get(l.name(), "bias"));
        }
        return out;
    }

    /** The head's layers. */
    public List<LayerSpec> layers() {
        return List.copyOf(layers);
    }

    /** Current values, in Keras' layout. */
    public KerasWeights read(Session s) {
        return transfer.read(s);
    }

    /** Writes values read from another graph's head of the same shape. */
    public void assign(Session s, KerasWeights w) {
        transfer.assign(s, w);
    }
}
