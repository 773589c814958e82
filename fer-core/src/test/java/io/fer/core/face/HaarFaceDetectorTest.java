package io.fer.core.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.image.RgbImage;
import io.fer.core.internal.FerHome;
import io.fer.core.internal.image.ImageDecoding;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs OpenCV's Haar cascade on a real photograph (NASA, public domain; see astronaut-256.README.txt). */
class HaarFaceDetectorTest {
    private static HaarFaceDetector detector;
    private static RgbImage astronaut;

    @BeforeAll
    static void load() throws Exception {
        detector = new HaarFaceDetector();
        try (InputStream in = HaarFaceDetectorTest.class.getResourceAsStream("astronaut-256.jpg")) {
            astronaut = ImageDecoding.read(in.readAllBytes(), "astronaut-256.jpg");
        }
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    @Test
    void findsTheAstronautsFace() {
        List<DetectedFace> faces = detector.detect(astronaut);
        assertThat(faces).hasSize(1);
        assertThat(faces.get(0).hasLandmarks()).isFalse();
        assertThat(faces.get(0).score()).isNaN();
        FaceBox face = faces.get(0).box();
        // at 512 x 512 OpenCV finds [x=177 y=67 w=93 h=93]; this copy is half the size
        assertThat(face.centerX()).isBetween(105.0, 140.0);
        assertThat(face.centerY()).isBetween(45.0, 80.0);
        assertThat(face.width()).isBetween(36, 60);
    }

    @Test
    void findsNoFaceInAFlatImage() {
        byte[] flat = new byte[200 * 150 * 3];
        java.util.Arrays.fill(flat, (byte) 128);
        assertThat(detector.detect(RgbImage.of(200, 150, flat))).isEmpty();
    }

    @Test
    void listsSeveralFacesLargestFirst() {
        // the photograph at 384 pixels on the left, at 256 on the right
        BufferedImage canvas = new BufferedImage(640, 384, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(astronaut.toBufferedImage(), 0, 0, 384, 384, null);
        g.drawImage(astronaut.toBufferedImage(), 384, 0, null);
        g.dispose();
        List<FaceBox> faces = detector.detect(RgbImage.fromBufferedImage(canvas)).stream().map(DetectedFace::box)
                .toList();
        assertThat(faces).hasSize(2);
        assertThat(faces.get(0).area()).isGreaterThan(faces.get(1).area());
        assertThat(faces.get(0).centerX()).isLessThan(384);
        assertThat(faces.get(1).centerX()).isGreaterThan(384);
        try (HaarFaceDetector one = new HaarFaceDetector(DetectorSettings.haar().withMaxFaces(1))) {
            assertThat(one.detect(RgbImage.fromBufferedImage(canvas))).extracting(DetectedFace::box)
                    .containsExactly(faces.get(0));
        }
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        List<DetectedFace> expected = detector.detect(astronaut);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<DetectedFace>>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                results.add(pool.submit(() -> detector.detect(astronaut)));
            }
            for (Future<List<DetectedFace>> r : results) {
                assertThat(r.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unpacksTheCascadeIntoFerHomeAndNamesItsParameters() throws Exception {
        assertThat(Files.size(FerHome.resolve("opencv").resolve("haarcascade_frontalface_default.xml")))
                .isGreaterThan(100_000);
        assertThat(detector.id()).isEqualTo("opencv-haar-frontalface-default/1.1/5/30/max=50/work=0");
        assertThatThrownBy(() -> new HaarFaceDetector(1.0, 5, 30)).hasMessageContaining("scaleFactor");
    }

    @Test
    void refusesWorkOnceClosed() {
        HaarFaceDetector d = new HaarFaceDetector(1.2, 3, 40);
        assertThat(d.detect(astronaut)).isNotEmpty();
        d.close();
        assertThatThrownBy(() -> d.detect(astronaut)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aCropperWithItsOwnDetectorCropsTheFace() {
        try (FaceCropper cropper = new FaceCropper(CropSettings.builder().detector(DetectorSettings.haar()).build())) {
            assertThat(cropper.detector()).isInstanceOf(HaarFaceDetector.class);
            FaceCrop crop = cropper.crop(astronaut).orElseThrow();
            assertThat(crop.origin()).isEqualTo(FaceCrop.Origin.DETECTED);
            assertThat(crop.region().width()).isEqualTo((int) Math.round(crop.face().width() * 1.2));
            assertThat(crop.image().width()).isEqualTo(224);
            assertThat(crop.image().height()).isEqualTo(224);
        }
    }
}
