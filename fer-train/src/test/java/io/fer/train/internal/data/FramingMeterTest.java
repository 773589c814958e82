package io.fer.train.internal.data;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fer.core.face.DetectedFace;
import io.fer.core.face.FaceBox;
import io.fer.core.face.FaceDetector;
import io.fer.core.face.FaceLandmarks;
import io.fer.core.image.RgbImage;
import io.fer.train.internal.data.FramingMeter.Framing;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FramingMeter's geometry, with a detector that answers fixed faces on the padded canvas. */
class FramingMeterTest {

    /** Answers the given faces and remembers the size of the image it was shown. */
    private static final class Fixed implements FaceDetector {
        private final List<DetectedFace> faces;
        final List<int[]> shown = new ArrayList<>();

        Fixed(DetectedFace... faces) {
            this.faces = List.of(faces);
        }

        @Override
        public List<DetectedFace> detect(RgbImage image) {
            shown.add(new int[] {image.width(), image.height()});
            return faces;
        }

        @Override
        public String id() {
            return "fixed";
        }
    }

    @Test
    void mapsLandmarksAndBoxBackIntoTheCropsFrame() {
        // 100-pixel crop enlarged to 200 and drawn at 100..300 of a 400 canvas
        FaceLandmarks l = FaceLandmarks.of(160, 180, 240, 180, 200, 220, 170, 260, 230, 260);
        Fixed detector = new Fixed(new DetectedFace(new FaceBox(120, 140, 160, 200), l, 0.9f),
                new DetectedFace(new FaceBox(260, 0, 140, 400), l, 0.9f)); // larger, centre beside the crop: ignored
        Framing f = new FramingMeter(detector, 200).measure(RgbImage.of(100, 100, new byte[100 * 100 * 3]))
                .orElseThrow();
        assertThat(detector.shown).singleElement().satisfies(s -> assertThat(s).containsExactly(400, 400));
        assertThat(f.eyeX()).isCloseTo(0.5, within(1e-9));
        assertThat(f.eyeY()).isCloseTo(0.4, within(1e-9));
        assertThat(f.interocular()).isCloseTo(0.4, within(1e-9));
        assertThat(f.mouthY()).isCloseTo(0.8, within(1e-9));
        assertThat(f.eyeToMouth()).isCloseTo(0.4, within(1e-9));
        assertThat(f.boxWidth()).isCloseTo(0.8, within(1e-9));
        assertThat(f.boxHeight()).isCloseTo(1.0, within(1e-9));
        assertThat(f.boxTop()).isCloseTo(0.2, within(1e-9));
        assertThat(f.boxBottom()).isCloseTo(1.2, within(1e-9));
        assertThat(f.boxCenterY()).isCloseTo(0.7, within(1e-9));
    }

    @Test
    void noFaceOrNoLandmarksGivesNothingAndNonSquareCropsAreRefused() {
        RgbImage crop = RgbImage.of(48, 48, new byte[48 * 48 * 3]);
        assertThat(new FramingMeter(new Fixed(), 192).measure(crop)).isEmpty();
        assertThat(new FramingMeter(new Fixed(DetectedFace.ofBox(new FaceBox(150, 150, 90, 90))), 192)
                .measure(crop)).isEmpty();
        assertThatThrownBy(() -> new FramingMeter(new Fixed(), 192).measure(RgbImage.of(48, 40,
                new byte[48 * 40 * 3]))).hasMessageContaining("48x40");
        assertThatThrownBy(() -> new FramingMeter(new Fixed(), 4)).hasMessageContaining("got 4");
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        List<Framing> f = new ArrayList<>();
        for (double y : new double[] {0.4, 0.1, 0.3, 0.2}) {
            f.add(new Framing(0, y, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        }
        assertThat(FramingMeter.median(f, Framing::eyeY)).isCloseTo(0.25, within(1e-12));
        assertThat(FramingMeter.quantile(f, Framing::eyeY, 0.25)).isCloseTo(0.175, within(1e-12));
        assertThatThrownBy(() -> FramingMeter.median(List.of(), Framing::eyeY)).hasMessageContaining("No framings");
    }
}
