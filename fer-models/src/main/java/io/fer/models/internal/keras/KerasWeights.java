package io.fer.models.internal.keras;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The weights of a Keras model, layer by layer, in the order of the file's {@code layer_names}: what a Keras-2
 * HDF5 weights file holds, in memory. A layer without weights maps to an empty list.
 */
public final class KerasWeights {
    private final Map<String, List<WeightArray>> layers = new LinkedHashMap<>();

    /** Adds (or replaces) a layer's weights, keeping first-insertion order. */
    public KerasWeights put(String layer, List<WeightArray> weights) {
        layers.put(layer, List.copyOf(weights));
        return this;
    }

    /** Layer names in order. */
    public List<String> layerNames() {
        return List.copyOf(layers.keySet());
    }

    /** The weights of one layer, if the layer is present. */
    public Optional<List<WeightArray>> layer(String name) {
        return Optional.ofNullable(layers.get(name));
    }

    /** Every layer, in order (read-only). */
    public Map<String, List<WeightArray>> asMap() {
        return Collections.unmodifiableMap(layers);
    }
}
