package io.fer.benchmarks;

import io.fer.core.image.RgbImage;
import io.fer.video.VideoFrame;
import io.fer.video.VideoSource;
import java.util.List;
import java.util.Optional;

/** Frames already in memory handed out as a 30 frames/s video would, so that reading costs nothing in a benchmark. */
final class FrameReplay {
    private FrameReplay() {}

    /**
     * {@code count} frames at 30 frames/s, going back and forth through {@code frames} when {@code count} is larger,
     * so that the faces never jump.
     */
    static VideoSource of(List<RgbImage> frames, int count) {
        return new VideoSource() {
            private int next;

            @Override
            public Optional<VideoFrame> next() {
                if (next == count) {
                    return Optional.empty();
                }
                int i = next++;
                int k = (i / frames.size()) % 2 == 0 ? i % frames.size() : frames.size() - 1 - i % frames.size();
                return Optional.of(new VideoFrame(i, i / 30.0, frames.get(k)));
            }

            @Override
            public String name() {
                return "frames in memory";
            }

            @Override
            public void close() {}
        };
    }
}
