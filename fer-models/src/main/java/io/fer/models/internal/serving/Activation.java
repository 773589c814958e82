package io.fer.models.internal.serving;

/** The activation a serving layer applies to its own output, so that engines can fuse it into the layer. */
public enum Activation {
    /** Identity. */
    NONE,
    /** {@code x * sigmoid(x)} (Keras' swish / SiLU). */
    SWISH,
    /** {@code 1 / (1 + exp(-x))}. */
    SIGMOID,
    /** {@code max(x, 0)}. */
    RELU
}
