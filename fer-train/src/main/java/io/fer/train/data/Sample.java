package io.fer.train.data;

import io.fer.core.Expression;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.image.ImageDecoding;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One labelled image of a dataset.
 *
 * @param id a stable, unique id within the dataset (the relative file path for file datasets)
 * @param label the class label ({@link ClassLabels#of}: an expression's label, e.g. {@code "happy"}, or any other)
 * @param subject the person, where the layout says (JAFFE "KA", CK+ "S005"); null when unknown
 * @param sequence the recording sequence within the subject, where the layout says (CK+ "S005_001"); null otherwise
 * @param file the source file; null for generated images
 * @param image loads the pixels on demand (so that a dataset of thousands of files costs no memory until used)
 */
public record Sample(String id, String label, String subject, String sequence, Path file, ImageLoader image) {

    public Sample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        label = ClassLabels.of(label);
        Objects.requireNonNull(image, "image");
    }

    /** The subject id, if known. */
    public Optional<String> subjectId() {
        return Optional.ofNullable(subject);
    }

    /** Reads the image; the error names the file. */
    public BufferedImage load() throws IOException {
        return image.load();
    }

    /**
     * A sample read from an image file through {@link ImageDecoding}, so that every data set decodes alike (grey
     * palette TIFFs as grey, errors naming the file).
     */
    public static Sample ofFile(String id, Expression label, String subject, String sequence, Path file) {
        return ofFile(id, label.label(), subject, sequence, file);
    }

    /** A sample read from an image file, with any class label ({@link ClassLabels#of}). */
    public static Sample ofFile(String id, String label, String subject, String sequence, Path file) {
        Objects.requireNonNull(file, "file");
        return new Sample(id, label, subject, sequence, file, () -> ImageDecoding.read(file).toBufferedImage());
    }

    /** Reads the image as fer's {@link RgbImage}; the error names the file. */
    public RgbImage loadRgb() throws IOException {
        return file != null ? ImageDecoding.read(file) : RgbImage.fromBufferedImage(image.load());
    }

    /** Loads a sample's pixels. */
    @FunctionalInterface
    public interface ImageLoader {
        BufferedImage load() throws IOException;
    }
}
