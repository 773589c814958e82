package io.fer.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Truncated and unreadable videos are reported with their names; frames before the damage are kept. */
class DamagedVideoTest {
    @TempDir
    Path dir;

    @Test
    void aTruncatedAviKeepsTheFramesBeforeTheCut() throws IOException {
        Path whole = dir.resolve("whole.avi");
        SyntheticVideo.write(whole);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut off.avi");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length * 6 / 10));
        Path out = dir.resolve("out");
        VideoReport report;
        try (VideoSource source = VideoSource.file(cut)) {
            report = VideoAnalyzer.builder(new SyntheticVideo.Classifier(0)).output(out).build().analyze(source);
        }
        assertThat(report.framesRead()).isBetween(20L, (long) SyntheticVideo.FRAMES - 1);
        assertThat(report.damage()).contains(cut.toString()).contains(report.framesRead() + " frames read");
        assertThat(report.tracks()).hasSize(2);
        assertThat(Files.readAllLines(out.resolve(TimelineWriter.CSV))).hasSize(1 + 2 * (int) report.framesRead());
        JsonObject summary = JsonParser.parseString(Files.readString(out.resolve(TimelineWriter.SUMMARY)))
                .getAsJsonObject();
        assertThat(summary.get("damage").getAsString()).contains("cut off.avi");
        // the times still follow the header's frame rate
        assertThat(Files.readAllLines(out.resolve(TimelineWriter.CSV)).get(3)).startsWith("1,0.0667,");
    }

    @Test
    void garbageAndMissingFilesAreNamed() throws IOException {
        Path garbage = dir.resolve("noise.mp4");
        Files.writeString(garbage, "not a video at all");
        assertThatThrownBy(() -> VideoSource.file(garbage)).isInstanceOf(UnreadableVideoException.class)
                .hasMessageContaining(garbage.toString()).hasMessageContaining("FFmpeg");
        Path missing = dir.resolve("missing.avi");
        assertThatThrownBy(() -> VideoSource.file(missing)).isInstanceOf(UnreadableVideoException.class)
                .hasMessageContaining(missing.toString());
        Path header = dir.resolve("header only.avi");
        Files.write(header, Arrays.copyOf("RIFF\0\0\0\0AVI LIST".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 40));
        try (VideoSource source = VideoSource.file(header)) {
            assertThat(source.next()).isEmpty();
            assertThat(source.damage()).get().asString().contains(header.toString()).contains("no readable frame");
        }
    }
}
