package io.fer.core.face;

import io.fer.core.image.RgbImage;
import java.util.List;

/** Finds faces in an image. {@link FaceDetector} is the real one; tests and apps may plug in their own. */
public interface FaceLocator {

    /** The faces found, largest first; empty when there is none. Must be thread-safe. */
    List<FaceBox> locate(RgbImage image);

    /**
     * Names the method and its parameters, e.g. {@code "opencv-haar-frontalface-default/1.1/5/30"}: crop caches keep
     * results of different locators apart by it.
     */
    String id();
}
