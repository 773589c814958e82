package io.fer.models.internal.keras;

import java.util.List;

/**
 * One Keras layer of a network, in {@code model.layers} order.
 *
 * @param index position in Keras' layer list (0 is the input layer)
 * @param name Keras' layer name, e.g. {@code block1a_dwconv}
 * @param kerasClass Keras' class name, e.g. {@code DepthwiseConv2D}
 * @param weights the layer's weights in Keras' order (empty for layers without weights)
 */
public record LayerSpec(int index, String name, String kerasClass, List<WeightSpec> weights) {

    public LayerSpec {
        weights = List.copyOf(weights);
    }

    /** Number of scalars over all weights of this layer. */
    public long parameterCount() {
        return weights.stream().mapToLong(WeightSpec::size).sum();
    }
}
