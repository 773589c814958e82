package io.fer.core.face;

import java.util.Locale;

/**
 * How images are turned into network inputs; stored in a model directory so that run time crops exactly as training
 * did. Plain fields only, so Gson writes and reads it as JSON as it is. Directories written before detectors and
 * alignment were recorded read as they were trained: a missing {@code noFacePolicy} reads as
 * {@link NoFacePolicy#CENTER_CROP}, a missing {@code detector} as {@link DetectorSettings#haar()}, a missing
 * {@code align} as false.
 *
 * @param inputSize side of the square crop handed to the network, in pixels (224 for EfficientNet B0)
 * @param margin fraction of the detected face box added on each side before cropping: 0.1 grows a 100-pixel box to
 *     120 pixels, which keeps the chin and brows that OpenCV's Haar box cuts close to (default {@value #DEFAULT_MARGIN})
 * @param square whether the region cut out is made square (the larger side of the box) before resizing, so faces keep
 *     their proportions; otherwise the box plus margin is stretched to the square input
 * @param detectFaces whether to look for faces at all; off for data sets of face crops (CK+48), which are then
 *     centre-cropped to a square (or, not square, resized whole)
 * @param noFacePolicy what to do with an image in which detection finds no face (default {@link NoFacePolicy#SKIP}:
 *     no crop, no prediction)
 * @param detector which face detector finds the faces, and its settings (default {@link DetectorSettings#yunet()})
 * @param align whether faces are turned so that the eyes are level and placed by their landmarks (default); faces
 *     without landmarks (the Haar cascade gives none) get a plain box crop
 * @param verticalShift for aligned crops: how far below the crop's centre the point midway between the eyes and the
 *     mouth is placed, as a fraction of the crop's side (default 0: at the centre; a missing field reads as 0, so
 *     directories written before it existed crop as before). Box crops ignore it
 */
