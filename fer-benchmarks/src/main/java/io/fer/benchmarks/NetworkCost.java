package io.fer.benchmarks;

import io.fer.models.Backbone;
import io.fer.models.internal.Backbones;
import io.fer.models.internal.efficientnet.EfficientNetFolding;
import io.fer.models.internal.keras.KerasWeights;
import io.fer.models.internal.keras.LayerSpec;
import io.fer.models.internal.keras.WeightArray;
import io.fer.models.internal.keras.WeightSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Floating-point operations per image of an EfficientNet backbone, counted from the serving network's description
 * ({@link io.fer.models.internal.serving.ServingNetwork#multiplyAccumulates}: every convolution and dense weight once per
 * output pixel, two operations per multiply-accumulate). The backbone is built with zero weights of Keras' shapes:
 * the count depends on shapes only. The head (pooling and a dense layer of 1280..2560 x classes) adds under
 * 0.01 % and is left out.
 */
public final class NetworkCost {
    private NetworkCost() {}

    /** GFLOP per image of {@code backbone} at {@code inputSize} px (0 or less: its default size). */
    public static double gflopPerImage(Backbone backbone, int inputSize) {
        if (!backbone.isEfficientNet()) {
            throw new IllegalArgumentException("Only EfficientNet backbones are counted, not " + backbone.displayName());
        }
        int size = ModelFixture.resolveInputSize(backbone, inputSize);
        long macs = EfficientNetFolding.backbone(backbone, size, zeroWeights(Backbones.layers(backbone)))
                .multiplyAccumulates();
        return 2.0 * macs / 1e9;
    }

    private static KerasWeights zeroWeights(List<LayerSpec> layers) {
        KerasWeights w = new KerasWeights();
        for (LayerSpec layer : layers) {
            List<WeightArray> arrays = new ArrayList<>();
            for (WeightSpec spec : layer.weights()) {
                int size = Math.toIntExact(spec.size());
                arrays.add(spec.int64() ? WeightArray.ofLongs(spec.name(), spec.shape(), new long[size])
                        : WeightArray.ofFloats(spec.name(), spec.shape(), new float[size]));
            }
            if (!arrays.isEmpty()) {
                w.put(layer.name(), arrays);
            }
        }
        return w;
    }
}
