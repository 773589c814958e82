package io.fer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_videoio;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_videoio.VideoWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fer video} with a tiny model trained here, on an MJPEG AVI of a synthetic face moving across the frame. */
class VideoCommandTest {
    static final int FRAMES = 20;

    @TempDir
    static Path tmp;
    static Path model;
    static Path video;

    @BeforeAll
    static void trainAndFilm() throws IOException {
        Path data = tmp.resolve("faces");
        Fixtures.imageFolder(data, 4, 2, 9);
        Path run = tmp.resolve("run");
        Cli train = Cli.run("train", "--dataset", "folder", "--data", data.toString(), "--backbone", "cnn",
                "--input-size", "24", "--epochs", "1,0", "--batch", "8", "--protocol", "random:0.75", "--quiet",
                "--crop-cache", tmp.resolve("crops").toString(), "--out", run.toString());
        assertThat(train.exitCode()).as(train.toString()).isZero();
        model = run.resolve("model");
        Path face;
        try (Stream<Path> files = Files.walk(data.resolve("happy"))) {
            face = files.filter(p -> p.toString().endsWith(".png")).sorted().findFirst().orElseThrow();
        }
        video = tmp.resolve("moving face.avi");
        int fourcc = VideoWriter.fourcc((byte) 'M', (byte) 'J', (byte) 'P', (byte) 'G');
        try (Mat small = opencv_imgcodecs.imread(face.toString());
                Mat big = new Mat();
                VideoWriter writer = new VideoWriter(video.toString(), opencv_videoio.CAP_OPENCV_MJPEG, fourcc, 10,
                        new Size(320, 240), true)) {
            opencv_imgproc.resize(small, big, new Size(120, 120));
            for (int i = 0; i < FRAMES; i++) {
                try (Mat frame = new Mat(240, 320, opencv_core.CV_8UC3, new Scalar(128, 128, 128, 0));
                        Mat target = frame.apply(new Rect(20 + i * 5, 60, 120, 120))) {
                    big.copyTo(target);
                    writer.write(frame);
                }
            }
            writer.release();
        }
    }

    @Test
    void aVideoGivesACompleteTimelineAndSummary() throws IOException {
        Path out = tmp.resolve("out");
        Cli cli = Cli.run("video", video.toString(), "--model", model.toString(), "--smooth", "0.3", "--out",
                out.toString());
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(cli.out()).contains(FRAMES + " frames (" + FRAMES + " analysed, 0 followed, 0 dropped)");
        JsonObject summary = JsonParser.parseString(Files.readString(out.resolve("summary.json"))).getAsJsonObject();
        assertThat(summary.get("frames_read").getAsInt()).isEqualTo(FRAMES);
        assertThat(summary.get("damage").isJsonNull()).isTrue();
        List<String> csv = Files.readAllLines(out.resolve("timeline.csv"));
        assertThat(csv.get(0)).startsWith("frame,time_s,track,").contains("p_happy");
        assertThat(Files.readAllLines(out.resolve("timeline.jsonl"))).hasSize(csv.size() - 1);
    }

    @Test
    void everyOtherFrameWithAChartAndAnAnnotatedVideoThatFerReadsBack() throws IOException {
        Path out = tmp.resolve("out-annotated");
        Path annotated = tmp.resolve("annotated video.avi");
        Cli cli = Cli.run("video", video.toString(), "--model", model.toString(), "--every", "2", "--annotate",
                annotated.toString(), "--out", out.toString());
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(cli.out()).contains(FRAMES + " frames (" + FRAMES / 2 + " analysed, ")
                .contains("annotated video: " + annotated);
        assertThat(javax.imageio.ImageIO.read(out.resolve("timeline.png").toFile())).isNotNull();
        int frames = 0;
        try (io.fer.video.VideoSource back = io.fer.video.VideoSource.file(annotated)) {
            while (back.next().isPresent()) {
                frames++;
            }
            assertThat(back.damage()).isEmpty();
        }
        assertThat(frames).isEqualTo(FRAMES);
    }

    @Test
    void aMissingVideoIsNamedAndBadValuesAreUsageErrors() {
        Path missing = tmp.resolve("no such.avi");
        Cli cli = Cli.run("video", missing.toString(), "--model", model.toString(), "--out", tmp.resolve("o").toString());
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).startsWith("fer video: ").contains(missing.toString());
        Cli every = Cli.run("video", video.toString(), "--every", "0", "--out", tmp.resolve("o").toString());
        assertThat(every.exitCode()).isEqualTo(2);
        assertThat(every.err()).contains("--every");
        Cli mp4 = Cli.run("video", video.toString(), "--annotate", tmp.resolve("a.mp4").toString(), "--out",
                tmp.resolve("o").toString());
        assertThat(mp4.exitCode()).isEqualTo(2);
        assertThat(mp4.err()).contains("--annotate").contains("a.mp4");
        Cli none = Cli.run("video", "--out", tmp.resolve("o").toString());
        assertThat(none.exitCode()).isEqualTo(2);
    }

    @Test
    void aTruncatedVideoKeepsItsTimelineAndExitsWithOne() throws IOException {
        byte[] bytes = Files.readAllBytes(video);
        Path cut = Files.write(tmp.resolve("cut.avi"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path out = tmp.resolve("cut-out");
        Cli cli = Cli.run("video", cut.toString(), "--model", model.toString(), "--out", out.toString());
        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
        assertThat(cli.err()).contains("fer video: " + cut);
        int read = JsonParser.parseString(Files.readString(out.resolve("summary.json"))).getAsJsonObject()
                .get("frames_read").getAsInt();
        assertThat(read).isBetween(3, FRAMES - 1);
    }
}
