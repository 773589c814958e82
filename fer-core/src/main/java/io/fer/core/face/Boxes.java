package io.fer.core.face;

/** Turns a detector's float boxes into {@link FaceBox}es of the original image. */
final class Boxes {
    private Boxes() {}

    /**
     * The box {@code x, y, w, h} found on a copy scaled by {@code scale}, in the original image's pixels, clipped
     * to the image; null when nothing of it is inside.
     */
    static FaceBox scaledBack(double x, double y, double w, double h, double scale, int imageWidth, int imageHeight) {
        double x0 = Math.max(0, x / scale);
        double y0 = Math.max(0, y / scale);
        double x1 = Math.min(imageWidth, (x + w) / scale);
        double y1 = Math.min(imageHeight, (y + h) / scale);
        int left = (int) Math.round(x0);
        int top = (int) Math.round(y0);
        int width = (int) Math.round(x1) - left;
        int height = (int) Math.round(y1) - top;
        return width > 0 && height > 0 ? new FaceBox(left, top, width, height) : null;
    }
}
