package io.fer.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fer.core.Prediction;
import io.fer.core.face.FaceBox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackerAndSmoothingTest {
    static Prediction face(int x, int y) {
        return new Prediction("a", 1f, Map.of("a", 1f), new FaceBox(x, y, 40, 40), true);
    }

    @Test
    void aTrackSurvivesMissedFramesThenEnds() {
        FaceTracker tracker = new FaceTracker(TrackerSettings.defaults().withMaxMissedFrames(2));
        int id = tracker.update(List.of(face(0, 0))).get(0).trackId();
        tracker.update(List.of());
        tracker.update(List.of());
        TrackedFace back = tracker.update(List.of(face(5, 0))).get(0);
        assertThat(back.trackId()).isEqualTo(id);
        assertThat(back.newTrack()).isFalse();
        tracker.update(List.of());
        tracker.update(List.of());
        tracker.update(List.of());
        assertThat(tracker.endedTracks()).containsExactly(id);
        TrackedFace next = tracker.update(List.of(face(5, 0))).get(0);
        assertThat(next.trackId()).isNotEqualTo(id);
        assertThat(next.newTrack()).isTrue();
    }

    @Test
    void aNewFaceStartsANewTrackAndNeighboursKeepTheirs() {
        FaceTracker tracker = new FaceTracker(TrackerSettings.defaults());
        List<TrackedFace> first = tracker.update(List.of(face(0, 0), face(100, 0)));
        List<TrackedFace> second = tracker.update(List.of(face(104, 2), face(200, 0), face(3, 1)));
        assertThat(second.get(0).trackId()).isEqualTo(first.get(1).trackId());
        assertThat(second.get(2).trackId()).isEqualTo(first.get(0).trackId());
        assertThat(second.get(1).newTrack()).isTrue();
        assertThat(tracker.liveTracks()).hasSize(3);
    }

    @Test
    void exponentialSmoothingDependsOnSecondsNotFrames() {
        float[] on = {1, 0};
        float[] off = {0, 1};
        for (double fps : new double[] {10, 30}) {
            Smoothing.Smoother s = Smoothing.exponential(0.5).newSmoother();
            s.update(0, off);
            float[] after = null;
            for (int i = 1; i <= fps; i++) {   // one second of "on"
                after = s.update(i / fps, on);
            }
            assertThat(after[0]).isCloseTo((float) (1 - Math.exp(-2)), within(1e-4f));
        }
    }

    @Test
    void windowAveragesTheLastSeconds() {
        Smoothing.Smoother s = Smoothing.window(1.0).newSmoother();
        s.update(0.0, new float[] {1, 0});
        s.update(0.5, new float[] {0, 1});
        assertThat(s.update(0.9, new float[] {0, 1})[1]).isCloseTo(2 / 3f, within(1e-5f));
        assertThat(s.update(1.6, new float[] {0, 1})[1]).isCloseTo(1f, within(1e-5f));
    }
}
