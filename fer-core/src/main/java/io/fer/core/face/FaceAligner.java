package io.fer.core.face;

import io.fer.core.image.RgbImage;

/**
 * Cuts out a face turned so that its eyes are level: the crop's rows run along the line through the eyes, its centre
 * is midway between the eyes' midpoint and the mouth's (or that point lies a given fraction of the side below the
 * centre, {@link CropSettings#verticalShift()}), and its size is the detected box plus margin, as for a box crop. Pure Java, deterministic: training and run time get identical pixels.
 *
 * <p>Pixels are sampled bilinearly; where the turned square leaves the image the nearest edge pixel is repeated.
 * A region larger than the crop is first shrunk with {@link RgbImage#resize}'s area-averaging filter, so that a
 * large face is not sampled with gaps.
 */
final class FaceAligner {
    private FaceAligner() {}

    /** The outcome: the crop and the axis-aligned bounds, inside the image, of the turned rectangle it shows. */
    record Aligned(RgbImage image, FaceBox bounds) {}

    /**
     * Aligns a face.
     *
     * @param width the region's width along the eye line, in source pixels
     * @param height the region's height across it
     * @param size the crop's side
     * @param shift how far below the crop's centre the point between eyes and mouth lies, a fraction of its height
     */
    static Aligned align(RgbImage image, FaceLandmarks landmarks, double width, double height, int size,
            double shift) {
        double angle = landmarks.eyeAngle();
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        FaceLandmarks.Point eyes = landmarks.eyeCenter();
        FaceLandmarks.Point mouth = landmarks.mouthCenter();
        // the crop's centre: midway between eyes and mouth, moved up the face (against its "down", (-sin, cos)) by
        // the shift, so that the face lies lower in the crop
        double cx = (eyes.x() + mouth.x()) / 2 + shift * height * sin;
        double cy = (eyes.y() + mouth.y()) / 2 - shift * height * cos;

        // axis-aligned bounds of the turned rectangle, clipped to the image
        double ex = (Math.abs(cos) * width + Math.abs(sin) * height) / 2;
        double ey = (Math.abs(sin) * width + Math.abs(cos) * height) / 2;
        int x0 = clamp((int) Math.floor(cx - ex), 0, image.width() - 1);
        int y0 = clamp((int) Math.floor(cy - ey), 0, image.height() - 1);
        int x1 = clamp((int) Math.ceil(cx + ex), x0 + 1, image.width());
        int y1 = clamp((int) Math.ceil(cy + ey), y0 + 1, image.height());
        FaceBox bounds = new FaceBox(x0, y0, x1 - x0, y1 - y0);

        // sample from the bounds' pixels, shrunk first when the region is larger than the crop
        RgbImage source = image.crop(bounds.x(), bounds.y(), bounds.width(), bounds.height());
        double shrink = Math.min(1, size / Math.max(width, height));
        if (shrink < 1) {
            source = source.resize(Math.max(1, (int) Math.round(bounds.width() * shrink)),
                    Math.max(1, (int) Math.round(bounds.height() * shrink)));
        }
        double kx = (double) source.width() / bounds.width();
        double ky = (double) source.height() / bounds.height();
        byte[] src = source.toBytes();
        int sw = source.width();
        int sh = source.height();
        byte[] out = new byte[size * size * 3];
        for (int v = 0; v < size; v++) {
            double b = ((v + 0.5) / size - 0.5) * height;
            for (int u = 0; u < size; u++) {
                double a = ((u + 0.5) / size - 0.5) * width;
                // where the crop's pixel centre lies in the image, then in the (shrunk) source, as pixel indices
                double px = ((cx + a * cos - b * sin) - bounds.x()) * kx - 0.5;
                double py = ((cy + a * sin + b * cos) - bounds.y()) * ky - 0.5;
                sample(src, sw, sh, px, py, out, (v * size + u) * 3);
            }
        }
        return new Aligned(RgbImage.of(size, size, out), bounds);
    }

    /** Bilinear sample at index coordinates, edges repeated. */
    private static void sample(byte[] src, int w, int h, double x, double y, byte[] out, int o) {
        int xi = (int) Math.floor(x);
        int yi = (int) Math.floor(y);
        double fx = x - xi;
        double fy = y - yi;
        int xa = clamp(xi, 0, w - 1);
        int xb = clamp(xi + 1, 0, w - 1);
        int ya = clamp(yi, 0, h - 1);
        int yb = clamp(yi + 1, 0, h - 1);
        int i00 = (ya * w + xa) * 3;
        int i01 = (ya * w + xb) * 3;
        int i10 = (yb * w + xa) * 3;
        int i11 = (yb * w + xb) * 3;
        for (int c = 0; c < 3; c++) {
            double top = (src[i00 + c] & 0xFF) * (1 - fx) + (src[i01 + c] & 0xFF) * fx;
            double bottom = (src[i10 + c] & 0xFF) * (1 - fx) + (src[i11 + c] & 0xFF) * fx;
            out[o + c] = (byte) Math.round(top * (1 - fy) + bottom * fy);
        }
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
