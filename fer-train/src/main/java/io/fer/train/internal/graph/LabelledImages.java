package io.fer.train.internal.graph;

import java.util.List;

/**
 * Face crops ready for the network: {@code size x size} RGB, interleaved bytes, with class indices.
 *
 * @param size crop height and width
 * @param pixels one array of {@code size * size * 3} bytes per image
 * @param labels class index per image
 * @param ids sample id per image (for reports)
 */
public record LabelledImages(int size, List<byte[]> pixels, int[] labels, List<String> ids) {

    public LabelledImages {
        pixels = List.copyOf(pixels);
        ids = List.copyOf(ids);
        labels = labels.clone();
        if (pixels.size() != labels.length || ids.size() != labels.length) {
            throw new IllegalArgumentException("pixels, labels and ids differ in length");
        }
        for (int i = 0; i < pixels.size(); i++) {
            if (pixels.get(i).length != size * size * 3) {
                throw new IllegalArgumentException("Image " + ids.get(i) + " has " + pixels.get(i).length
                        + " bytes, expected " + size * size * 3);
            }
        }
    }

    /** Number of images. */
    public int count() {
        return labels.length;
    }

    /** Writes image {@code i} as floats 0..255 into {@code dst} at {@code offset}. */
    public void copyAsFloats(int i, float[] dst, int offset) {
        byte[] p = pixels.get(i);
        for (int k = 0; k < p.length; k++) {
            dst[offset + k] = p[k] & 0xFF;
        }
    }
}
