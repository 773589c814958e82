package io.fer.core.internal.image;

import io.fer.core.image.RgbImage;
import java.util.Locale;

/**
 * The largest images fer accepts, checked from the file's size and the image header before anything is decoded, so
 * that a small file claiming a huge image (a "decompression bomb") is refused in microseconds instead of taking
 * gigabytes.
 *
 * <ul>
 *   <li>{@link #maxPixels()}: width × height, default {@value #DEFAULT_MAX_PIXELS} (50 megapixels, e.g. 8660×5773);
 *       system property {@value #MAX_PIXELS_PROPERTY}.</li>
 *   <li>{@link #maxFileBytes()}: the encoded file, default {@value #DEFAULT_MAX_FILE_BYTES} bytes (256 MiB: a
 *       50-megapixel uncompressed 32-bit BMP is 200 MB); system property {@value #MAX_FILE_BYTES_PROPERTY}.</li>
 *   <li>{@link #DETECTION_MAX_PIXELS}: images larger than this are shrunk before face detection, so that detection
 *       memory does not grow with the image.</li>
 * </ul>
 *
 * <p>The properties are read at every check, so they can be changed at run time; a value that is not a positive
 * whole number is an {@link IllegalArgumentException} naming the property.
 */
public final class ImageLimits {
    /** System property for {@link #maxPixels()}. */
    public static final String MAX_PIXELS_PROPERTY = "fer.maxPixels";
    /** System property for {@link #maxFileBytes()}. */
    public static final String MAX_FILE_BYTES_PROPERTY = "fer.maxImageBytes";
    /** Default pixel budget: 50 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    /** Default largest image file: 256 MiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 256L << 20;
    /**
     * The most pixels face detection looks at (4 megapixels, e.g. 2309×1732): larger images are shrunk by a whole
     * factor for detection and the boxes scaled back, so faces are still cut from the full-resolution image.
     */
    public static final long DETECTION_MAX_PIXELS = 4_000_000L;
    /**
     * The hard ceiling of any setting: an {@link RgbImage} holds its pixels in one Java array of 3 bytes per pixel.
     */
    public static final long HARD_MAX_PIXELS = (Integer.MAX_VALUE - 16) / 3;

    private ImageLimits() {}

    /** The pixel budget now in force (width × height). */
    public static long maxPixels() {
        return Math.min(read(MAX_PIXELS_PROPERTY, DEFAULT_MAX_PIXELS), HARD_MAX_PIXELS);
    }

    /** The largest image file now accepted, in bytes. */
    public static long maxFileBytes() {
        return Math.min(read(MAX_FILE_BYTES_PROPERTY, DEFAULT_MAX_FILE_BYTES), Integer.MAX_VALUE - 16);
    }

    /**
     * Checks a size read from a header against the budget.
     *
     * @return null when accepted, otherwise the reason (without the file's name)
     */
    static String checkSize(long width, long height, long max) {
        if (width <= 0 || height <= 0) {
            return "the header gives an impossible size of " + width + "x" + height + " pixels";
        }
        // width and height come from headers that hold at most 32-bit values: the product fits a long
        if (width * height > max) {
            return String.format(Locale.ROOT, "the image is %dx%d = %.1f megapixels, more than the limit of %.1f "
                    + "megapixels (system property %s)", width, height, width * height / 1e6, max / 1e6,
                    MAX_PIXELS_PROPERTY);
        }
        return null;
    }

    private static long read(String property, long fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.strip().replace("_", ""));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("System property " + property + " must be a positive whole number, got '"
                + v + "'");
    }
}
