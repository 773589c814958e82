package io.fer.models.internal;

import io.fer.models.Backbone;
import io.fer.models.internal.cnn.PlainCnnGraph;
import io.fer.models.internal.efficientnet.EfficientNetGraph;
import io.fer.models.internal.efficientnet.EfficientNetSpec;
import io.fer.models.internal.graph.BackboneGraph;
import io.fer.models.internal.graph.LayerIndex;
import io.fer.models.internal.keras.LayerSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tensorflow.op.Ops;

/**
 * What each {@link Backbone} is as a network: its Keras layer table and its TensorFlow graph. It lives here rather
 * than on {@link Backbone} so that the public enum needs neither TensorFlow nor the internal packages (which in
 * turn use {@link Backbone} for its coefficients: no package cycle).
 */
public final class Backbones {
    private static final Map<Backbone, List<LayerSpec>> LAYERS = new ConcurrentHashMap<>();

    private Backbones() {}

    /** Every layer in Keras order, without building a graph (what {@code fer layers} prints). */
    public static List<LayerSpec> layers(Backbone backbone) {
        return LAYERS.computeIfAbsent(backbone, b -> b.isEfficientNet() ? EfficientNetSpec.layers(b)
                : PlainCnnGraph.layerTable());
    }

    /** Index of a layer by Keras name; the error names the backbone and how to list its layers. */
    public static int layerIndex(Backbone backbone, String name) {
        return LayerIndex.byName(backbone, layers(backbone), name);
    }

    /** A Keras index, negative counting from the end, as an index into {@link #layers}; the error names the range. */
    public static int resolveIndex(Backbone backbone, int kerasIndex) {
        return LayerIndex.resolve(backbone, layers(backbone).size(), kerasIndex);
    }

    /** Builds {@code backbone}'s variables into the graph of {@code tf}, for images of {@code inputSize} pixels. */
    public static BackboneGraph create(Backbone backbone, Ops tf, int inputSize, long seed) {
        return backbone.isEfficientNet() ? EfficientNetGraph.create(tf, backbone, inputSize, seed)
                : PlainCnnGraph.create(tf, inputSize, seed);
    }
}
