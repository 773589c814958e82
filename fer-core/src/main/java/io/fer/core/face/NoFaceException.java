package io.fer.core.face;

/** No face was found in an image and the crop settings say {@link CropSettings.NoFacePolicy#FAIL}. */
public class NoFaceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param source the image, as the message names it */
    public NoFaceException(String source) {
        super("No face found in " + source + " (the no-face policy is FAIL; use CENTER_CROP or SKIP to go on)");
    }
}
