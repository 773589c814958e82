package io.fer.train.augment;

/**
 * Random image transformations applied to training images, as Keras' {@code ImageDataGenerator} does them: each
 * training image gets a fresh random flip, rotation, zoom and shift every epoch; pixels that come from outside the
 * image repeat the nearest edge pixel ({@code fill_mode="nearest"}).
 *
 * @param horizontalFlip flip left-right with probability 1/2
 * @param rotationDegrees rotate by a uniform angle in ±this many degrees
 * @param zoom zoom by a uniform factor in {@code [1/zoom, zoom]} (1 = off; the paper's 1.1)
 * @param widthShift shift horizontally by a uniform fraction of the width in ±this
 * @param heightShift shift vertically by a uniform fraction of the height in ±this
 */
public record Augmentation(boolean horizontalFlip, double rotationDegrees, double zoom, double widthShift,
        double heightShift) {

    public Augmentation {
        if (rotationDegrees < 0 || rotationDegrees > 180) {
            throw new IllegalArgumentException("rotationDegrees must be in 0..180, got " + rotationDegrees);
        }
        if (zoom < 1) {
            throw new IllegalArgumentException("zoom must be at least 1 (1 = off), got " + zoom);
        }
        if (widthShift < 0 || widthShift >= 1 || heightShift < 0 || heightShift >= 1) {
            throw new IllegalArgumentException("shifts must be fractions in 0..1, got width " + widthShift
                    + " and height " + heightShift);
        }
    }

    /** The paper's: horizontal flip, rotation ±10°, zoom 1.1, width and height shift ±10%. */
    public static Augmentation paper() {
        return new Augmentation(true, 10, 1.1, 0.1, 0.1);
    }

    /** No augmentation: every epoch sees the same images. */
    public static Augmentation none() {
        return new Augmentation(false, 0, 1, 0, 0);
    }

    /** Whether any transformation is enabled. */
    public boolean enabled() {
        return horizontalFlip || rotationDegrees > 0 || zoom > 1 || widthShift > 0 || heightShift > 0;
    }
}
