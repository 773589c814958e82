package io.fer.core.face;

/**
 * Runs YuNet on an image already at its working size and gives OpenCV's {@code FaceDetectorYN} rows: box
 * {@code x, y, w, h}, five landmarks {@code x, y}, score ({@link YuNetDecoder#ROW} floats), after non-maximum
 * suppression, in that image's pixels. Thread-safe; {@link #close()} waits for calls in flight or lets them finish.
 */
interface YuNetRunner extends AutoCloseable {

    /** YuNet's rows for an interleaved RGB image of {@code width x height}. */
    float[][] detect(byte[] rgb, int width, int height);

    @Override
    void close();
}
