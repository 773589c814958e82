package io.fer.core.image;

import java.util.Objects;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Converts the pixel buffers applications already hold (camera frames, OpenCV {@link Mat}s) into {@link RgbImage}s,
 * honouring row strides, so that no one has to encode a frame as PNG or JPEG just to hand it to fer.
 */
public final class Frames {
    /** The byte order of a raw 8-bit, 3-channel pixel. */
    public enum PixelOrder {
        /** Red, green, blue (Java's {@code TYPE_3BYTE_BGR} is the other one). */
        RGB,
        /** Blue, green, red: OpenCV's and most camera APIs' order. */
        BGR
    }

    private Frames() {}

    /**
     * A raw frame of 8-bit, 3-channel pixels (copied).
     *
     * @param pixels the frame's bytes, row by row; a row starts {@code stride} bytes after the one above it
     * @param stride bytes from one row's start to the next, at least {@code width * 3} (rows may be padded)
     * @throws IllegalArgumentException if a size is not positive, the stride too small or the buffer too short
     */
    public static RgbImage fromRaw(byte[] pixels, int width, int height, int stride, PixelOrder order) {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(order, "order");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("A frame needs a positive size, got " + width + "x" + height);
        }
        long row = (long) width * 3;
        if (stride < row) {
            throw new IllegalArgumentException("The stride " + stride + " is less than a row of " + width
                    + " 3-byte pixels (" + row + " bytes)");
        }
        long needed = (long) stride * (height - 1) + row;
        if (pixels.length < needed) {
            throw new IllegalArgumentException("A " + width + "x" + height + " frame with stride " + stride
                    + " needs " + needed + " bytes, got " + pixels.length);
        }
        byte[] rgb = new byte[Math.toIntExact(row * height)];
        for (int y = 0; y < height; y++) {
            System.arraycopy(pixels, y * stride, rgb, (int) (y * row), (int) row);
        }
        if (order == PixelOrder.BGR) {
            swapRedBlue(rgb);
        }
        return RgbImage.of(width, height, rgb);
    }

    /**
     * An OpenCV image (copied): 8-bit with 3 channels in OpenCV's BGR order, 4 channels BGRA (alpha dropped) or one
     * grey channel; any row step, so views into larger images work.
     *
     * @throws IllegalArgumentException if the Mat is empty, not 2-D, not 8-bit or has another number of channels
     */
    public static RgbImage fromMat(Mat mat) {
        Objects.requireNonNull(mat, "mat");
        if (mat.isNull() || mat.empty() || mat.dims() != 2) {
            throw new IllegalArgumentException("The Mat is empty or not a 2-D image");
        }
        int channels = mat.channels();
        if (mat.depth() != opencv_core.CV_8U || (channels != 1 && channels != 3 && channels != 4)) {
            throw new IllegalArgumentException("A Mat must be 8-bit (CV_8U) with 1, 3 (BGR) or 4 (BGRA) channels, "
                    + "got depth " + mat.depth() + " with " + channels + " channels");
        }
        int w = mat.cols();
        int h = mat.rows();
        long step = mat.step();
        byte[] row = new byte[w * channels];
        byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
        BytePointer data = mat.data();
        for (int y = 0; y < h; y++) {
            data.position(y * step).get(row, 0, row.length);
            for (int x = 0, o = y * w * 3; x < w; x++, o += 3) {
                int i = x * channels;
                if (channels == 1) {
                    rgb[o] = rgb[o + 1] = rgb[o + 2] = row[i];
                } else {
                    rgb[o] = row[i + 2];
                    rgb[o + 1] = row[i + 1];
                    rgb[o + 2] = row[i];
                }
            }
        }
        return RgbImage.of(w, h, rgb);
    }

    private static void swapRedBlue(byte[] pixels) {
        for (int i = 0; i < pixels.length; i += 3) {
            byte r = pixels[i];
            pixels[i] = pixels[i + 2];
            pixels[i + 2] = r;
        }
    }
}
