package io.fer.train;

import java.nio.file.Path;
import java.util.Objects;

/** Where a backbone's starting weights come from. */
public sealed interface Weights {

    /** Keras' published ImageNet weights ({@code efficientnetb{N}_notop.h5}), from the cache or a download. */
    static Weights imagenet() {
        return ImageNet.INSTANCE;
    }

    /**
     * The backbone of fer's own expression model (EfficientNet-B0 trained from scratch on FER2013, shipped in the
     * {@code fer-zoo} artifact): a start for transfer learning where ImageNet weights are not at hand, already tuned
     * to faces. B0 only; the input size defaults to that model's.
     */
    static Weights fer2013() {
        return Fer2013.INSTANCE;
    }

    /** Random initialisation, as Keras' {@code weights=None}. */
    static Weights none() {
        return None.INSTANCE;
    }

    /** A Keras HDF5 weights file with the backbone's layout (for example a copy of the ImageNet file). */
    static Weights file(Path h5) {
        return new File(h5);
    }

    /** Parses {@code imagenet}, {@code fer2013}, {@code none} or a file path. */
    static Weights parse(String text) {
        return switch (text) {
            case "imagenet" -> imagenet();
            case "none" -> none();
            case "fer2013" -> fer2013();
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

    /** fer's FER2013 backbone. */
    enum Fer2013 implements Weights {
        INSTANCE;

        @Override
        public String toString() {
            return "fer2013";
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
