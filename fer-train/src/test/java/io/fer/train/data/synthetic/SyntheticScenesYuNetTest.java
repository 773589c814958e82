package io.fer.train.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.fer.core.face.DetectedFace;
import io.fer.core.face.DetectorSettings;
import io.fer.core.face.FaceDetector;
import io.fer.core.image.RgbImage;
import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** YuNet on scenes made of SyntheticFaces: turned faces, tiny faces, several faces per frame. */
class SyntheticScenesYuNetTest {
    private static FaceDetector yunet;
    private static List<BufferedImage> faces;

    @BeforeAll
    static void setUp() throws Exception {
        yunet = DetectorSettings.yunet().create();
        Dataset crops = SyntheticFaces.builder().identities(6).imagesPerClass(1).imageSize(96).crops().seed(5)
                .classes(io.fer.core.Expression.HAPPY).build();
        faces = new ArrayList<>();
        for (Sample s : crops.samples()) {
            faces.add(s.load());
        }
    }

    @AfterAll
    static void tearDown() {
        yunet.close();
    }

    /** A grey scene with each face drawn at {@code side} pixels, turned by {@code degrees}, centred at the points. */
    private static RgbImage scene(int w, int h, List<BufferedImage> drawn, int side, double degrees, int... centres) {
        BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        g.setColor(new Color(90, 110, 100));
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        for (int i = 0; i < centres.length / 2; i++) {
            AffineTransform saved = g.getTransform();
            g.rotate(Math.toRadians(degrees), centres[2 * i], centres[2 * i + 1]);
            g.drawImage(drawn.get(i % drawn.size()), centres[2 * i] - side / 2, centres[2 * i + 1] - side / 2, side,
                    side, null);
            g.setTransform(saved);
        }
        g.dispose();
        return RgbImage.fromBufferedImage(canvas);
    }

    private static boolean foundAt(List<DetectedFace> found, int cx, int cy, int tolerance) {
        return found.stream().anyMatch(f -> Math.abs(f.box().centerX() - cx) < tolerance
                && Math.abs(f.box().centerY() - cy) < tolerance);
    }

    @Test
    void findsFacesTurnedUpTo30Degrees() {
        for (double degrees : new double[] {-30, -15, 0, 15, 30}) {
            for (BufferedImage face : faces) {
                List<DetectedFace> found = yunet.detect(scene(320, 240, List.of(face), 110, degrees, 160, 120));
                assertThat(foundAt(found, 160, 120, 20)).as("face turned %s degrees", degrees).isTrue();
                assertThat(found).hasSize(1);
            }
        }
    }

    @Test
    void findsFacesOf20Pixels() {
        try (FaceDetector smaller = DetectorSettings.yunet().withMinFaceSize(10).create()) {
            for (BufferedImage face : faces) {
                // drawn at 40 pixels, the face itself is 20 to 23 pixels wide: the default smallest face is 20
                List<DetectedFace> found = yunet.detect(scene(320, 240, List.of(face), 40, 0, 160, 120));
                assertThat(foundAt(found, 160, 120, 10)).isTrue();
                assertThat(found.get(0).box().width()).isBetween(18, 26);
                // drawn at 32 pixels the face is 17 to 19 pixels wide: found when the smallest face is lowered
                RgbImage tiny = scene(320, 240, List.of(face), 32, 0, 160, 120);
                assertThat(foundAt(smaller.detect(tiny), 160, 120, 10)).isTrue();
                assertThat(yunet.detect(tiny)).isEmpty();
            }
        }
    }

    @Test
    void findsSeveralFacesPerFrame() {
        int[] centres = {100, 120, 320, 120, 540, 120, 100, 360, 320, 360, 540, 360};
        List<DetectedFace> found = yunet.detect(scene(640, 480, faces, 100, 0, centres));
        assertThat(found).hasSize(6);
        for (int i = 0; i < centres.length; i += 2) {
            assertThat(foundAt(found, centres[i], centres[i + 1], 20)).as("face at %d,%d", centres[i], centres[i + 1])
                    .isTrue();
        }
        assertThat(found).allSatisfy(f -> assertThat(f.landmarks()).isNotNull());
    }
}
