package io.fer.models.internal.efficientnet;

import io.fer.models.Backbone;
import io.fer.models.internal.keras.KerasWeights;
import io.fer.models.internal.serving.ServingNetwork;

/**
 * EfficientNet's inference-mode forward pass as a {@link ServingNetwork}, with frozen statistics folded in: every
 * BatchNormalization becomes the kernel scale and bias of the convolution before it
 * ({@code s = gamma / sqrt(var + eps)}, {@code k' = k * s}, {@code b' = beta - mean * s}, in double precision), the
 * rescaling and normalization layers one per-channel scale and shift, swish and sigmoid attributes of the layer
 * they follow, and the {@code correct_pad} paddings constants fixed by the input size, as Keras fixes them. It is
 * the serving target of {@link EfficientNetArchitecture}, the description the training tower is built from too, so
 * its output equals the unfolded tower's up to rounding.
 */
public final class EfficientNetFolding {
    private EfficientNetFolding() {}

    /**
     * Appends the backbone ({@code include_top=False}) to {@code net}, reading {@code net}'s input, and returns the
     * index of its last layer ({@code top_activation}, NHWC).
     *
     * @param weights every weight of the backbone in Keras' layout (e.g. {@code EfficientNetGraph.readWeights})
     * @throws IllegalArgumentException naming the layer and weight if one is missing or mis-shaped
     */
    public static int appendBackbone(ServingNetwork.Builder net, Backbone variant, int inputSize,
            KerasWeights weights) {
        if (inputSize < EfficientNetGraph.MIN_INPUT_SIZE) {
            throw new IllegalArgumentException("Input size " + inputSize + " px is too small for EfficientNet "
                    + variant + ": Keras requires at least " + EfficientNetGraph.MIN_INPUT_SIZE);
        }
        String name = "EfficientNet " + variant + " (" + inputSize + " px)";
        return EfficientNetArchitecture.emit(variant, inputSize, new FoldingEmitter(net, weights, name),
                net.input());
    }

    /** Convenience: the backbone alone, its output the feature map. */
    public static ServingNetwork backbone(Backbone variant, int inputSize, KerasWeights weights) {
        ServingNetwork.Builder net = ServingNetwork.builder(inputSize);
        appendBackbone(net, variant, inputSize, weights);
        return net.build();
    }
}
