package io.fer.train;

import java.nio.file.Path;
import java.util.Objects;

/** Where a backbone's starting weights come from. */
public sealed interface Weights {

    /** Keras' published ImageNet weights ({@code efficientnetb{N}_notop.h5}), from the cache or a download. */
    static Weights imagenet() {
        return ImageNet.INSTANCE;
    }

    /** Random initialisation, as Keras' {@code weights=None}. */
    static Weights none() {
        return None.INSTANCE;
    }

    /** A Keras HDF5 weights file with the backbone's layout (for example a copy of the ImageNet file). */
    static Weights file(Path h5) {
        return new File(h5);
    }

    /** Parses {@code imagenet}, {@code none} or a file path. */
    static Weights parse(String text) {
        return switch (text) {
            case "imagenet" -> imagenet();
            case "none" -> none();
            default -> file(Path.of(text));
        };
    }

    /** Keras' ImageNet weights. */
    enum ImageNet implements Weights {
        INSTANCE;

        @Override
        public String toString() {
            return "imagenet";
        }
    }

    /** Random initialisation. */
    enum None implements Weights {
        INSTANCE;

        @Override
        public String toString() {
            return "none";
        }
    }

    /** A weights file. */
    record File(Path path) implements Weights {
        public File {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }
}
