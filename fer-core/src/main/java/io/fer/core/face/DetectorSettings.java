package io.fer.core.face;

import io.fer.core.Recognizer;
import java.util.Locale;
import java.util.Objects;

/**
 * Which face detector finds faces, and how: stored with the {@link CropSettings} in a model directory, so that run
 * time detects exactly as training did. Plain fields, so Gson writes and reads it as JSON as it is.
 *
 * @param kind the detector
 * @param scoreThreshold the lowest detector score kept, 0..1 (YuNet; the Haar cascade has no score and ignores it)
 * @param minFaceSize the smallest face side kept, in pixels of the original image
 * @param maxFaces at most this many faces are kept, the largest
 * @param workingSize frames whose longer side exceeds this many pixels are downscaled to it before detecting and the
 *     boxes scaled back (0: never); YuNet is trained on faces of about 10 to 300 pixels. A frame is never shrunk so far
 *     that a face of {@code minFaceSize} would fall under 10 pixels
 * @param customId for {@link Kind#CUSTOM}: the {@link FaceDetector#id()} of the application's detector, else null
 */
public record DetectorSettings(Kind kind, double scoreThreshold, int minFaceSize, int maxFaces, int workingSize,
        String customId) {

    /** The detectors fer knows. */
    public enum Kind {
        /** YuNet (the bundled ONNX model on ONNX Runtime or OpenCV, {@link YuNetBackend}): boxes, landmarks, scores. */
        YUNET,
        /** OpenCV's frontal-face Haar cascade: boxes only. */
        HAAR,
        /** An application's own {@link FaceDetector}; it must be given again when the model is loaded. */
        CUSTOM
    }

    /** YuNet's default lowest score. */
    public static final double DEFAULT_SCORE_THRESHOLD = 0.6;
    /** YuNet's default smallest face, in pixels. */
    public static final int DEFAULT_MIN_FACE_SIZE = 20;
    /** Default most faces per image. */
    public static final int DEFAULT_MAX_FACES = 50;
    /** YuNet's default working size: the longer side frames are downscaled to. */
    public static final int DEFAULT_WORKING_SIZE = 640;
    /** The smallest face side YuNet finds reliably, in pixels of the image it runs on. */
    static final int YUNET_SMALLEST_FACE = 10;

    public DetectorSettings {
        Objects.requireNonNull(kind, "kind");
        if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
            throw new IllegalArgumentException("scoreThreshold must be 0..1, got " + scoreThreshold);
        }
        if (minFaceSize < 1) {
            throw new IllegalArgumentException("minFaceSize must be at least 1 pixel, got " + minFaceSize);
        }
        if (maxFaces < 1) {
            throw new IllegalArgumentException("maxFaces must be at least 1, got " + maxFaces);
        }
        if (workingSize != 0 && workingSize < 32) {
            throw new IllegalArgumentException("workingSize must be 0 (never downscale) or at least 32 pixels, got "
                    + workingSize);
        }
        if (kind == Kind.CUSTOM && (customId == null || customId.isBlank())) {
            throw new IllegalArgumentException("A custom detector's settings need its id");
        }
        if (kind != Kind.CUSTOM) {
            customId = null;
        }
    }

    /** YuNet: score 0.6, faces of at least 20 pixels, at most 50 faces, frames downscaled to 640 pixels. */
    public static DetectorSettings yunet() {
        return new DetectorSettings(Kind.YUNET, DEFAULT_SCORE_THRESHOLD, DEFAULT_MIN_FACE_SIZE, DEFAULT_MAX_FACES,
                DEFAULT_WORKING_SIZE, null);
    }

    /**
     * OpenCV's Haar cascade as fer used it before YuNet (scale step 1.1, 5 neighbours, faces of at least 30
     * pixels, full-size frames): what a model directory that records no detector was trained with.
     */
    public static DetectorSettings haar() {
        return new DetectorSettings(Kind.HAAR, 0, HaarFaceDetector.DEFAULT_MIN_SIZE, DEFAULT_MAX_FACES, 0, null);
    }

    /** Records an application's own detector by its id. */
    public static DetectorSettings custom(FaceDetector detector) {
        return new DetectorSettings(Kind.CUSTOM, 0, 1, DEFAULT_MAX_FACES, 0, detector.id());
    }

    /** These settings with another lowest score. */
    public DetectorSettings withScoreThreshold(double value) {
        return new DetectorSettings(kind, value, minFaceSize, maxFaces, workingSize, customId);
    }

    /** These settings with another smallest face side. */
    public DetectorSettings withMinFaceSize(int value) {
        return new DetectorSettings(kind, scoreThreshold, value, maxFaces, workingSize, customId);
    }

    /** These settings with another most faces per image. */
    public DetectorSettings withMaxFaces(int value) {
        return new DetectorSettings(kind, scoreThreshold, minFaceSize, value, workingSize, customId);
    }

    /** These settings with another working size (0: never downscale). */
    public DetectorSettings withWorkingSize(int value) {
        return new DetectorSettings(kind, scoreThreshold, minFaceSize, maxFaces, value, customId);
    }

    /**
     * A new detector for these settings; close it when done.
     *
     * @throws IllegalStateException for {@link Kind#CUSTOM}, which only the application can make, or when OpenCV or
     *     the model cannot be loaded
     */
    public FaceDetector create() {
        return switch (kind) {
            case YUNET -> new YuNetFaceDetector(this);
            case HAAR -> new HaarFaceDetector(this);
            case CUSTOM -> throw new IllegalStateException("These crop settings name the application's own face "
                    + "detector " + customId + "; pass it again (Recognizer.builder(dir).detector(...) or "
                    + "new FaceCropper(settings, detector))");
        };
    }

    /** The factor frames of this size are scaled by before detecting: 1, or less for a large frame. */
    public double workingScale(int width, int height) {
        int longer = Math.max(width, height);
        if (workingSize == 0 || longer <= workingSize) {
            return 1;
        }
        double scale = (double) workingSize / longer;
        // never shrink the smallest face wanted below what YuNet can find
        return Math.min(1, Math.max(scale, (double) YUNET_SMALLEST_FACE / minFaceSize));
    }

    /** A fixed text form of every field, for detector ids and cache keys. */
    String describe() {
        return String.format(Locale.ROOT, "score=%s/min=%d/max=%d/work=%d", Double.toString(scoreThreshold),
                minFaceSize, maxFaces, workingSize);
    }
}
