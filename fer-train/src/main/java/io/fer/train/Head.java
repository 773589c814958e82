package io.fer.train;

import io.fer.models.Backbone;
import io.fer.train.internal.graph.HeadShape;
import java.util.List;

/**
 * The classifier put on top of a backbone: pooling, optional hidden dense layers (ReLU), dropout, and a dense
 * softmax over the dataset's classes.
 *
 * @param pooling how the backbone's feature map becomes a vector
 * @param hiddenUnits sizes of hidden dense layers, in order (empty: none)
 * @param dropout dropout rate before each dense layer, in {@code [0, 1)}
 */
public record Head(Pooling pooling, List<Integer> hiddenUnits, double dropout) {

    /** How a feature map becomes a vector. */
    public enum Pooling {
        /** Global average pooling (Keras' {@code GlobalAveragePooling2D}), the EfficientNet default. */
        AVERAGE,
        /** Flatten every position and channel (the plain CNN's default). */
        FLATTEN,
        /** AVERAGE for EfficientNet, FLATTEN for the plain CNN. */
        AUTO
    }

    public Head {
        hiddenUnits = List.copyOf(hiddenUnits);
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("Head dropout must be in [0, 1), got " + dropout);
        }
        for (int u : hiddenUnits) {
            if (u < 1) {
                throw new IllegalArgumentException("Hidden layer sizes must be positive, got " + hiddenUnits);
            }
        }
    }

    /** Global average pooling (or flatten for the CNN), dropout 0.2, dense softmax: Keras' transfer-learning head. */
    public static Head standard() {
        return new Head(Pooling.AUTO, List.of(), 0.2);
    }

    /** This head with hidden dense layers of the given sizes. */
    public Head withHidden(Integer... units) {
        return new Head(pooling, List.of(units), dropout);
    }

    /** This head with another dropout rate. */
    public Head withDropout(double rate) {
        return new Head(pooling, hiddenUnits, rate);
    }

    /** This head with another pooling. */
    public Head withPooling(Pooling p) {
        return new Head(p, hiddenUnits, dropout);
    }

    /** What the graph builds for this head on {@code backbone}: {@link Pooling#AUTO} resolved. */
    HeadShape shape(Backbone backbone) {
        boolean flatten = switch (pooling) {
            case FLATTEN -> true;
            case AVERAGE -> false;
            case AUTO -> !backbone.isEfficientNet();
        };
        return new HeadShape(flatten, hiddenUnits, dropout);
    }
}
