package io.fer.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic two-face video end to end: tracks, smoothing, timeline files. */
class VideoAnalyzerTest {
    @TempDir
    static Path dir;
    static Path video;

    @BeforeAll
    static void writeVideo() {
        video = dir.resolve("two faces.avi");
        SyntheticVideo.write(video);
    }

    /** One analysed face row of the timeline: which square it is (by position) and its labels. */
    record Row(long frame, double time, int track, boolean upper, String raw, String smoothed) {}

    static List<Row> rows(Path csv) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            rows.add(new Row(Long.parseLong(f[0]), Double.parseDouble(f[1]), Integer.parseInt(f[2]),
                    Integer.parseInt(f[4]) < SyntheticVideo.HEIGHT / 2, f[7], f[9]));
        }
        return rows;
    }

    @Test
    void fileIsReadWithOpenCvsOwnMjpegReader() throws IOException {
        try (VideoSource source = VideoSource.file(video)) {
            int n = 0;
            double last = -1;
            while (source.next().isPresent()) {
                n++;
            }
            assertThat(n).isEqualTo(SyntheticVideo.FRAMES);
            assertThat(source.damage()).isEmpty();
        }
    }

    @Test
    void tracksStayStableSmoothingCutsFlipsAndTheTimelineFollowsTheScript() throws IOException {
        Path out = dir.resolve("out");
        List<ExpressionChange> changes = new ArrayList<>();
        VideoReport report;
        try (VideoSource source = VideoSource.file(video)) {
            report = VideoAnalyzer.builder(new SyntheticVideo.Classifier(0.3))
                    .smoothing(Smoothing.exponential(0.4)).listener(changes::add).output(out).build()
                    .analyze(source);
        }
        assertThat(report.framesRead()).isEqualTo(SyntheticVideo.FRAMES);
        assertThat(report.framesAnalysed()).isEqualTo(SyntheticVideo.FRAMES);
        assertThat(report.faces()).isEqualTo(2L * SyntheticVideo.FRAMES);
        assertThat(report.tracks()).hasSize(2);

        List<Row> rows = rows(out.resolve(TimelineWriter.CSV));
        assertThat(rows).hasSize(2 * SyntheticVideo.FRAMES);
        assertThat(Files.readAllLines(out.resolve(TimelineWriter.JSONL))).hasSize(2 * SyntheticVideo.FRAMES);
        // each square keeps one id for the whole video, and the two differ
        assertThat(rows.stream().filter(Row::upper).map(Row::track).distinct().toList()).hasSize(1);
        assertThat(rows.stream().filter(r -> !r.upper()).map(Row::track).distinct().toList()).hasSize(1);
        assertThat(rows.stream().map(Row::track).distinct().toList()).hasSize(2);

        int rawFlips = 0;
        int smoothFlips = 0;
        int agree = 0;
        int judged = 0;
        for (boolean upper : new boolean[] {true, false}) {
            List<Row> track = rows.stream().filter(r -> r.upper() == upper).toList();
            double change = upper ? 1.2 : 2.8;
            for (int i = 0; i < track.size(); i++) {
                Row r = track.get(i);
                if (i > 0) {
                    rawFlips += r.raw().equals(track.get(i - 1).raw()) ? 0 : 1;
                    smoothFlips += r.smoothed().equals(track.get(i - 1).smoothed()) ? 0 : 1;
                }
                // tolerance: the smoothed label may lag a scripted change by up to 0.8 s (two time constants)
                if (r.time() < change || r.time() >= change + 0.8) {
                    judged++;
                    String script = upper ? SyntheticVideo.scriptA(r.time()) : SyntheticVideo.scriptB(r.time());
                    agree += r.smoothed().equals(script) ? 1 : 0;
                }
            }
        }
        assertThat(rawFlips).isGreaterThan(20);
        assertThat(smoothFlips).isLessThanOrEqualTo(6).isLessThan(rawFlips / 4);
        assertThat(agree / (double) judged).isGreaterThanOrEqualTo(0.9);
        // the listener heard every smoothed change plus each track's first label
        assertThat(changes).hasSize(smoothFlips + 2);

        JsonObject summary = JsonParser.parseString(Files.readString(out.resolve(TimelineWriter.SUMMARY)))
                .getAsJsonObject();
        assertThat(summary.get("frames_read").getAsLong()).isEqualTo(SyntheticVideo.FRAMES);
        assertThat(summary.get("damage").isJsonNull()).isTrue();
        Map<Integer, String> dominant = new HashMap<>();
        report.tracks().forEach(t -> dominant.put(t.trackId(), t.dominant()));
        int upperTrack = rows.stream().filter(Row::upper).findFirst().orElseThrow().track();
        int lowerTrack = rows.stream().filter(r -> !r.upper()).findFirst().orElseThrow().track();
        assertThat(dominant.get(upperTrack)).isEqualTo("sad");       // 2.8 s of 4 sad
        assertThat(dominant.get(lowerTrack)).isEqualTo("neutral");   // 2.8 s of 4 neutral
        TrackSummary upperSummary = report.tracks().stream().filter(t -> t.trackId() == upperTrack).findFirst()
                .orElseThrow();
        assertThat(upperSummary.share().get("sad")).isBetween(0.55, 0.85);
        assertThat(upperSummary.share().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void everyNthFrameIsAnalysed() throws IOException {
        try (VideoSource source = VideoSource.file(video)) {
            VideoReport report = VideoAnalyzer.builder(new SyntheticVideo.Classifier(0)).every(3).follower(null)
                    .build().analyze(source);
            assertThat(report.framesRead()).isEqualTo(SyntheticVideo.FRAMES);
            assertThat(report.framesAnalysed()).isEqualTo(SyntheticVideo.FRAMES / 3);
            assertThat(report.framesFollowed()).isZero();
            assertThat(report.tracks()).hasSize(2);
        }
    }
}