public record CropSettings(int inputSize, double margin, boolean square, boolean detectFaces,
        NoFacePolicy noFacePolicy, DetectorSettings detector, boolean align, double verticalShift) {

    /** EfficientNet B0's input size. */
    public static final int DEFAULT_INPUT_SIZE = 224;
    /** Margin added on each side of the detected box, as a fraction of its size. */
    public static final double DEFAULT_MARGIN = 0.1;

    /**
     * FER2013's framing, measured by {@code io.fer.benchmarks.FramingProbe} (fer-zoo/FRAMING.md) with YuNet on 496 of
     * 504 Training faces: eyes' midpoint at y {@value #FER2013_EYE_Y}, mouth's at y {@value #FER2013_MOUTH_Y},
     * inter-ocular distance {@value #FER2013_INTEROCULAR} of the side (medians). Margin 0 gives fer's aligned crops
     * FER2013's scale; the shift moves the face down to its height.
     */
    static final double FER2013_EYE_Y = 0.382;
    static final double FER2013_MOUTH_Y = 0.754;
    static final double FER2013_INTEROCULAR = 0.373;
    private static final double FER2013_MARGIN = 0.0;
    private static final double FER2013_SHIFT = 0.095;

    /** What to do when detection finds no face. */
    public enum NoFacePolicy {
        /**
         * Use the largest centred square of the image, or the whole image when crops are not square: for images that
         * are known to show one face, such as portraits (the choice of model directories written before SKIP became
         * the default).
         */
        CENTER_CROP,
        /**
         * Leave the image out (the default: training data sets list it as skipped; the recognizer returns no
         * result).
         */
        SKIP,
        /** Throw {@link NoFaceException}. */
        FAIL
    }

    public CropSettings {
        if (inputSize < 8 || inputSize > 4096) {
            throw new IllegalArgumentException("inputSize must be 8..4096 pixels, got " + inputSize);
        }
        if (!(margin >= 0 && margin <= 2)) {
            throw new IllegalArgumentException("margin must be a fraction 0..2 of the face box, got " + margin);
        }
        if (!(verticalShift >= -0.5 && verticalShift <= 0.5)) {
            throw new IllegalArgumentException("verticalShift must be a fraction -0.5..0.5 of the crop, got "
                    + verticalShift);
        }
        if (noFacePolicy == null) {
            noFacePolicy = NoFacePolicy.CENTER_CROP;
        }
        if (detector == null) {
            detector = DetectorSettings.haar();
        }
    }

    /** The settings without a vertical shift (as before it existed). */
    public CropSettings(int inputSize, double margin, boolean square, boolean detectFaces, NoFacePolicy noFacePolicy,
            DetectorSettings detector, boolean align) {
        this(inputSize, margin, square, detectFaces, noFacePolicy, detector, align, 0);
    }

    /**
     * Detect faces with YuNet, align them, 224 pixels, margin {@value #DEFAULT_MARGIN}, square, no crop when no face
     * is found.
     */
    public static CropSettings defaults() {
        return builder().build();
    }

    /** For data sets of face crops: no detection, centre square resized to {@code inputSize}. */
    public static CropSettings preCropped(int inputSize) {
        return builder().inputSize(inputSize).detectFaces(false).build();
    }

    /**
     * Crops framed like FER2013's faces, for models trained on FER2013 (fer's own): YuNet, aligned, square, margin
     * {@value #FER2013_MARGIN}, the point between eyes and mouth {@value #FER2013_SHIFT} of the side below the centre,
     * no crop when no face is found. FER2013's 48x48 faces fill the frame from about the brows to the chin: measured
     * with YuNet (fer-zoo/FRAMING.md), the eyes' midpoint lies at {@value #FER2013_EYE_Y} of the height, the mouth's
     * at {@value #FER2013_MOUTH_Y}, and the eyes are {@value #FER2013_INTEROCULAR} of the side apart (medians); these
     * settings put frontal faces cut from photographs within 0.05 of the side of each.
     */
    public static CropSettings fer2013Framing(int inputSize) {
        return builder().inputSize(inputSize).margin(FER2013_MARGIN).verticalShift(FER2013_SHIFT).build();
    }

    /**
     * The settings for a data set's images: these, or for a data set of face crops (FER2013, CK+48) no detection at
     * this input size, since detecting faces inside face crops finds nothing. Training and evaluation both use it.
     */
    public CropSettings forDataset(boolean faceCrops) {
        return faceCrops ? preCropped(inputSize) : this;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder().inputSize(inputSize).margin(margin).square(square).detectFaces(detectFaces)
                .noFacePolicy(noFacePolicy).detector(detector).align(align).verticalShift(verticalShift);
    }

    /** These settings with another input size (each EfficientNet variant has its own). */
    public CropSettings withInputSize(int size) {
        return toBuilder().inputSize(size).build();
    }

    /**
     * The settings that decide the crop's pixels, in a fixed text form, e.g.
     * {@code "size=224;margin=0.1;square=true;detect=true;align=true"}, with {@code ";shift=0.075"} appended when
     * there is a vertical shift (so that keys of settings without one are as before). The no-face policy is left out
     * on purpose: it decides what is done with a crop, not what the crop is, so crop caches share entries across
     * policies. The detector is named by {@link FaceCropper#cacheKey()}.
     */
    public String pixelKey() {
        String key = String.format(Locale.ROOT, "size=%d;margin=%s;square=%b;detect=%b;align=%b", inputSize,
                Double.toString(margin), square, detectFaces, align);
        return verticalShift == 0 ? key : key + ";shift=" + verticalShift;
    }

    /** Builds {@link CropSettings}; starts from the defaults. */
    public static final class Builder {
        private int inputSize = DEFAULT_INPUT_SIZE;
        private double margin = DEFAULT_MARGIN;
        private boolean square = true;
        private boolean detectFaces = true;
        private NoFacePolicy noFacePolicy = NoFacePolicy.SKIP;
        private DetectorSettings detector = DetectorSettings.yunet();
        private boolean align = true;
        private double verticalShift;

        private Builder() {}

        /** Side of the network's square input, in pixels. */
        public Builder inputSize(int value) {
            inputSize = value;
            return this;
        }

        /** Fraction of the face box added on each side. */
        public Builder margin(double value) {
            margin = value;
            return this;
        }

        /** Whether the region is made square before resizing. */
        public Builder square(boolean value) {
            square = value;
            return this;
        }

        /** Whether to detect faces (off for pre-cropped images). */
        public Builder detectFaces(boolean value) {
            detectFaces = value;
            return this;
        }

        /** What to do when no face is found. */
        public Builder noFacePolicy(NoFacePolicy value) {
            noFacePolicy = value;
            return this;
        }

        /** Which detector finds faces, and its settings. */
        public Builder detector(DetectorSettings value) {
            detector = java.util.Objects.requireNonNull(value, "detector");
            return this;
        }

        /** Whether faces with landmarks are turned eyes-level and placed by them (otherwise: box crops). */
        public Builder align(boolean value) {
            align = value;
            return this;
        }

        /**
         * For aligned crops, how far below the crop's centre the point midway between eyes and mouth lies, as a
         * fraction of the crop's side (0: at the centre).
         */
        public Builder verticalShift(double value) {
            verticalShift = value;
            return this;
        }

        /** The settings; throws {@link IllegalArgumentException} naming a bad value. */
        public CropSettings build() {
            return new CropSettings(inputSize, margin, square, detectFaces, noFacePolicy, detector, align,
                    verticalShift);
        }
    }
}
