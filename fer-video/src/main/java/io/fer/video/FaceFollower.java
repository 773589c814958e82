package io.fer.video;

import io.fer.core.face.FaceBox;
import io.fer.core.image.RgbImage;
import java.util.Map;

/**
 * Moves faces' boxes through the frames between two detections ({@link VideoAnalyzer.Builder#every(int)}), so that
 * the timeline and the annotated video have a box for every frame while the detector and the model run on every N-th
 * one. {@link #template()} is fer's own; an application may plug in another (an OpenCV tracker, say). One follower
 * per stream, used from the analyzer's thread only.
 */
public interface FaceFollower extends AutoCloseable {
    /** Starts over from a frame whose faces were just detected: {@code boxes} by track id. */
    void reset(RgbImage frame, Map<Integer, FaceBox> boxes);

    /** Where each face of the last {@link #reset} is in a later frame; a face it lost is left out. */
    Map<Integer, FaceBox> follow(RgbImage frame);

    /** Releases native memory; the follower is not used again. */
    @Override
    void close();

    /**
     * Template matching: each face (with a margin of background, whose edges carry the signal) is shrunk to a
     * small grey template when detected and searched for by normalised cross-correlation within half a face width
     * of where it was last seen, with sub-pixel refinement; a match scoring below 0.5 loses the face. Its cost is a
     * grey copy of the frame and a search of a few thousand positions per face, far less than detecting and
     * classifying.
     */
    static FaceFollower template() {
        return new TemplateFollower();
    }
}
