package io.fer.core;

/**
 * Test-time mirror averaging ({@link io.fer.core.model.ModelManifest#mirrorAveraging()}): each image goes through the
 * network followed by its left-right mirror image, and each pair of answers is averaged. Shared by the Recognizer's
 * forward pass and {@link FerTranslator}, so that both answer alike.
 */
final class MirrorAveraging {
    private MirrorAveraging() {}

    /** Writes the mirror image of {@code src} (HWC RGB, {@code size} square, at {@code from}) into {@code dst}. */
    static void mirror(float[] src, int from, float[] dst, int to, int size) {
        for (int y = 0; y < size; y++) {
            int row = y * size * 3;
            for (int x = 0; x < size; x++) {
                System.arraycopy(src, from + row + (size - 1 - x) * 3, dst, to + row + x * 3, 3);
            }
        }
    }

    /** The {@code 2n} rows of {@code out} (image, mirror, image, mirror …) averaged pairwise into {@code n} rows. */
    static float[] meanOfPairs(float[] out, int n) {
        if (n == 0 || out.length % (2 * n) != 0) {
            throw new IllegalStateException("The network gave " + out.length + " outputs for " + n
                    + " images and their mirror images");
        }
        int classes = out.length / (2 * n);
        float[] mean = new float[n * classes];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < classes; k++) {
                mean[i * classes + k] = (out[2 * i * classes + k] + out[(2 * i + 1) * classes + k]) / 2;
            }
        }
        return mean;
    }
}
