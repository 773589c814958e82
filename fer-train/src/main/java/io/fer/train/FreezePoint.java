package io.fer.train;

import io.fer.models.Backbone;
import io.fer.models.internal.Backbones;

/**
 * Where fine-tuning starts: layers before this point stay frozen (their weights are not updated and their batch
 * norm runs in inference mode); this layer and those after it are trained in phase 2. Given as a Keras index
 * (negative counts from the end, so {@code -6} unfreezes the last six layers) or a Keras layer name.
 */
public sealed interface FreezePoint {

    /** The first trainable layer's index in {@code backbone}'s Keras layer list. */
    int resolve(Backbone backbone);

    /** By Keras index; negative counts from the end. */
    static FreezePoint index(int kerasIndex) {
        return new ByIndex(kerasIndex);
    }

    /** By Keras layer name, e.g. {@code "block7a_se_excite"}. */
    static FreezePoint layer(String name) {
        return new ByName(name);
    }

    /** A Keras index. */
    record ByIndex(int kerasIndex) implements FreezePoint {
        @Override
        public int resolve(Backbone backbone) {
            return Backbones.resolveIndex(backbone, kerasIndex);
        }

        @Override
        public String toString() {
            return Integer.toString(kerasIndex);
        }
    }

    /** A Keras layer name. */
    record ByName(String name) implements FreezePoint {
        @Override
        public int resolve(Backbone backbone) {
            return Backbones.layerIndex(backbone, name);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
