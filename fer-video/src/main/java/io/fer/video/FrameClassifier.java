package io.fer.video;

import io.fer.core.Prediction;
import io.fer.core.Recognizer;
import io.fer.core.image.RgbImage;
import java.util.List;

/** Finds and classifies the faces of one frame: a {@link Recognizer} ({@link #of}), or the application's own. */
public interface FrameClassifier {
    /** The class labels, in the order of every prediction's probabilities. */
    List<String> labels();

    /** Every face found in the frame with its probabilities over {@link #labels()}. */
    List<Prediction> classify(RgbImage frame);

    /** A recognizer's {@code predictAll}: its detector, crops and model. */
    static FrameClassifier of(Recognizer recognizer) {
        return new FrameClassifier() {
            @Override
            public List<String> labels() {
                return recognizer.labels();
            }

            @Override
            public List<Prediction> classify(RgbImage frame) {
                return recognizer.predictAll(frame);
            }
        };
    }
}
