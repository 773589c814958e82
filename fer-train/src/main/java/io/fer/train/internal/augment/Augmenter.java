package io.fer.train.internal.augment;

import io.fer.train.augment.Augmentation;
import java.util.SplittableRandom;

/**
 * Applies an {@link Augmentation} to square HWC RGB float images with one affine resampling (bilinear, edges
 * repeated), so that a flip, rotation, zoom and shift cost one pass over the pixels.
 */
public final class Augmenter {
    private final Augmentation augmentation;

    /** An augmenter for the given settings. */
    public Augmenter(Augmentation augmentation) {
        this.augmentation = augmentation;
    }

    /** The random parameters of one augmented image; {@link #identity()} changes nothing. */
    public record Transform(boolean flip, double radians, double scale, double shiftX, double shiftY) {
        /** No change. */
        public static Transform identity() {
            return new Transform(false, 0, 1, 0, 0);
        }
    }

    /** Draws the random parameters of one image. */
    public Transform draw(SplittableRandom random) {
        Augmentation a = augmentation;
        boolean flip = a.horizontalFlip() && random.nextBoolean();
        double radians = Math.toRadians(uniform(random, a.rotationDegrees()));
        double scale = a.zoom() > 1 ? Math.exp(uniform(random, Math.log(a.zoom()))) : 1;
        double sx = uniform(random, a.widthShift());
        double sy = uniform(random, a.heightShift());
        return new Transform(flip, radians, scale, sx, sy);
    }

    private static double uniform(SplittableRandom random, double halfRange) {
        return halfRange == 0 ? 0 : (random.nextDouble() * 2 - 1) * halfRange;
    }

    /**
     * Writes the transformed image into {@code dst} at {@code dstOffset}. Both are {@code size x size x 3}.
     * A scale above 1 zooms in.
     */
    public static void apply(Transform t, float[] src, int srcOffset, int size, float[] dst, int dstOffset) {
        if (t.equals(Transform.identity())) {
            System.arraycopy(src, srcOffset, dst, dstOffset, size * size * 3);
            return;
        }
        double c = (size - 1) / 2.0;
        double cos = Math.cos(t.radians()) / t.scale();
        double sin = Math.sin(t.radians()) / t.scale();
        double shiftX = t.shiftX() * size;
        double shiftY = t.shiftY() * size;
        int max = size - 1;
        int o = dstOffset;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                // inverse map: output pixel -> source coordinates (rotate and scale about the centre, then shift)
                double dx = x - c - shiftX;
                double dy = y - c - shiftY;
                double srcX = cos * dx + sin * dy + c;
                double srcY = -sin * dx + cos * dy + c;
                if (t.flip()) {
                    srcX = max - srcX;
                }
                srcX = Math.min(Math.max(srcX, 0), max);
                srcY = Math.min(Math.max(srcY, 0), max);
                int x0 = (int) srcX;
                int y0 = (int) srcY;
                int x1 = Math.min(x0 + 1, max);
                int y1 = Math.min(y0 + 1, max);
                float fx = (float) (srcX - x0);
                float fy = (float) (srcY - y0);
                int p00 = srcOffset + (y0 * size + x0) * 3;
                int p01 = srcOffset + (y0 * size + x1) * 3;
                int p10 = srcOffset + (y1 * size + x0) * 3;
                int p11 = srcOffset + (y1 * size + x1) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    float top = src[p00 + ch] + (src[p01 + ch] - src[p00 + ch]) * fx;
                    float bottom = src[p10 + ch] + (src[p11 + ch] - src[p10 + ch]) * fx;
                    dst[o++] = top + (bottom - top) * fy;
                }
            }
        }
    }
}
