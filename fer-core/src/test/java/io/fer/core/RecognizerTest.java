package io.fer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fer.core.face.CropSettings.NoFacePolicy;
import io.fer.core.face.DetectedFace;
import io.fer.core.face.DetectorSettings;
import io.fer.core.face.FaceBox;
import io.fer.core.face.FaceDetector;
import io.fer.core.image.ExifJpegs;
import io.fer.core.image.Frames;
import io.fer.core.image.RgbImage;
import io.fer.core.image.TestImages;
import io.fer.core.internal.image.ImageDecoding;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The recognizer on a model directory written before detectors were recorded (see legacy-model/README.txt): it must
 * answer exactly as it did, and serves to test inputs, landmarks, EXIF and thresholds without training a model.
 */
class RecognizerTest {
    private static Path legacy;
    private static RgbImage astronaut;
    private static byte[] astronautJpeg;

    @BeforeAll
    static void load() throws Exception {
        legacy = Path.of(RecognizerTest.class.getResource("legacy-model/model").toURI());
        try (InputStream in = RecognizerTest.class.getResourceAsStream("face/astronaut-256.jpg")) {
            astronautJpeg = in.readAllBytes();
        }
        astronaut = ImageDecoding.read(astronautJpeg);
    }

    @Test
    void aModelDirectoryWrittenBeforeDetectorsAnswersExactlyAsBefore() throws Exception {
        List<String> expected = Files.readAllLines(legacy.resolveSibling("expected.txt"), StandardCharsets.UTF_8);
        try (Recognizer r = Recognizer.load(legacy)) {
            assertThat(r.engine()).as("no model.onnx: AUTO serves on TensorFlow")
                    .isEqualTo(io.fer.core.runtime.ServingEngine.TENSORFLOW);
            assertThat(r.cropSettings().detector()).isEqualTo(DetectorSettings.haar());
            assertThat(r.cropSettings().align()).isFalse();
            assertThat(r.cropSettings().noFacePolicy()).isEqualTo(NoFacePolicy.CENTER_CROP);
            for (String line : expected) {
                String[] f = line.split(" ");
                RgbImage image = f[0].equals("astronaut") ? astronaut : RgbImage.ofGray(320, 240, new byte[320 * 240]);
                Prediction p = r.predict(image).orElseThrow();
                assertThat(p.label()).as(f[0]).isEqualTo(f[1]);
                assertThat(p.face()).isEqualTo(new FaceBox(Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        Integer.parseInt(f[4]), Integer.parseInt(f[5])));
                assertThat(p.faceDetected()).isEqualTo(Boolean.parseBoolean(f[6]));
                List<Integer> bits = p.probabilities().values().stream().map(Float::floatToIntBits).toList();
                assertThat(bits).as(f[0]).containsExactly(Integer.valueOf(f[7]), Integer.valueOf(f[8]));
                assertThat(p.landmarks()).isNull();
                assertThat(p.detectorScore()).isNaN();
            }
        }
    }

