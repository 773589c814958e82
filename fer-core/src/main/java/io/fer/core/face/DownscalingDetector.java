package io.fer.core.face;

import io.fer.core.image.RgbImage;
import io.fer.core.internal.image.ImageLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds face detection's memory and time: an image of more than {@link ImageLimits#DETECTION_MAX_PIXELS} is shrunk
 * by a whole factor (each output pixel the mean of a k×k block) before the wrapped detector sees it, and the boxes and
 * landmarks it finds are scaled back to the full image. Smaller images pass through unchanged, so their faces are the same as
 * without this wrapper. Faces narrower than the detector's smallest face times the factor are not found in a shrunk
 * image; in a 50-megapixel photo (factor 4) that is about 120 pixels with the Haar detector's default 30.
 */
final class DownscalingDetector implements FaceDetector {
    private final FaceDetector delegate;
    private final long maxPixels;

    DownscalingDetector(FaceDetector delegate, long maxPixels) {
        this.delegate = delegate;
        this.maxPixels = maxPixels;
    }

    /** Wraps {@code detector} with the default bound; null stays null. */
    static FaceDetector bounded(FaceDetector detector) {
        return detector == null || detector instanceof DownscalingDetector ? detector
                : new DownscalingDetector(detector, ImageLimits.DETECTION_MAX_PIXELS);
    }

    /** The detector that finds the faces. */
    FaceDetector delegate() {
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
    public List<DetectedFace> detect(RgbImage image) {
        int k = factor(image.width(), image.height());
        if (k == 1) {
            return delegate.detect(image);
        }
        List<DetectedFace> small = delegate.detect(shrink(image, k));
        List<DetectedFace> out = new ArrayList<>(small.size());
        for (DetectedFace f : small) {
            FaceBox b = f.box();
            int x = Math.min(b.x() * k, image.width() - 1);
            int y = Math.min(b.y() * k, image.height() - 1);
            int w = Math.max(1, Math.min(b.width() * k, image.width() - x));
            int h = Math.max(1, Math.min(b.height() * k, image.height() - y));
            FaceLandmarks l = f.landmarks();
            FaceLandmarks scaled = l == null ? null : new FaceLandmarks(scale(l.rightEye(), k), scale(l.leftEye(), k),
                    scale(l.nose(), k), scale(l.rightMouth(), k), scale(l.leftMouth(), k));
            out.add(new DetectedFace(new FaceBox(x, y, w, h), scaled, f.score()));
        }
        return List.copyOf(out);
    }

    private static FaceLandmarks.Point scale(FaceLandmarks.Point p, int k) {
        // a shrunk pixel's centre (x + 0.5) covers full pixels k*x .. k*x + k - 1
        return new FaceLandmarks.Point((p.x() + 0.5) * k - 0.5, (p.y() + 0.5) * k - 0.5);
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
    public void close() {
        delegate.close();
    }

    @Override
    public String id() {
        // the shrinking is part of the crop algorithm (FaceCropper.ALGORITHM_VERSION), not of the detector
        return delegate.id();
    }
}
