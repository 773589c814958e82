package io.fer.core.face;

import io.fer.core.image.RgbImage;
import java.util.Objects;

/**
 * A face cut out of an image, ready for the network.
 *
 * @param face the detected face in source coordinates; for a centre crop or a crop without detection, the same as
 *     {@code region}
 * @param region the part of the source image that was cut out and resized (the face plus margin, kept inside the
 *     image); for an aligned crop, the axis-aligned bounds of the turned square that was cut out
 * @param origin how the region was chosen
 * @param image the crop, {@code inputSize x inputSize} RGB
 * @param landmarks the face's five landmarks in source coordinates, or null (no detection, or a detector without
 *     landmarks)
 * @param score the detector's score, or {@code NaN} when there is none
 */
public record FaceCrop(FaceBox face, FaceBox region, Origin origin, RgbImage image, FaceLandmarks landmarks,
        float score) {

    /** How a crop's region was chosen. */
    public enum Origin {
        /** Around a face the detector found. */
        DETECTED,
        /** Detection ran but found no face: the centre of the image. */
        NO_FACE_CENTER_CROP,
        /** Detection is off (the images are face crops already): the centre square, or the whole image. */
        DETECTION_OFF
    }

    public FaceCrop {
        Objects.requireNonNull(face, "face");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(image, "image");
    }

    /** A crop without landmarks or score. */
    public FaceCrop(FaceBox face, FaceBox region, Origin origin, RgbImage image) {
        this(face, region, origin, image, null, Float.NaN);
    }

    /** Whether a face was detected. */
    public boolean detected() {
        return origin == Origin.DETECTED;
    }
}
