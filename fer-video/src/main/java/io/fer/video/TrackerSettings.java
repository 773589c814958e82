package io.fer.video;

/**
 * How faces are followed from frame to frame.
 *
 * @param minOverlap the least intersection-over-union between a track's last box and a new face for them to be the
 *     same face (0.3 by default)
 * @param maxMissedFrames how many analysed frames in a row a track may go without its face before it ends (5 by
 *     default: a blink of the detector does not start a new identity)
 */
public record TrackerSettings(double minOverlap, int maxMissedFrames) {
    public TrackerSettings {
        if (!(minOverlap > 0 && minOverlap <= 1)) {
            throw new IllegalArgumentException("minOverlap must be in (0, 1], got " + minOverlap);
        }
        if (maxMissedFrames < 0) {
            throw new IllegalArgumentException("maxMissedFrames must be 0 or more, got " + maxMissedFrames);
        }
    }

    /** Overlap 0.3, 5 missed frames. */
    public static TrackerSettings defaults() {
        return new TrackerSettings(0.3, 5);
    }

    public TrackerSettings withMaxMissedFrames(int frames) {
        return new TrackerSettings(minOverlap, frames);
    }

    public TrackerSettings withMinOverlap(double overlap) {
        return new TrackerSettings(overlap, maxMissedFrames);
    }
}
