package io.fer.models;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The feature extractors a model can be built on: Keras' EfficientNet B0..B7, each with its compound-scaling
 * coefficients ({@code EfficientNetB0..B7} in {@code keras/applications/efficientnet.py}), and the paper's plain CNN
 * baseline (two 5x5 convolutions, each followed by 2x2 max pooling). It is also the key of the ImageNet weights
 * ({@code ImageNetWeights}, in the {@code weights} package).
 */
public enum Backbone {
    B0(1.0, 1.0, 224, 0.2),
    B1(1.0, 1.1, 240, 0.2),
    B2(1.1, 1.2, 260, 0.3),
    B3(1.2, 1.4, 300, 0.3),
    B4(1.4, 1.8, 380, 0.4),
    B5(1.6, 2.2, 456, 0.4),
    B6(1.8, 2.6, 528, 0.5),
    B7(2.0, 3.1, 600, 0.5),
    /** The paper's baseline: conv 5x5 (32) + max-pool 2x2, conv 5x5 (64) + max-pool 2x2, ReLU; no scaling. */
    CNN(Double.NaN, Double.NaN, 224, Double.NaN);

    private final double widthCoefficient;
    private final double depthCoefficient;
    private final int defaultInputSize;
    private final double dropoutRate;

    Backbone(double widthCoefficient, double depthCoefficient, int defaultInputSize, double dropoutRate) {
        this.widthCoefficient = widthCoefficient;
        this.depthCoefficient = depthCoefficient;
        this.defaultInputSize = defaultInputSize;
        this.dropoutRate = dropoutRate;
    }

    /** The EfficientNets B0..B7, in order. */
    public static List<Backbone> efficientNets() {
        return Arrays.stream(values()).filter(Backbone::isEfficientNet).toList();
    }

    /** Lower-case name used on the command line and in model directories: {@code b0}..{@code b7}, {@code cnn}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this is one of Keras' EfficientNets (which have compound scaling and ImageNet weights). */
    public boolean isEfficientNet() {
        return this != CNN;
    }

    /**
     * The input size the backbone was designed for: for an EfficientNet the resolution its ImageNet weights were
     * trained at (Keras' default), 224 for the CNN.
     */
    public int defaultInputSize() {
        return defaultInputSize;
    }

    /** EfficientNet's multiplier of every layer's number of filters; {@link IllegalStateException} for the CNN. */
    public double widthCoefficient() {
        return requireEfficientNet(widthCoefficient);
    }

    /** EfficientNet's multiplier of the number of blocks per stage; {@link IllegalStateException} for the CNN. */
    public double depthCoefficient() {
        return requireEfficientNet(depthCoefficient);
    }

    /**
     * Dropout rate Keras puts before the classifier of the full EfficientNet ({@code top_dropout});
     * {@link IllegalStateException} for the CNN.
     */
    public double dropoutRate() {
        return requireEfficientNet(dropoutRate);
    }

    /** Keras' model name, e.g. {@code efficientnetb0}; {@link IllegalStateException} for the CNN. */
    public String kerasModelName() {
        requireEfficientNet(0);
        return "efficientnet" + label();
    }

    /** How messages name it: {@code EfficientNet B0} … or {@code the plain CNN}. */
    public String displayName() {
        return isEfficientNet() ? "EfficientNet " + name() : "the plain CNN";
    }

    /**
     * Parses {@code b0}..{@code b7}, {@code efficientnetb0}..{@code efficientnetb7} or {@code cnn}, in any case (what
     * model directories and the command line say).
     *
     * @throws IllegalArgumentException naming the text and the accepted names
     */
    public static Backbone parse(String text) {
        String t = text == null ? "" : text.trim();
        for (Backbone b : values()) {
            if (b.label().equalsIgnoreCase(t) || ("efficientnet" + b.label()).equalsIgnoreCase(t)) {
                return b;
            }
        }
        throw new IllegalArgumentException("Unknown backbone '" + text + "': use one of "
                + Arrays.stream(values()).map(Backbone::label).collect(Collectors.joining(", "))
                + " (case does not matter: B0, B1 and efficientnetb0 work too)");
    }

    private double requireEfficientNet(double value) {
        if (!isEfficientNet()) {
            throw new IllegalStateException("The plain CNN is not an EfficientNet: it has no compound scaling");
        }
        return value;
    }
}
