package io.fer.core.face;

import static org.assertj.core.api.Assertions.assertThat;

import io.fer.core.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Face detection sees at most a bounded number of pixels; boxes come back in full-image coordinates. */
class DownscalingDetectorTest {
    /** Records the sizes it was shown and answers one box in the coordinates it saw. */
    static final class Recording implements FaceDetector {
        final List<String> seen = new ArrayList<>();

        @Override
        public List<DetectedFace> detect(RgbImage image) {
            seen.add(image.width() + "x" + image.height());
            return List.of(new DetectedFace(new FaceBox(10, 20, 30, 40),
                    FaceLandmarks.of(14.5, 30.5, 25.5, 30.5, 20, 40, 15, 50, 25, 50), 0.9f));
        }

        @Override
        public String id() {
            return "recording";
        }
    }

    static RgbImage gray(int w, int h, int value) {
        byte[] g = new byte[w * h];
        java.util.Arrays.fill(g, (byte) value);
        return RgbImage.ofGray(w, h, g);
    }

    @Test
    void aSmallImagePassesUnchanged() {
        Recording r = new Recording();
        DownscalingDetector d = new DownscalingDetector(r, 10_000);
        assertThat(d.detect(gray(100, 100, 7))).extracting(DetectedFace::box)
                .containsExactly(new FaceBox(10, 20, 30, 40));
        assertThat(r.seen).containsExactly("100x100");
    }

    @Test
    void aLargeImageIsShrunkByAWholeFactorAndTheBoxesScaledBack() {
        Recording r = new Recording();
        DownscalingDetector d = new DownscalingDetector(r, 10_000);
        assertThat(d.factor(301, 200)).isEqualTo(3);
        DetectedFace f = d.detect(gray(301, 200, 7)).get(0);
        assertThat(f.box()).isEqualTo(new FaceBox(30, 60, 90, 120));
        assertThat(f.score()).isEqualTo(0.9f);
        // the landmarks follow the box: a shrunk pixel's centre is the centre of its 3x3 block
        assertThat(f.landmarks().rightEye()).isEqualTo(new FaceLandmarks.Point(44.5, 92.5));
        assertThat(f.landmarks().leftMouth()).isEqualTo(new FaceLandmarks.Point(76, 151));
        assertThat(r.seen).containsExactly("100x66");
    }

    @Test
    void shrinkingAveragesEachBlock() {
        byte[] g = {0, 10, 20, 30, 100, 110, 120, (byte) 130};
        RgbImage small = DownscalingDetector.shrink(RgbImage.ofGray(4, 2, g), 2);
        assertThat(small.width()).isEqualTo(2);
        assertThat(small.height()).isEqualTo(1);
        assertThat(small.channel(0, 0, 0)).isEqualTo(55); // (0 + 10 + 100 + 110) / 4
        assertThat(small.channel(1, 0, 1)).isEqualTo(75);
    }

    @Test
    void theCropperBoundsItsLocatorAndCutsFromTheFullImage() {
        Recording r = new Recording();
        try (FaceCropper cropper = new FaceCropper(CropSettings.builder().inputSize(16).margin(0).build(), r)) {
            // 2500 x 2000 = 5 megapixels: above the 4-megapixel detection bound, shrunk by 2
            FaceCrop crop = cropper.cropLargestOrCenter(gray(2500, 2000, 50));
            assertThat(r.seen).containsExactly("1250x1000");
            assertThat(crop.face()).isEqualTo(new FaceBox(20, 40, 60, 80));
            assertThat(cropper.cacheKey()).startsWith("fer-crop-v" + FaceCropper.ALGORITHM_VERSION + ";").endsWith("=recording");
        }
    }
}
