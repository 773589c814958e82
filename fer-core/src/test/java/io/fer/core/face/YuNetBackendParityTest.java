package io.fer.core.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fer.core.image.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * YuNet on ONNX Runtime (fer's own padding, decoding and non-maximum suppression) against OpenCV's
 * {@code FaceDetectorYN} on the same photograph and scenes: the same faces, boxes within a pixel, landmarks within
 * 0.1 pixel and scores within 1e-3. A wrong stride, grid offset, landmark order or colour order moves faces by pixels.
 */
class YuNetBackendParityTest {
    private static YuNetFaceDetector ort;
    private static YuNetFaceDetector opencv;
    private static RgbImage astronaut;

    @BeforeAll
    static void load() {
        ort = new YuNetFaceDetector(DetectorSettings.yunet(), null, YuNetBackend.ONNX_RUNTIME);
        opencv = new YuNetFaceDetector(DetectorSettings.yunet(), null, YuNetBackend.OPENCV);
        astronaut = Photos.astronaut();
    }

    @AfterAll
    static void close() {
        ort.close();
        opencv.close();
    }

    /** The images of YuNetFaceDetectorTest: the photograph, turned, in scenes, downscaled, and empty ones. */
    private static Map<String, RgbImage> images() {
        Map<String, RgbImage> images = new LinkedHashMap<>();
        images.put("astronaut 256x256", astronaut);
        for (double degrees : new double[] {-30, -15, 15, 30}) {
            images.put("turned " + degrees, Photos.rotated(astronaut, degrees));
        }
        images.put("three faces 640x480", Photos.scene(640, 480, astronaut, 0, 0, 384, 384, 0, 256, 448, 240, 160));
        images.put("1920x1080, downscaled", Photos.scene(1920, 1080, astronaut, 600, 30, 1024));
        // sides that are not multiples of 32, so the padding matters, and a face at the padded edges
        images.put("odd 301x203", Photos.scene(301, 203, astronaut, 120, 20, 190));
        images.put("flat 320x240", RgbImage.of(320, 240, new byte[320 * 240 * 3]));
        return images;
    }

    @Test
    void bothBackendsFindTheSameFacesWithTheSameBoxesLandmarksAndScores() {
        int faces = 0;
        for (Map.Entry<String, RgbImage> e : images().entrySet()) {
            List<DetectedFace> a = ort.detect(e.getValue());
            List<DetectedFace> b = opencv.detect(e.getValue());
            assertThat(a).as(e.getKey()).hasSameSizeAs(b);
            for (int i = 0; i < a.size(); i++) {
                assertSame(e.getKey() + " face " + i, a.get(i), b.get(i));
            }
            faces += a.size();
        }
        // 1 + 4 turned + 3 + 1 + 1: the comparison is not vacuous
        assertThat(faces).isEqualTo(10);
    }

    @Test
    void lowThresholdsGiveTheSameCandidatesAfterSuppressionOnBothBackends() {
        // at score 0.3 many more cells survive, so the non-maximum suppression has work to do
        DetectorSettings low = DetectorSettings.yunet().withScoreThreshold(0.3).withMinFaceSize(1);
        RgbImage scene = Photos.scene(640, 480, astronaut, 0, 0, 384, 384, 0, 256, 448, 240, 160, 500, 300, 64);
        try (YuNetFaceDetector a = new YuNetFaceDetector(low, null, YuNetBackend.ONNX_RUNTIME);
                YuNetFaceDetector b = new YuNetFaceDetector(low, null, YuNetBackend.OPENCV)) {
            List<DetectedFace> fa = a.detect(scene);
            List<DetectedFace> fb = b.detect(scene);
            assertThat(fa).hasSameSizeAs(fb).hasSizeGreaterThanOrEqualTo(4);
            for (int i = 0; i < fa.size(); i++) {
                assertSame("low threshold face " + i, fa.get(i), fb.get(i));
            }
        }
    }

    @Test
    void aDamagedModelFileIsRefusedByNameOnEitherBackend(@TempDir Path tmp) throws Exception {
        Path broken = Files.write(tmp.resolve("broken.onnx"), new byte[] {8, 7, 18, 3, 1, 2});
        for (YuNetBackend backend : YuNetBackend.values()) {
            assertThatThrownBy(() -> new YuNetFaceDetector(DetectorSettings.yunet(), broken, backend))
                    .as(backend.name()).isInstanceOf(IllegalStateException.class).hasMessageContaining("broken.onnx");
        }
    }

    private static void assertSame(String what, DetectedFace a, DetectedFace b) {
        assertThat((double) a.box().x()).as(what + " x").isCloseTo(b.box().x(), within(1.0));
        assertThat((double) a.box().y()).as(what + " y").isCloseTo(b.box().y(), within(1.0));
        assertThat((double) a.box().width()).as(what + " width").isCloseTo(b.box().width(), within(1.0));
        assertThat((double) a.box().height()).as(what + " height").isCloseTo(b.box().height(), within(1.0));
        assertThat(a.score()).as(what + " score").isCloseTo(b.score(), within(1e-3f));
        List<FaceLandmarks.Point> pa = a.landmarks().points();
        List<FaceLandmarks.Point> pb = b.landmarks().points();
        List<String> off = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            if (Math.abs(pa.get(k).x() - pb.get(k).x()) > 0.1 || Math.abs(pa.get(k).y() - pb.get(k).y()) > 0.1) {
                off.add("landmark " + k + ": " + pa.get(k) + " vs " + pb.get(k));
            }
        }
        assertThat(off).as(what).isEmpty();
    }
}
