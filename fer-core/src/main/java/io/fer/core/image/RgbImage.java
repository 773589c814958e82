package io.fer.core.image;

import io.fer.core.Recognizer;
import io.fer.core.internal.image.ImageDecoding;
import io.fer.core.internal.image.ImageLimits;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable 8-bit RGB image: width, height and interleaved {@code R,G,B} bytes, row by row (HWC).
 *
 * <p>This is the one pixel format fer works in: decoders convert to it ({@link #read(Path)}), the face cropper cuts
 * and resizes it, and {@link #toFloats(float[], int)} hands it to the network as 0..255 floats. Grey images are held
 * as three equal channels.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final byte[] rgb;

    private RgbImage(int width, int height, byte[] rgb) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    /**
     * Reads an image file (PNG, JPEG, TIFF, BMP, GIF …) upright by its EXIF orientation, as {@code Recognizer.predict}
     * reads it: for example to classify many files in one forward pass ({@code Recognizer.predictBatch}).
     *
     * @throws UnreadableImageException if the file is missing, not an image, damaged or too large (the message names
     *     it)
     */
    public static RgbImage read(Path file) throws UnreadableImageException {
        return ImageDecoding.read(file);
    }

    /** Reads encoded image bytes, upright by their EXIF orientation; see {@link #read(Path)}. */
    public static RgbImage read(byte[] encoded) throws UnreadableImageException {
        return ImageDecoding.read(encoded);
    }

    /**
     * An image of the given interleaved RGB bytes (copied).
     *
     * @throws IllegalArgumentException if a size is not positive or {@code rgb} is not {@code width * height * 3} long
     */
    public static RgbImage of(int width, int height, byte[] rgb) {
        checkSize(width, height);
        Objects.requireNonNull(rgb, "rgb");
        if (rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException("A " + width + "x" + height + " RGB image needs "
                    + (long) width * height * 3 + " bytes, got " + rgb.length);
        }
        return new RgbImage(width, height, rgb.clone());
    }

    /** A grey image of one byte per pixel (copied), expanded to three equal channels. */
    public static RgbImage ofGray(int width, int height, byte[] gray) {
        checkSize(width, height);
        if (gray.length != (long) width * height) {
            throw new IllegalArgumentException("A " + width + "x" + height + " grey image needs "
                    + (long) width * height + " bytes, got " + gray.length);
        }
        byte[] rgb = new byte[gray.length * 3];
        for (int i = 0, j = 0; i < gray.length; i++, j += 3) {
            rgb[j] = rgb[j + 1] = rgb[j + 2] = gray[i];
        }
        return new RgbImage(width, height, rgb);
    }

    /**
     * Converts a {@link BufferedImage} of any type.
     *
     * <p>Grey images keep their stored sample values (scaled to 8 bits): Java's own grey colour space is linear, and
     * going through {@link BufferedImage#getRGB} would brighten them, which no other decoder does. Palette images
     * take their palette's colours, so a palette that is a grey ramp (JAFFE's TIFFs) gives three equal channels.
     * Colour images are converted to sRGB by the JDK. Alpha is dropped.
     *
     * @throws IllegalArgumentException if the image has more than about 715 million pixels (what a Java array can hold)
     */
    public static RgbImage fromBufferedImage(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        int w = image.getWidth();
        int h = image.getHeight();
        checkSize(w, h); // in long: 30000x30000x3 overflows an int
        byte[] out = new byte[w * h * 3];
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && raster.getDataBuffer() instanceof DataBufferByte buffer
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0
                && buffer.getData().length == out.length) {
            byte[] bgr = buffer.getData();
            for (int i = 0; i < out.length; i += 3) {
                out[i] = bgr[i + 2];
                out[i + 1] = bgr[i + 1];
                out[i + 2] = bgr[i];
            }
        } else if (cm instanceof IndexColorModel palette) {
            int[] row = new int[w];
            for (int y = 0, o = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++, o += 3) {
                    out[o] = (byte) palette.getRed(row[x]);
                    out[o + 1] = (byte) palette.getGreen(row[x]);
                    out[o + 2] = (byte) palette.getBlue(row[x]);
                }
            }
        } else if (cm.getNumColorComponents() == 1) {
            int bits = cm.getComponentSize(0);
            long max = (1L << bits) - 1;
            int[] row = new int[w];
            for (int y = 0, o = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++, o += 3) {
                    int v = bits == 8 ? row[x] : (int) (((row[x] & 0xFFFFFFFFL) * 255 + max / 2) / max);
                    out[o] = out[o + 1] = out[o + 2] = (byte) v;
                }
            }
        } else {
            int[] row = new int[w];
            for (int y = 0, o = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++, o += 3) {
                    int p = row[x];
                    out[o] = (byte) (p >> 16);
                    out[o + 1] = (byte) (p >> 8);
                    out[o + 2] = (byte) p;
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    /** Width in pixels. */
    public int width() {
        return width;
    }

    /** Height in pixels. */
    public int height() {
        return height;
    }

    /** The colour of a pixel as {@code 0xRRGGBB}. */
    public int rgb(int x, int y) {
        checkPixel(x, y);
        int i = (y * width + x) * 3;
        return (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | rgb[i + 2] & 0xFF;
    }

    /** One channel (0 red, 1 green, 2 blue) of a pixel, 0..255. */
    public int channel(int x, int y, int channel) {
        checkPixel(x, y);
        if (channel < 0 || channel > 2) {
            throw new IndexOutOfBoundsException("channel " + channel + " is not 0, 1 or 2");
        }
        return rgb[(y * width + x) * 3 + channel] & 0xFF;
    }

    /** A copy of the interleaved RGB bytes. */
    public byte[] toBytes() {
        return rgb.clone();
    }

    /** Whether every pixel has three equal channels. */
    public boolean isGrayscale() {
        for (int i = 0; i < rgb.length; i += 3) {
            if (rgb[i] != rgb[i + 1] || rgb[i] != rgb[i + 2]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the pixels as 0..255 floats, HWC order, RGB, into {@code dst} from {@code offset}: the network's input.
     *
     * @throws IndexOutOfBoundsException if {@code dst} has fewer than {@code width * height * 3} places from offset
     */
    public void toFloats(float[] dst, int offset) {
        Objects.checkFromIndexSize(offset, rgb.length, dst.length);
        for (int i = 0; i < rgb.length; i++) {
            dst[offset + i] = rgb[i] & 0xFF;
        }
    }

    /** The pixels as a new array of 0..255 floats, HWC order, RGB. */
    public float[] toFloats() {
        float[] out = new float[rgb.length];
        toFloats(out, 0);
        return out;
    }

    /** A {@link BufferedImage#TYPE_3BYTE_BGR} copy, e.g. to save or show the image. */
    public BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return out;
    }

    /**
     * The pixels of a rectangle that lies inside the image.
     *
     * @throws IllegalArgumentException if the rectangle is empty or leaves the image
     */
    public RgbImage crop(int x, int y, int cropWidth, int cropHeight) {
        if (cropWidth <= 0 || cropHeight <= 0 || x < 0 || y < 0 || x + cropWidth > width || y + cropHeight > height) {
            throw new IllegalArgumentException("Crop [x=" + x + " y=" + y + " w=" + cropWidth + " h=" + cropHeight
                    + "] is empty or leaves the " + width + "x" + height + " image");
        }
        byte[] out = new byte[cropWidth * cropHeight * 3];
        for (int row = 0; row < cropHeight; row++) {
            System.arraycopy(rgb, ((y + row) * width + x) * 3, out, row * cropWidth * 3, cropWidth * 3);
        }
        return new RgbImage(cropWidth, cropHeight, out);
    }

    /**
     * This image resampled to a new size with a bilinear (triangle) filter that widens when shrinking, so that a
     * downscale averages every source pixel instead of skipping some. Same size returns this image.
     */
    public RgbImage resize(int newWidth, int newHeight) {
        checkSize(newWidth, newHeight);
        if (newWidth == width && newHeight == height) {
            return this;
        }
        return new RgbImage(newWidth, newHeight, Resampling.resize(rgb, width, height, newWidth, newHeight));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage other && other.width == width && other.height == height
                && Arrays.equals(other.rgb, rgb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }

    private void checkPixel(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") is outside the " + width + "x" + height
                    + " image");
        }
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Image size must be positive, got " + width + "x" + height);
        }
        if ((long) width * height > ImageLimits.HARD_MAX_PIXELS) {
            throw new IllegalArgumentException("An image of " + width + "x" + height + " pixels is too large: an "
                    + "RgbImage holds at most " + ImageLimits.HARD_MAX_PIXELS + " pixels");
        }
    }
}
