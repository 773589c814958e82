package io.fer.core.face;

import java.util.Objects;

/**
 * One face a {@link FaceDetector} found.
 *
 * @param box the face's bounding box, inside the image
 * @param landmarks its five landmarks, or null when the detector gives none (the Haar cascade)
 * @param score the detector's confidence 0..1, or {@code NaN} when it gives none (the Haar cascade)
 */
public record DetectedFace(FaceBox box, FaceLandmarks landmarks, float score) {

    public DetectedFace {
        Objects.requireNonNull(box, "box");
    }

    /** A face with a box only: no landmarks, no score. */
    public static DetectedFace ofBox(FaceBox box) {
        return new DetectedFace(box, null, Float.NaN);
    }

    /** Whether the detector gave landmarks. */
    public boolean hasLandmarks() {
        return landmarks != null;
    }
}
