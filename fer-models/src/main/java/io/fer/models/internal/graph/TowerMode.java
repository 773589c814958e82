package io.fer.models.internal.graph;

/**
 * How a {@link Tower} runs its layers.
 *
 * @param firstTrainingLayer Keras index of the first layer whose BatchNormalization runs in training mode (batch
 *     statistics, moving averages updated); layers before it use their moving statistics. {@link Integer#MAX_VALUE}
 *     means none.
 * @param dropout whether the stochastic-depth {@code blockNx_drop} layers drop (training) or pass through (inference)
 */
public record TowerMode(int firstTrainingLayer, boolean dropout) {
    /** Every layer in inference mode, no dropout: what serving and feature extraction use. */
    public static final TowerMode INFERENCE = new TowerMode(Integer.MAX_VALUE, false);

    public TowerMode {
        if (firstTrainingLayer < 0) {
            throw new IllegalArgumentException("firstTrainingLayer must be a Keras layer index >= 0, got "
                    + firstTrainingLayer + " (resolve negative indices with BackboneGraph.resolveIndex)");
        }
    }

    /** BatchNormalization of layers with index {@code >= firstTrainingLayer} trains; dropout as given. */
    public static TowerMode training(int firstTrainingLayer, boolean dropout) {
        return new TowerMode(firstTrainingLayer, dropout);
    }

    /** Whether the BatchNormalization layer at this Keras index uses batch statistics. */
    public boolean trainsBatchNorm(int layerIndex) {
        return layerIndex >= firstTrainingLayer;
    }
}
