package io.fer.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.Prediction;
import io.fer.core.face.FaceBox;
import io.fer.core.image.RgbImage;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timeline chart and the annotated video: what they show, that fer reads the video back, and failure paths. */
class OutputsTest {
    @TempDir
    static Path shared;
    static Path video;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeVideo() {
        video = shared.resolve("two faces.avi");
        SyntheticVideo.write(video);
    }

    static List<RgbImage> frames(Path file) throws IOException {
        List<RgbImage> out = new ArrayList<>();
        try (VideoSource source = VideoSource.file(file)) {
            for (Optional<VideoFrame> f = source.next(); f.isPresent(); f = source.next()) {
                out.add(f.get().image());
            }
            assertThat(source.damage()).isEmpty();
        }
        return out;
    }

    static boolean near(int rgb, Color c, int tolerance) {
        return Math.abs((rgb >> 16 & 0xff) - c.getRed()) <= tolerance
                && Math.abs((rgb >> 8 & 0xff) - c.getGreen()) <= tolerance
                && Math.abs((rgb & 0xff) - c.getBlue()) <= tolerance;
    }

    @Test
    void theChartShowsEachTracksScriptAndTheAnnotatedVideoReadsBack() throws IOException {
        Path out = dir.resolve("out");
        Path annotated = dir.resolve("annotated.avi");
        List<FrameResult> results = new ArrayList<>();
        try (VideoSource source = VideoSource.file(video)) {
            VideoAnalyzer.builder(new SyntheticVideo.Classifier(0)).smoothing(Smoothing.none()).output(out)
                    .annotate(annotated).progress((f, soFar) -> results.add(f)).build().analyze(source);
        }
        // chart: lane 1 is the first track; each lane has its script's colours before and after its change
        BufferedImage chart = ImageIO.read(out.resolve(TimelineChart.PNG).toFile());
        assertThat(chart.getWidth()).isEqualTo(TimelineChart.WIDTH);
        double seconds = SyntheticVideo.FRAMES / SyntheticVideo.FPS;
        for (int lane = 0; lane < 2; lane++) {
            int track = lane + 1;
            boolean upper = results.get(0).faces().stream().filter(f -> f.trackId() == track).findFirst()
                    .orElseThrow().raw().face().y() < SyntheticVideo.HEIGHT / 2;
            int y = TimelineChart.LEGEND + lane * TimelineChart.LANE + TimelineChart.LANE / 2;
            for (double t : new double[] {0.3, 1.0, 1.6, 2.5, 3.2, 3.8}) {
                int x = TimelineChart.LEFT
                        + (int) (t / seconds * (TimelineChart.WIDTH - TimelineChart.LEFT - TimelineChart.RIGHT));
                String expected = upper ? SyntheticVideo.scriptA(t) : SyntheticVideo.scriptB(t);
                Color c = TimelineChart.colour(SyntheticVideo.LABELS.indexOf(expected));
                assertThat(near(chart.getRGB(x, y), c, 0)).as("track %d at %.1f s: %s", track, t, expected).isTrue();
            }
        }

        // annotated video: every frame, fer's own reader, the boxes drawn in their label's colour
        List<RgbImage> original = frames(video);
        List<RgbImage> drawn = frames(annotated);
        assertThat(drawn).hasSize(SyntheticVideo.FRAMES);
        assertThat(drawn.get(0).width()).isEqualTo(SyntheticVideo.WIDTH);
        for (int i : new int[] {5, 30, 55}) {
            for (FrameResult.Face f : results.get(i).faces()) {
                FaceBox b = f.raw().face();
                Color c = TimelineChart.colour(SyntheticVideo.LABELS.indexOf(f.label()));
                int onEdge = 0;
                for (int x = b.x() + 5; x < b.x() + b.width() - 5; x++) {
                    onEdge += near(drawn.get(i).rgb(x, b.y() + b.height() - 1), c, 60) ? 1 : 0;
                }
                assertThat(onEdge).as("frame %d track %d", i, f.trackId()).isGreaterThan((b.width() - 10) * 3 / 4);
            }
            // far from the faces the frame is the video's own (JPEG twice: a few levels of difference)
            int x = SyntheticVideo.WIDTH / 2;
            int y = SyntheticVideo.HEIGHT / 2 - 5;
            assertThat(Math.abs(drawn.get(i).channel(x, y, 0) - original.get(i).channel(x, y, 0))).isLessThan(12);
        }
    }

    @Test
    void stopCompletesTheChartAndTheAnnotatedVideo() throws IOException {
        Path out = dir.resolve("out");
        Path annotated = dir.resolve("stopped.avi");
        VideoAnalyzer[] analyzer = new VideoAnalyzer[1];
        analyzer[0] = VideoAnalyzer.builder(new SyntheticVideo.Classifier(0)).output(out).annotate(annotated)
                .progress((f, soFar) -> {
                    if (soFar.framesRead() == 25) {
                        analyzer[0].stop();
                    }
                }).build();
        VideoReport report;
        try (VideoSource source = VideoSource.file(video)) {
            report = analyzer[0].analyze(source);
        }
        assertThat(report.stopped()).isTrue();
        assertThat(frames(annotated)).hasSize(25);
        assertThat(ImageIO.read(out.resolve(TimelineChart.PNG).toFile())).isNotNull();
        assertThat(Files.readString(out.resolve(TimelineWriter.SUMMARY))).contains("\"stopped\": true");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("out", "stopped.avi");
        }
    }

    @Test
    void pushedFramesGetTheirFrameRateFromTheirTimes() throws IOException {
        Path annotated = dir.resolve("pushed.avi");
        PushedFrames frames = VideoSource.pushed("app");
        List<RgbImage> scenes = frames(video);
        // the next frame is pushed once the last one is analysed, so that none is dropped
        frames.push(scenes.get(0), 0);
        int[] next = {1};
        VideoReport report = VideoAnalyzer.builder(new SyntheticVideo.Classifier(0)).annotate(annotated)
                .progress((f, soFar) -> {
                    if (next[0] < 10) {
                        frames.push(scenes.get(next[0]), next[0]++ / 10.0);
                    } else {
                        frames.end();
                    }
                }).build().analyze(frames);
        assertThat(report.framesRead()).isEqualTo(10);
        frames.close();
        try (VideoSource back = VideoSource.file(annotated)) {
            assertThat(back.framesPerSecond()).hasValue(10.0);
        }
        assertThat(frames(annotated)).hasSize((int) report.framesRead());
    }

    @Test
    void aFailedRunLeavesAnEarlierAnnotatedVideoIntact() throws IOException {
        Path annotated = Files.writeString(dir.resolve("annotated.avi"), "the user's file");
        FrameClassifier failing = new FrameClassifier() {
            int calls;

            @Override
            public List<String> labels() {
                return SyntheticVideo.LABELS;
            }

            @Override
            public List<Prediction> classify(RgbImage frame) {
                if (++calls == 10) {
                    throw new IllegalStateException("model failed");
                }
                return List.of();
            }
        };
        try (VideoSource source = VideoSource.file(video)) {
            VideoAnalyzer analyzer = VideoAnalyzer.builder(failing).annotate(annotated).build();
            assertThatThrownBy(() -> analyzer.analyze(source)).hasMessageContaining("model failed");
        }
        assertThat(Files.readString(annotated)).isEqualTo("the user's file");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(annotated);   // no partial file left behind
        }
        assertThatThrownBy(() -> VideoAnalyzer.builder(failing).annotate(dir.resolve("out.mp4")).build()
                .analyze(VideoSource.pushed("x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out.mp4").hasMessageContaining(".avi");
    }
}
