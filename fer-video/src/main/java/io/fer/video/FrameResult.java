package io.fer.video;

import io.fer.core.Prediction;
import java.util.List;

/**
 * One analysed frame: its faces with their tracks, the raw and the smoothed answers.
 *
 * @param frame the frame's index in its source
 * @param timeSeconds the frame's time
 * @param faces the faces found, each with its track
 */
public record FrameResult(long frame, double timeSeconds, List<Face> faces) {
    /**
     * One face of the frame.
     *
     * @param trackId its track
     * @param raw the classifier's answer for this frame alone
     * @param label the smoothed answer's most probable label
     * @param smoothed the smoothed probabilities, in the classifier's label order
     * @param followed whether the face was followed from the last detection ({@link FaceFollower}) rather than
     *     detected and classified in this frame: then {@code raw} is the last classified answer with the followed box
     */
    public record Face(int trackId, Prediction raw, String label, float[] smoothed, boolean followed) {}
}
