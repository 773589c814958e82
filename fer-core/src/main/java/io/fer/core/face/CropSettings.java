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
 */
public record CropSettings(int inputSize, double margin, boolean square, boolean detectFaces,
        NoFacePolicy noFacePolicy, DetectorSettings detector, boolean align) {

    /** EfficientNet B0's input size. */
    public static final int DEFAULT_INPUT_SIZE = 224;
    /** Margin added on each side of the detected box, as a fraction of its size. */
    public static final double DEFAULT_MARGIN = 0.1;

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
        if (noFacePolicy == null) {
            noFacePolicy = NoFacePolicy.CENTER_CROP;
        }
        if (detector == null) {
            detector = DetectorSettings.haar();
        }
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

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder().inputSize(inputSize).margin(margin).square(square).detectFaces(detectFaces)
                .noFacePolicy(noFacePolicy).detector(detector).align(align);
    }

    /** These settings with another input size (each EfficientNet variant has its own). */
    public CropSettings withInputSize(int size) {
        return toBuilder().inputSize(size).build();
    }

    /**
     * The settings that decide the crop's pixels, in a fixed text form, e.g.
     * {@code "size=224;margin=0.1;square=true;detect=true;align=true"}. The no-face policy is left out on purpose:
     * it decides what is done with a crop, not what the crop is, so crop caches share entries across policies. The
     * detector is named by {@link FaceCropper#cacheKey()}.
     */
    public String pixelKey() {
        return String.format(Locale.ROOT, "size=%d;margin=%s;square=%b;detect=%b;align=%b", inputSize,
                Double.toString(margin), square, detectFaces, align);
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

        /** The settings; throws {@link IllegalArgumentException} naming a bad value. */
        public CropSettings build() {
            return new CropSettings(inputSize, margin, square, detectFaces, noFacePolicy, detector, align);
        }
    }
}
