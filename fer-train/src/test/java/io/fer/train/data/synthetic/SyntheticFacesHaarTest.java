package io.fer.train.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.fer.core.Expression;
import io.fer.core.face.DetectedFace;
import io.fer.core.face.DetectorSettings;
import io.fer.core.face.FaceBox;
import io.fer.core.face.FaceDetector;
import io.fer.core.image.RgbImage;
import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The faces are shaded like photographs closely enough that OpenCV's Haar frontal-face cascade finds them, as fer's
 * own Haar detector ({@code DetectorSettings.haar()}) runs it (scale step 1.1, 5 neighbours, faces of 30 px and more).
 */
@Tag("slow")
class SyntheticFacesHaarTest {

    @Test
    void haarCascadeFindsMostFaceCrops() throws IOException {
        Dataset d = SyntheticFaces.builder().identities(16).imagesPerClass(1).imageSize(96).seed(7).build();
        int found = 0;
        try (FaceDetector detector = DetectorSettings.haar().create()) {
            for (Sample s : d.samples()) {
                if (!detector.detect(RgbImage.fromBufferedImage(s.load())).isEmpty()) {
                    found++;
                }
            }
        }
        double rate = (double) found / d.samples().size();
        System.out.printf(Locale.ROOT, "synthetic faces: Haar detection rate on 96 px crops %.3f (%d/%d)%n", rate,
                found, d.samples().size());
        assertThat(rate).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void haarCascadeFindsTheFaceInScenesWhereItWasDrawn() throws IOException {
        int width = 320;
        int height = 240;
        long seed = 7;
        Dataset d = SyntheticFaces.builder().identities(10).imagesPerClass(1).imageSize(96).scene(width, height)
                .classes(Expression.NEUTRAL, Expression.HAPPY, Expression.SURPRISE, Expression.ANGER).seed(seed)
                .build();
        FaceRenderer renderer = new FaceRenderer(seed, 96, width, height);
        int hits = 0;
        int elsewhere = 0;
        try (FaceDetector detector = DetectorSettings.haar().create()) {
            for (Sample s : d.samples()) {
                int person = Integer.parseInt(s.subject().substring("syn".length()));
                Rectangle2D truth = renderer.placement(person, Expression.fromName(s.label()).orElseThrow(), 0, 1).faceBox(renderer.identity(person));
                List<DetectedFace> faces = detector.detect(RgbImage.fromBufferedImage(s.load()));
                boolean hit = false;
                for (DetectedFace detected : faces) {
                    FaceBox f = detected.box();
                    if (truth.contains(f.centerX(), f.centerY())) {
                        hit = true;
                    } else {
                        elsewhere++;
                    }
                }
                hits += hit ? 1 : 0;
            }
        }
        double rate = (double) hits / d.samples().size();
        System.out.printf(Locale.ROOT, "synthetic scenes: Haar found the drawn face in %.3f (%d/%d), %d detections "
                + "elsewhere%n", rate, hits, d.samples().size(), elsewhere);
        assertThat(rate).isGreaterThanOrEqualTo(0.85);
        assertThat(elsewhere).isLessThanOrEqualTo(d.samples().size() / 10);
    }
}
