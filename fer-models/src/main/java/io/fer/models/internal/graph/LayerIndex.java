package io.fer.models.internal.graph;

import io.fer.models.Backbone;
import io.fer.models.internal.keras.LayerSpec;
import java.util.List;

/** Finding a layer of a backbone's Keras layer table by name or by (possibly negative) index. */
public final class LayerIndex {
    private LayerIndex() {}

    /** Index of a layer by Keras name; the error names the backbone and how to list its layers. */
    public static int byName(Backbone backbone, List<LayerSpec> layers, String name) {
        for (LayerSpec layer : layers) {
            if (layer.name().equals(name)) {
                return layer.index();
            }
        }
        throw new IllegalArgumentException(backbone.displayName() + " has no layer named '" + name
                + "' (list them with `bin/fer layers " + backbone.label() + "`)");
    }

    /** A Keras index, negative counting from the end, as an index into a table of {@code n} layers. */
    public static int resolve(Backbone backbone, int n, int kerasIndex) {
        if (kerasIndex >= n || kerasIndex < -n) {
            throw new IllegalArgumentException("Layer index " + kerasIndex + " is out of range for "
                    + backbone.displayName() + " with " + n + " layers: use 0.." + (n - 1) + " or -" + n + "..-1");
        }
        return kerasIndex < 0 ? n + kerasIndex : kerasIndex;
    }
}
