package io.fer.video;

import io.fer.core.image.RgbImage;
import java.util.Objects;

/**
 * One frame of a video.
 *
 * @param index the frame's number in its source, from 0 (a live source's dropped frames leave gaps)
 * @param timeSeconds when it was shown: from the frame rate for a file, from the clock for a camera, as given for
 *     pushed frames
 * @param image its pixels
 */
public record VideoFrame(long index, double timeSeconds, RgbImage image) {
    public VideoFrame {
        Objects.requireNonNull(image, "image");
        if (!Double.isFinite(timeSeconds)) {
            throw new IllegalArgumentException("A frame's time must be finite, got " + timeSeconds);
        }
    }
}
