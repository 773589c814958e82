package io.fer.video;

import io.fer.core.image.Frames;
import io.fer.core.image.RgbImage;
import java.util.Objects;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Frames an application pushes from its own capture code, with their times. {@code push} never blocks: the frame is
 * copied and waits in a single slot; if the analyzer has not taken the previous one yet, that one is dropped and
 * counted. Call {@link #end()} after the last frame. Thread-safe.
 */
public final class PushedFrames implements VideoSource {
    private final String name;
    private final FrameSlot slot = new FrameSlot();
    private long nextIndex;
    private double lastTime = Double.NEGATIVE_INFINITY;

    PushedFrames(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Pushes an OpenCV frame (8-bit BGR, BGRA or grey; copied) shown at {@code timeSeconds}.
     *
     * @return false when the source has ended or been closed (the frame is ignored)
     * @throws IllegalArgumentException if the time does not increase or the Mat is not an 8-bit image
     */
    public boolean push(Mat frame, double timeSeconds) {
        return push(Frames.fromMat(frame), timeSeconds);
    }

    /** Pushes a raw 8-bit, 3-channel frame (copied); see {@link Frames#fromRaw}. */
    public boolean push(byte[] pixels, int width, int height, int stride, Frames.PixelOrder order, double timeSeconds) {
        return push(Frames.fromRaw(pixels, width, height, stride, order), timeSeconds);
    }

    /** Pushes an image shown at {@code timeSeconds}, later than the previous frame's. */
    public synchronized boolean push(RgbImage frame, double timeSeconds) {
        if (!(timeSeconds > lastTime)) {
            throw new IllegalArgumentException("Frame times must increase: " + timeSeconds + " s after " + lastTime
                    + " s in " + name);
        }
        lastTime = timeSeconds;
        return slot.put(new VideoFrame(nextIndex++, timeSeconds, frame));
    }

    /** No more frames: the analyzer finishes the waiting one and ends. */
    public void end() {
        slot.end();
    }

    /** Frames pushed so far. */
    public synchronized long pushed() {
        return nextIndex;
    }

    @Override
    public Optional<VideoFrame> next() {
        return slot.take();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long dropped() {
        return slot.dropped();
    }

    @Override
    public void close() {
        slot.discard();
    }
}
