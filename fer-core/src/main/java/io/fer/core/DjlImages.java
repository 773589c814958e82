package io.fer.core;

import ai.djl.modality.cv.Image;
import io.fer.core.image.RgbImage;
import io.fer.core.image.UnreadableImageException;
import io.fer.core.internal.image.ImageDecoding;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/** Converts DJL's {@link Image} into fer's {@link RgbImage}, without starting an engine. */
final class DjlImages {
    private DjlImages() {}

    /**
     * The pixels of {@code image}: those of the {@link BufferedImage} it wraps (DJL's default image factory), or, for
     * another factory's image (OpenCV's), the PNG it saves itself as, decoded, so that no engine's NDArray is needed.
     */
    static RgbImage toRgb(Image image) {
        Objects.requireNonNull(image, "image");
        if (image.getWrappedImage() instanceof BufferedImage b) {
            return RgbImage.fromBufferedImage(b);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            image.save(png, "png");
            return ImageDecoding.read(png.toByteArray());
        } catch (UnreadableImageException e) {
            throw new IllegalArgumentException("Cannot read the pixels of a DJL image wrapping a "
                    + image.getWrappedImage().getClass().getName() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the pixels of a DJL image wrapping a "
                    + image.getWrappedImage().getClass().getName(), e);
        }
    }
}
