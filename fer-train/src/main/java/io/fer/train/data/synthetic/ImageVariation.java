package io.fer.train.data.synthetic;

/**
 * What changes from one image of a person to the next: expression intensity (like frames of a sequence), small
 * head movements, light and gaze, and the noise pattern.
 *
 * @param intensity fraction of the expression's apex shown, 0..1
 * @param offsetX horizontal shift of the face as a fraction of the crop
 * @param offsetY vertical shift as a fraction of the crop
 * @param scale size factor
 * @param tilt extra roll in radians
 * @param lightTurn change of the light direction in radians
 * @param brightness overall brightness factor
 * @param gazeX horizontal iris shift in face units
 * @param gazeY vertical iris shift in face units
 * @param noiseSeed seed of the pixel noise
 */
record ImageVariation(double intensity, double offsetX, double offsetY, double scale, double tilt, double lightTurn,
        double brightness, double gazeX, double gazeY, long noiseSeed) {

    /** Lowest intensity of an expressive frame: below it some classes become too close to neutral to tell apart. */
    static final double MIN_INTENSITY = 0.65;

    /**
     * The variation of frame {@code frame} of {@code frames}: frames step from {@link #MIN_INTENSITY} up to the apex
     * (with a little jitter), the rest is random.
     */
    static ImageVariation random(SeededRandom random, int frame, int frames) {
        double progress = frames == 1 ? 1.0 : (double) frame / (frames - 1);
        double intensity = MIN_INTENSITY + (1 - MIN_INTENSITY) * progress + random.uniform(-0.05, 0.05);
        intensity = Math.max(MIN_INTENSITY, Math.min(1.0, intensity));
        return new ImageVariation(intensity,
                random.uniform(-0.02, 0.02), random.uniform(-0.015, 0.015), random.uniform(0.95, 1.05),
                random.uniform(-0.035, 0.035), random.uniform(-0.25, 0.25), random.uniform(0.92, 1.08),
                random.uniform(-0.02, 0.02), random.uniform(-0.01, 0.01), random.nextLong());
    }
}
