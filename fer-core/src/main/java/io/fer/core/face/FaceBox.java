package io.fer.core.face;

/**
 * An axis-aligned rectangle in an image's pixel coordinates: a detected face or a crop region.
 *
 * @param x left edge
 * @param y top edge
 * @param width width in pixels, positive
 * @param height height in pixels, positive
 */
public record FaceBox(int x, int y, int width, int height) {

    public FaceBox {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("A box needs a positive size, got " + width + "x" + height);
        }
    }

    /** Width times height. */
    public long area() {
        return (long) width * height;
    }

    /** Horizontal centre. */
    public double centerX() {
        return x + width / 2.0;
    }

    /** Vertical centre. */
    public double centerY() {
        return y + height / 2.0;
    }

    /** Whether this box lies wholly inside an image of the given size. */
    public boolean isInside(int imageWidth, int imageHeight) {
        return x >= 0 && y >= 0 && x + width <= imageWidth && y + height <= imageHeight;
    }
}
