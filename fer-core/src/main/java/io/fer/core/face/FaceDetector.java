package io.fer.core.face;

import io.fer.core.Recognizer;
import io.fer.core.image.RgbImage;
import java.util.Comparator;
import java.util.List;

/**
 * Finds faces in an image: the pluggable first stage of cropping and recognition.
 *
 * <p>fer ships two: {@link YuNetFaceDetector} (the default: a small CNN with landmarks and scores) and
 * the Haar detector (OpenCV's Haar cascade, boxes only). {@link DetectorSettings#create()} makes either from the
 * settings a model directory records. An application may supply its own implementation, e.g. to reuse a detector it
 * already runs; it then passes it to {@link FaceCropper} or {@code Recognizer.builder(dir).detector(...)}.
 *
 * <p>Implementations must be thread-safe. Closing frees native resources; the default does nothing.
 */
public interface FaceDetector extends AutoCloseable {

    /** Orders faces largest first; ties top to bottom, then left to right. */
    Comparator<DetectedFace> LARGEST_FIRST = Comparator.comparingLong((DetectedFace f) -> f.box().area()).reversed()
            .thenComparingInt(f -> f.box().y()).thenComparingInt(f -> f.box().x());

    /** The faces in the image, largest first ({@link #LARGEST_FIRST}); empty when there is none. */
    List<DetectedFace> detect(RgbImage image);

    /**
     * Names the method and every parameter that changes its answer, e.g.
     * {@code "yunet-2023mar/score=0.6/min=20/max=50/work=640"}: crop caches keep results of different detectors apart
     * by it.
     */
    String id();

    @Override
    default void close() {}

    /**
     * Starts loading OpenCV's natives on a background thread, so that a detector made later (after TensorFlow has
     * started, say) is ready sooner. Does nothing once started; a failure here is reported when a detector is made.
     */
    static void preload() {
        OpenCvPreload.start();
    }
}
