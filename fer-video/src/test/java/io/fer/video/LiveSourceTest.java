package io.fer.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.Prediction;
import io.fer.core.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushed frames: a slow analyzer drops and counts instead of queueing; stop() ends with complete outputs. */
class LiveSourceTest {
    @TempDir
    Path dir;

    static RgbImage grey() {
        return RgbImage.of(8, 8, new byte[8 * 8 * 3]);
    }

    /** Takes 20 ms per frame and finds no face. */
    static final class Slow implements FrameClassifier {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public List<String> labels() {
            return List.of("a", "b");
        }

        @Override
        public List<Prediction> classify(RgbImage frame) {
            calls.incrementAndGet();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }
    }

    @Test
    void aSlowAnalyzerDropsAndCountsFramesInsteadOfQueueingThem() throws Exception {
        PushedFrames frames = VideoSource.pushed("pushed");
        Slow slow = new Slow();
        Thread camera = new Thread(() -> {
            for (int i = 0; i < 200; i++) {
                frames.push(grey(), i / 1000.0);   // as fast as it can: far faster than 20 ms a frame
            }
            frames.end();
        });
        camera.start();
        VideoReport report = VideoAnalyzer.builder(slow).output(dir).build().analyze(frames);
        camera.join();
        frames.close();
        assertThat(report.framesDropped()).isPositive();
        assertThat(report.framesRead() + report.framesDropped()).isEqualTo(200);
        assertThat(slow.calls.get()).isEqualTo((int) report.framesRead());
        assertThat(Files.exists(dir.resolve(TimelineWriter.SUMMARY))).isTrue();
    }

    @Test
    void stopEndsTheRunWithItsOutputsComplete() throws IOException {
        PushedFrames frames = VideoSource.pushed("endless");
        Thread camera = new Thread(() -> {
            for (int i = 0; frames.push(grey(), i / 30.0); i++) {
                Thread.onSpinWait();
            }
        });
        camera.setDaemon(true);
        camera.start();
        VideoAnalyzer[] analyzer = new VideoAnalyzer[1];
        analyzer[0] = VideoAnalyzer.builder(new Slow()).output(dir).progress((f, soFar) -> {
            if (soFar.framesAnalysed() == 5) {
                analyzer[0].stop();
            }
        }).build();
        VideoReport report = analyzer[0].analyze(frames);
        frames.close();
        assertThat(report.stopped()).isTrue();
        assertThat(report.framesAnalysed()).isEqualTo(5);
        assertThat(Files.readString(dir.resolve(TimelineWriter.SUMMARY))).contains("\"stopped\": true");
        assertThat(frames.push(grey(), 1e6)).isFalse();
    }

    @Test
    void pushedTimesMustIncrease() {
        PushedFrames frames = VideoSource.pushed("cam");
        frames.push(grey(), 1.0);
        assertThatThrownBy(() -> frames.push(grey(), 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cam");
    }
}
