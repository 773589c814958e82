package io.fer.core.internal.image;

/**
 * What an image file's header says, read without decoding the pixels.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param format the decoder's format name, e.g. {@code "png"}, {@code "tif"}, {@code "JPEG"}
 */
public record ImageInfo(int width, int height, String format) {

    /** {@code "WIDTHxHEIGHT"}, e.g. {@code "640x490"}. */
    public String size() {
        return width + "x" + height;
    }
}
