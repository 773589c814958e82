package io.fer.models.efficientnet;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The eight EfficientNet backbones with Keras' compound-scaling coefficients ({@code EfficientNetB0..B7} in
 * {@code keras/applications/efficientnet.py}).
 */
public enum EfficientNetVariant {
    B0(1.0, 1.0, 224, 0.2),
    B1(1.0, 1.1, 240, 0.2),
    B2(1.1, 1.2, 260, 0.3),
    B3(1.2, 1.4, 300, 0.3),
    B4(1.4, 1.8, 380, 0.4),
    B5(1.6, 2.2, 456, 0.4),
    B6(1.8, 2.6, 528, 0.5),
    B7(2.0, 3.1, 600, 0.5);

    private final double widthCoefficient;
    private final double depthCoefficient;
    private final int defaultResolution;
    private final double dropoutRate;

    EfficientNetVariant(double widthCoefficient, double depthCoefficient, int defaultResolution, double dropoutRate) {
        this.widthCoefficient = widthCoefficient;
        this.depthCoefficient = depthCoefficient;
        this.defaultResolution = defaultResolution;
        this.dropoutRate = dropoutRate;
    }

    /** Multiplier of every layer's number of filters. */
    public double widthCoefficient() {
        return widthCoefficient;
    }

    /** Multiplier of the number of blocks per stage. */
    public double depthCoefficient() {
        return depthCoefficient;
    }

    /** Input size, in pixels, the published ImageNet weights were trained at. */
    public int defaultResolution() {
        return defaultResolution;
    }

    /** Dropout rate Keras puts before the classifier of the full model ({@code top_dropout}). */
    public double dropoutRate() {
        return dropoutRate;
    }

    /** Keras' model name, e.g. {@code efficientnetb0}. */
    public String kerasModelName() {
        return "efficientnet" + name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code b0}..{@code b7} in either case.
     *
     * @throws IllegalArgumentException naming the text and the accepted values
     */
    public static EfficientNetVariant parse(String text) {
        if (text != null) {
            String t = text.trim().toUpperCase(Locale.ROOT);
            for (EfficientNetVariant v : values()) {
                if (v.name().equals(t)) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("Unknown EfficientNet variant '" + text + "': expected one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + " (case-insensitive)");
    }
}