    @Test
    void onnxRuntimeOnADirectoryWithoutTheOnnxFormIsRefusedByName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Recognizer.builder(legacy)
                .engine(io.fer.core.runtime.ServingEngine.ONNX_RUNTIME).load())
                .isInstanceOf(io.fer.core.model.ModelFormatException.class)
                .hasMessageContaining("model.onnx").hasMessageContaining(legacy.toString());
    }

    @Test
    void yunetGivesLandmarksAndScoresAndExifOrientationsGiveTheUprightAnswer() throws Exception {
        try (Recognizer r = Recognizer.builder(legacy).detectorSettings(DetectorSettings.yunet()).load()) {
            Prediction upright = r.predict(astronautJpeg.clone()).orElseThrow();
            assertThat(upright.faceDetected()).isTrue();
            assertThat(upright.landmarks()).isNotNull();
            assertThat(upright.landmarks().rightEye().x()).isCloseTo(101, within(3.0));
            assertThat(upright.detectorScore()).isBetween(0.8f, 1f);
            for (int o = 1; o <= 8; o++) {
                byte[] jpeg = ExifJpegs.stored(astronaut, o, o % 2 == 0);
                Prediction p = r.predict(jpeg).orElseThrow();
                assertThat(p.face().centerX()).as("orientation %d", o).isCloseTo(upright.face().centerX(), within(3.0));
                assertThat(p.face().centerY()).as("orientation %d", o).isCloseTo(upright.face().centerY(), within(3.0));
                assertThat(p.probabilities().get("happy")).as("orientation %d", o)
                        .isCloseTo(upright.probabilities().get("happy"), within(0.01f));
            }
            // read as stored, a camera's sideways JPEG puts the face elsewhere: the turn above is what fixes it
            byte[] sideways = ExifJpegs.stored(astronaut, 6, false);
            RgbImage asStored = RgbImage.fromBufferedImage(read(sideways));
            List<Prediction> unturned = r.predictAll(asStored);
            assertThat(unturned).noneMatch(p -> Math.abs(p.face().centerX() - upright.face().centerX()) < 10
                    && Math.abs(p.face().centerY() - upright.face().centerY()) < 10);
        }
    }

    @Test
    void everyInputKindAndABatchInOneCallGiveTheSameAnswers() throws Exception {
        try (Recognizer r = Recognizer.builder(legacy).detectorSettings(DetectorSettings.yunet()).load()) {
            Prediction expected = r.predict(astronaut).orElseThrow();
            byte[] rgb = astronaut.toBytes();
            Mat rgbMat = new Mat(astronaut.height(), astronaut.width(), opencv_core.CV_8UC3);
            rgbMat.data().put(rgb, 0, rgb.length);
            Mat bgr = new Mat();
            opencv_imgproc.cvtColor(rgbMat, bgr, opencv_imgproc.COLOR_RGB2BGR);
            byte[] bgrBytes = new byte[rgb.length];
            bgr.data().get(bgrBytes);
            assertThat(r.predict(bgr).orElseThrow()).isEqualTo(expected);
            assertThat(r.predict(rgb, 256, 256, 768, Frames.PixelOrder.RGB).orElseThrow()).isEqualTo(expected);
            assertThat(r.predict(bgrBytes, 256, 256, 768, Frames.PixelOrder.BGR).orElseThrow()).isEqualTo(expected);
            assertThat(r.predict(astronaut.toBufferedImage()).orElseThrow()).isEqualTo(expected);
            assertThat(r.predictAll(bgr)).containsExactly(expected);
            assertThat(r.predictAll(rgb, 256, 256, 768, Frames.PixelOrder.RGB)).containsExactly(expected);
            assertThat(r.predictAll(astronaut.toBufferedImage())).containsExactly(expected);
            assertThat(r.predictAll(astronautJpeg)).hasSize(1);

            RgbImage blank = RgbImage.of(320, 240, new byte[320 * 240 * 3]);
            RgbImage two = TestImages.sideBySide(astronaut, astronaut.resize(180, 180));
            List<List<Prediction>> batch = r.predictBatch(List.of(astronaut, blank, two));
            assertThat(batch).hasSize(3);
            assertThat(batch.get(0)).hasSize(1);
            assertClose(batch.get(0).get(0), expected);
            // the legacy model's policy is CENTER_CROP: the blank image gets its centre, marked as no face
            assertThat(batch.get(1)).hasSize(1);
            assertThat(batch.get(1).get(0).faceDetected()).isFalse();
            assertThat(batch.get(2)).hasSize(2);
            List<Prediction> alone = r.predictAll(two);
            for (int i = 0; i < 2; i++) {
                assertClose(batch.get(2).get(i), alone.get(i));
            }
        }
    }

    @Test
    void noFacePolicyConfidenceThresholdAndCustomDetectorsAreChosenAtLoad() {
        RgbImage blank = RgbImage.of(320, 240, new byte[320 * 240 * 3]);
        try (Recognizer r = Recognizer.builder(legacy).noFacePolicy(NoFacePolicy.SKIP).minConfidence(0.99).load()) {
            assertThat(r.predict(blank)).isEmpty();
            assertThat(r.predictAll(blank)).isEmpty();
            Prediction p = r.predict(astronaut).orElseThrow();
            // the one-epoch legacy model is never 99 % sure
            assertThat(p.uncertain()).isTrue();
            assertThat(p.isConfident()).isFalse();
            assertThat(r.minConfidence()).isEqualTo(0.99);
        }
        List<RgbImage> seen = new ArrayList<>();
        FaceDetector mine = new FaceDetector() {
            @Override
            public List<DetectedFace> detect(RgbImage image) {
                seen.add(image);
                return List.of(DetectedFace.ofBox(new FaceBox(10, 10, 60, 60)));
            }

            @Override
            public String id() {
                return "mine";
            }
        };
        try (Recognizer r = Recognizer.builder(legacy).detector(mine).load()) {
            Prediction p = r.predict(astronaut).orElseThrow();
            assertThat(p.face()).isEqualTo(new FaceBox(10, 10, 60, 60));
            assertThat(p.uncertain()).isFalse();
            assertThat(seen).containsExactly(astronaut);
            assertThat(r.detector()).isSameAs(mine);
        }
        assertThatThrownBy(() -> Recognizer.builder(legacy).minConfidence(1.5)).hasMessageContaining("1.5");
    }

    private static void assertClose(Prediction a, Prediction b) {
        assertThat(a.face()).isEqualTo(b.face());
        assertThat(a.landmarks()).isEqualTo(b.landmarks());
        assertThat(a.label()).isEqualTo(b.label());
        assertThat(a.confidence()).isCloseTo(b.confidence(), within(1e-5f));
    }

    private static java.awt.image.BufferedImage read(byte[] encoded) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(encoded));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
