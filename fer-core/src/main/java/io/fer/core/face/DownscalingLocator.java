package io.fer.core.face;

import io.fer.core.image.ImageLimits;
import io.fer.core.image.RgbImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds face detection's memory and time: an image of more than {@link ImageLimits#DETECTION_MAX_PIXELS} is shrunk
 * by a whole factor (each output pixel the mean of a k×k block) before the wrapped locator sees it, and the boxes it
 * finds are scaled back to the full image. Smaller images pass through unchanged, so their faces are the same as
 * without this wrapper. Faces narrower than the locator's smallest face times the factor are not found in a shrunk
 * image; in a 50-megapixel photo (factor 4) that is about 120 pixels with the Haar detector's default 30.
 */
final class DownscalingLocator implements FaceLocator {
    private final FaceLocator delegate;
    private final long maxPixels;

    DownscalingLocator(FaceLocator delegate, long maxPixels) {
        this.delegate = delegate;
        this.maxPixels = maxPixels;
    }

    /** Wraps {@code locator} with the default bound; null stays null. */
    static FaceLocator bounded(FaceLocator locator) {
        return locator == null || locator instanceof DownscalingLocator ? locator
                : new DownscalingLocator(locator, ImageLimits.DETECTION_MAX_PIXELS);
    }

    /** The locator that finds the faces. */
    FaceLocator delegate() {
        return delegate;
    }

    /** The whole shrink factor that brings {@code width x height} to at most the bound (1: no shrinking). */
    int factor(int width, int height) {
        long pixels = (long) width * height;
        int k = 1;
        while (pixels / ((long) k * k) > maxPixels) {
            k++;
        }
        return k;
    }

    @Override
    public List<FaceBox> locate(RgbImage image) {
        int k = factor(image.width(), image.height());
        if (k == 1) {
            return delegate.locate(image);
        }
        List<FaceBox> small = delegate.locate(shrink(image, k));
        List<FaceBox> out = new ArrayList<>(small.size());
        for (FaceBox b : small) {
            int x = Math.min(b.x() * k, image.width() - 1);
            int y = Math.min(b.y() * k, image.height() - 1);
            int w = Math.max(1, Math.min(b.width() * k, image.width() - x));
            int h = Math.max(1, Math.min(b.height() * k, image.height() - y));
            out.add(new FaceBox(x, y, w, h));
        }
        return List.copyOf(out);
    }

    /** Mean of each k×k block; the last partial row and column of blocks are dropped. */
    static RgbImage shrink(RgbImage image, int k) {
        int w = Math.max(1, image.width() / k);
        int h = Math.max(1, image.height() / k);
        int bw = Math.min(k, image.width());
        int bh = Math.min(k, image.height());
        byte[] out = new byte[w * h * 3];
        long[] sums = new long[w * 3];
        int area = bw * bh;
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(sums, 0);
            for (int dy = 0; dy < bh; dy++) {
                int sy = y * k + dy;
                for (int x = 0; x < w; x++) {
                    for (int dx = 0; dx < bw; dx++) {
                        int p = image.rgb(x * k + dx, sy);
                        sums[x * 3] += p >> 16 & 0xFF;
                        sums[x * 3 + 1] += p >> 8 & 0xFF;
                        sums[x * 3 + 2] += p & 0xFF;
                    }
                }
            }
            for (int i = 0; i < sums.length; i++) {
                out[y * w * 3 + i] = (byte) ((sums[i] + area / 2) / area);
            }
        }
        return RgbImage.of(w, h, out);
    }

    @Override
    public String id() {
        // the shrinking is part of the crop algorithm (FaceCropper.ALGORITHM_VERSION 2), not of the locator
        return delegate.id();
    }
}
