package io.fer.core.face;

import io.fer.core.image.RgbImage;
import java.util.Objects;

/**
 * A face cut out of an image, ready for the network.
 *
 * @param face the detected face in source coordinates; for a centre crop or a crop without detection, the same as
 *     {@code region}
 * @param region the part of the source image that was cut out and resized (the face plus margin, kept inside the
 *     image)
 * @param origin how the region was chosen
 * @param image the crop, {@code inputSize x inputSize} RGB
 */
public record FaceCrop(FaceBox face, FaceBox region, Origin origin, RgbImage image) {

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

    /** Whether a face was detected. */
    public boolean detected() {
        return origin == Origin.DETECTED;
    }
}
