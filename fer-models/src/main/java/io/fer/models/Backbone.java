package io.fer.models;

import io.fer.models.cnn.PlainCnnGraph;
import io.fer.models.efficientnet.EfficientNetGraph;
import io.fer.models.efficientnet.EfficientNetSpec;
import io.fer.models.efficientnet.EfficientNetVariant;
import io.fer.models.keras.LayerSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.tensorflow.op.Ops;

/**
 * The feature extractors a model can be built on: Keras' EfficientNet B0..B7, and the paper's plain CNN baseline
 * (two 5x5 convolutions, each followed by 2x2 max pooling).
 */
public enum Backbone {
    B0, B1, B2, B3, B4, B5, B6, B7,
    /** The paper's baseline: conv 5x5 (32) + max-pool 2x2, conv 5x5 (64) + max-pool 2x2, ReLU. */
    CNN;

    private volatile List<LayerSpec> layers;

    /** Lower-case name used on the command line and in model directories: {@code b0}..{@code b7}, {@code cnn}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this is one of Keras' EfficientNets (which have ImageNet weights). */
    public boolean isEfficientNet() {
        return this != CNN;
    }

    /** The EfficientNet variant; {@link IllegalStateException} for the CNN. */
    public EfficientNetVariant efficientNet() {
        if (!isEfficientNet()) {
            throw new IllegalStateException("The plain CNN is not an EfficientNet");
        }
        return EfficientNetVariant.valueOf(name());
    }

    /** The input size the backbone was designed for (Keras' default resolution; 224 for the CNN). */
    public int defaultInputSize() {
        return isEfficientNet() ? efficientNet().defaultResolution() : 224;
    }

    /** Every layer in Keras order, without building a graph (what {@code fer layers} prints). */
    public List<LayerSpec> layers() {
        List<LayerSpec> l = layers;
        if (l == null) {
            l = isEfficientNet() ? EfficientNetSpec.layers(efficientNet()) : PlainCnnGraph.layerTable();
            layers = l;
        }
        return l;
    }

    /** How messages name it: {@code EfficientNet B0} … or {@code the plain CNN}. */
    public String displayName() {
        return isEfficientNet() ? "EfficientNet " + name() : "the plain CNN";
    }

    /** Index of a layer by Keras name; the error names the backbone and how to list its layers. */
    public int layerIndex(String name) {
        for (LayerSpec layer : layers()) {
            if (layer.name().equals(name)) {
                return layer.index();
            }
        }
        throw new IllegalArgumentException(displayName() + " has no layer named '" + name
                + "' (list them with `bin/fer layers " + label() + "`)");
    }

    /** A Keras index, negative counting from the end, as an index into {@link #layers()}; the error names the range. */
    public int resolveIndex(int kerasIndex) {
        int n = layers().size();
        if (kerasIndex >= n || kerasIndex < -n) {
            throw new IllegalArgumentException("Layer index " + kerasIndex + " is out of range for " + displayName()
                    + " with " + n + " layers: use 0.." + (n - 1) + " or -" + n + "..-1");
        }
        return kerasIndex < 0 ? n + kerasIndex : kerasIndex;
    }

    /** Builds this backbone's variables into the graph of {@code tf}, for images of {@code inputSize} pixels. */
    public BackboneGraph create(Ops tf, int inputSize, long seed) {
        return isEfficientNet() ? EfficientNetGraph.create(tf, efficientNet(), inputSize, seed)
                : PlainCnnGraph.create(tf, inputSize, seed);
    }

    /** Parses {@code b0}..{@code b7} or {@code cnn} (any case); the error lists the accepted names. */
    public static Backbone parse(String text) {
        for (Backbone b : values()) {
            if (b.label().equalsIgnoreCase(text == null ? "" : text.trim())
                    || ("efficientnet" + b.label()).equalsIgnoreCase(text == null ? "" : text.trim())) {
                return b;
            }
        }
        throw new IllegalArgumentException("Unknown backbone '" + text + "'; use one of "
                + Arrays.stream(values()).map(Backbone::label).collect(Collectors.joining(", ")));
    }
}
