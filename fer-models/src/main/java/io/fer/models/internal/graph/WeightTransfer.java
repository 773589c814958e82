package io.fer.models.internal.graph;

import io.fer.models.internal.keras.KerasWeights;
import io.fer.models.internal.keras.KerasWeightsFile;
import io.fer.models.internal.keras.LayerSpec;
import io.fer.models.internal.keras.WeightArray;
import io.fer.models.internal.keras.WeightSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * Moves Keras weights into and out of a backbone's variables, each direction in one session run. The feed
 * placeholders and assign ops are added to the graph on first use and reused afterwards.
 */
public final class WeightTransfer {
    private final String backbone;
    private final Ops tf;
    private final List<LayerSpec> layers;
    /** Per layer, the variables in the order of {@link LayerSpec#weights()}. */
    private final List<List<Variable<?>>> variables;
    private List<Placeholder<?>> feeds;
    private List<Op> assigns;

    /** A transfer for {@code layers}, whose weights are {@code variables} (per layer, in declaration order). */
    public WeightTransfer(String backbone, Ops tf, List<LayerSpec> layers, List<List<Variable<?>>> variables) {
        this.backbone = backbone;
        this.tf = tf;
        this.layers = layers;
        this.variables = variables;
    }

    /** Writes every weight; all of {@code weights} is checked before anything is written. */
    public synchronized void assign(Session session, KerasWeights weights) {
        List<WeightArray> arrays = orderedArrays(weights);
        ensureAssignOps();
        List<Tensor> tensors = new ArrayList<>(arrays.size());
        try {
            Session.Runner runner = session.runner();
            for (int i = 0; i < arrays.size(); i++) {
                Tensor t = toTensor(arrays.get(i));
                tensors.add(t);
                runner.feed(feeds.get(i), t).addTarget(assigns.get(i));
            }
            runner.run().close(); // assignments only, nothing fetched
        } finally {
            tensors.forEach(Tensor::close);
        }
    }

    /** The current values, every layer in Keras order (layers without weights with an empty list). */
    public KerasWeights read(Session session) {
        Session.Runner runner = session.runner();
        variables.forEach(vs -> vs.forEach(runner::fetch));
        KerasWeights out = new KerasWeights();
        try (Result result = runner.run()) {
            int k = 0;
            for (LayerSpec layer : layers) {
                List<WeightArray> arrays = new ArrayList<>();
                for (WeightSpec spec : layer.weights()) {
                    arrays.add(fromTensor(spec, result.get(k++)));
                }
                out.put(layer.name(), arrays);
            }
        }
        return out;
    }

    private List<WeightArray> orderedArrays(KerasWeights weights) {
        List<WeightArray> out = new ArrayList<>();
        for (LayerSpec layer : layers) {
            if (layer.weights().isEmpty()) {
                continue;
            }
            List<WeightArray> given = weights.layer(layer.name()).orElseThrow(() -> new IllegalArgumentException(
                    "Weights for " + backbone + " lack layer '" + layer.name() + "' (expects " + layer.weights()
                            + ")"));
            if (given.size() != layer.weights().size()) {
                throw new IllegalArgumentException("Layer '" + layer.name() + "' of " + backbone + " has "
                        + layer.weights().size() + " weights " + layer.weights() + ", the given weights have "
                        + given.size());
            }
            for (WeightSpec expected : layer.weights()) {
                // by name, as WeightsCheck matches them: a file may list a layer's weights in another order
                WeightArray match = given.stream()
                        .filter(a -> KerasWeightsFile.shortName(a.name()).equals(expected.name())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("Weight " + layer.name() + "/"
                                + expected.name() + " of " + backbone + " is missing from the given weights"));
                out.add(checked(layer, expected, match));
            }
        }
        return out;
    }

    private WeightArray checked(LayerSpec layer, WeightSpec expected, WeightArray actual) {
        String where = "Weight " + layer.name() + "/" + expected.name() + " of " + backbone;
        if (!KerasWeightsFile.shortName(actual.name()).equals(expected.name())) {
            throw new IllegalArgumentException(where + ": the given weight at this position is named '"
                    + actual.name() + "'");
        }
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            throw new IllegalArgumentException(where + " has shape " + actual.spec().shapeText() + ", expected "
                    + expected.shapeText());
        }
        boolean int64 = actual.longs() != null;
        if (int64 != expected.int64()) {
            throw new IllegalArgumentException(where + " is " + (int64 ? "int64" : "float32") + ", expected "
                    + (expected.int64() ? "int64" : "float32"));
        }
        long length = int64 ? actual.longs().length : actual.floats().length;
        if (length != expected.size()) {
            throw new IllegalArgumentException(where + " holds " + length + " values, its shape "
                    + expected.shapeText() + " needs " + expected.size());
        }
        return actual;
    }

    private void ensureAssignOps() {
        if (feeds != null) {
            return;
        }
        Ops scope = tf.withSubScope("assign_keras_weights");
        List<Placeholder<?>> newFeeds = new ArrayList<>();
        List<Op> newAssigns = new ArrayList<>();
        for (List<Variable<?>> layerVariables : variables) {
            for (Variable<?> v : layerVariables) {
                addAssign(scope, v, newFeeds, newAssigns);
            }
        }
        feeds = newFeeds;
        assigns = newAssigns;
    }

    private static <T extends TType> void addAssign(Ops scope, Variable<T> v, List<Placeholder<?>> feeds,
            List<Op> assigns) {
        Placeholder<T> feed = scope.placeholder(v.type(), Placeholder.shape(v.shape()));
        feeds.add(feed);
        assigns.add(scope.assign(v, feed));
    }

    private static Tensor toTensor(WeightArray a) {
        Shape shape = Shape.of(a.shape());
        return a.longs() != null
                ? TInt64.tensorOf(shape, DataBuffers.of(a.longs(), true, false))
                : TFloat32.tensorOf(shape, DataBuffers.of(a.floats(), true, false));
    }

    private static WeightArray fromTensor(WeightSpec spec, Tensor t) {
        if (spec.int64()) {
            long[] values = new long[Math.toIntExact(spec.size())];
            ((TInt64) t).copyTo(DataBuffers.of(values, false, false));
            return WeightArray.ofLongs(spec.name(), spec.shape(), values);
        }
        float[] values = new float[Math.toIntExact(spec.size())];
        ((TFloat32) t).copyTo(DataBuffers.of(values, false, false));
        return WeightArray.ofFloats(spec.name(), spec.shape(), values);
    }
}
