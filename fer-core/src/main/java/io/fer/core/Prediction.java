package io.fer.core;

import io.fer.core.face.FaceBox;
import io.fer.core.face.FaceCrop;
import io.fer.core.face.FaceLandmarks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The expression recognised on one face.
 *
 * @param label the most probable class label, e.g. {@code "happy"}
 * @param confidence its probability
 * @param probabilities every class's probability, in the model's class order
 * @param face where the face is in the image (the whole crop region when no face was detected)
 * @param faceDetected whether a face detector found the face, rather than a centre crop standing in for one
 * @param landmarks the face's five landmarks in image coordinates, or null when the detector gives none (the Haar
 *     cascade) or no face was detected
 * @param detectorScore the face detector's score 0..1, or {@code NaN} when it gives none
 * @param uncertain whether {@code confidence} is below the recognizer's confidence threshold: the model does not
 *     know, and {@code label} is only its best guess
 */
public record Prediction(String label, float confidence, Map<String, Float> probabilities, FaceBox face,
        boolean faceDetected, FaceLandmarks landmarks, float detectorScore, boolean uncertain) {

    public Prediction {
        probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
    }

    /** A prediction without landmarks, detector score or confidence threshold. */
    public Prediction(String label, float confidence, Map<String, Float> probabilities, FaceBox face,
            boolean faceDetected) {
        this(label, confidence, probabilities, face, faceDetected, null, Float.NaN, false);
    }

    /** The expression, when the label is one of {@link Expression}'s. */
    public Optional<Expression> expression() {
        return Expression.fromName(label);
    }

    /** Whether a face was detected and the answer is not {@link #uncertain()}: the one to act on. */
    public boolean isConfident() {
        return faceDetected && !uncertain;
    }

    /** Builds a prediction from a probability vector over {@code labels}. */
    public static Prediction of(List<String> labels, float[] probs, int offset, FaceBox face, boolean detected) {
        return of(labels, probs, offset, face, detected, null, Float.NaN, 0);
    }

    /**
     * Builds a prediction for a crop from a probability vector over {@code labels}; below {@code minConfidence} it
     * is {@link #uncertain()}.
     */
    public static Prediction of(List<String> labels, float[] probs, int offset, FaceCrop crop, double minConfidence) {
        return of(labels, probs, offset, crop.face(), crop.detected(), crop.landmarks(), crop.score(), minConfidence);
    }

    private static Prediction of(List<String> labels, float[] probs, int offset, FaceBox face, boolean detected,
            FaceLandmarks landmarks, float score, double minConfidence) {
        Map<String, Float> p = new LinkedHashMap<>();
        int best = 0;
        for (int i = 0; i < labels.size(); i++) {
            p.put(labels.get(i), probs[offset + i]);
            if (probs[offset + i] > probs[offset + best]) {
                best = i;
            }
        }
        float confidence = probs[offset + best];
        return new Prediction(labels.get(best), confidence, p, face, detected, landmarks, score,
                confidence < minConfidence);
    }
}
