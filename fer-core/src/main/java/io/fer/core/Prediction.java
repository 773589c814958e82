package io.fer.core;

import io.fer.core.face.FaceBox;
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
 */
public record Prediction(String label, float confidence, Map<String, Float> probabilities, FaceBox face,
        boolean faceDetected) {

    public Prediction {
        probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
    }

    /** The expression, when the label is one of {@link Expression}'s. */
    public Optional<Expression> expression() {
        return Expression.fromName(label);
    }

    /** Builds a prediction from a probability vector over {@code labels}. */
    public static Prediction of(List<String> labels, float[] probs, int offset, FaceBox face, boolean detected) {
        Map<String, Float> p = new LinkedHashMap<>();
        int best = 0;
        for (int i = 0; i < labels.size(); i++) {
            p.put(labels.get(i), probs[offset + i]);
            if (probs[offset + i] > probs[offset + best]) {
                best = i;
            }
        }
        return new Prediction(labels.get(best), probs[offset + best], p, face, detected);
    }
}
