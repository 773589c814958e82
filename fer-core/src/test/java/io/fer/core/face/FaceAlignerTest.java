package io.fer.core.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fer.core.image.RgbImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Aligned crops: eyes level and placed by the landmarks, measured on the pixels of the crop. */
class FaceAlignerTest {

    /** A grey image with a red dot at each eye and a blue dot at each mouth corner of a face turned by degrees. */
    private static RgbImage face(double degrees, double[] points) {
        int w = 300;
        int h = 240;
        byte[] rgb = new byte[w * h * 3];
        java.util.Arrays.fill(rgb, (byte) 128);
        for (int k = 0; k < points.length; k += 2) {
            boolean eye = k < 4;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (Math.hypot(x + 0.5 - points[k], y + 0.5 - points[k + 1]) <= 3) {
                        int i = (y * w + x) * 3;
                        rgb[i] = (byte) (eye ? 255 : 0);
                        rgb[i + 1] = 0;
                        rgb[i + 2] = (byte) (eye ? 0 : 255);
                    }
                }
            }
        }
        return RgbImage.of(w, h, rgb);
    }

    /** The centroid of the pixels where {@code red} is strong, in the left or right half of a crop. */
    private static double[] centroid(RgbImage crop, boolean leftHalf) {
        double sx = 0;
        double sy = 0;
        double n = 0;
        for (int y = 0; y < crop.height(); y++) {
            for (int x = leftHalf ? 0 : crop.width() / 2; x < (leftHalf ? crop.width() / 2 : crop.width()); x++) {
                int r = crop.channel(x, y, 0);
                int b = crop.channel(x, y, 2);
                double weight = Math.max(0, r - b - 60);
                sx += weight * (x + 0.5);
                sy += weight * (y + 0.5);
                n += weight;
            }
        }
        assertThat(n).as("an eye in the %s half", leftHalf ? "left" : "right").isPositive();
        return new double[] {sx / n, sy / n};
    }

    @Test
    void bothEyesLieOnOneRowWithin2PixelsAtAnyTilt() {
        for (double degrees : new double[] {-30, -12, 0, 7, 20, 30}) {
            double a = Math.toRadians(degrees);
            double cx = 150;
            double cy = 110;
            // eyes 40 pixels apart, mouth corners 30 pixels apart 45 below, all turned about (cx, cy)
            double[][] upright = {{-20, -20}, {20, -20}, {-15, 25}, {15, 25}};
            double[] p = new double[8];
            for (int k = 0; k < 4; k++) {
                p[2 * k] = cx + upright[k][0] * Math.cos(a) - upright[k][1] * Math.sin(a);
                p[2 * k + 1] = cy + upright[k][0] * Math.sin(a) + upright[k][1] * Math.cos(a);
            }
            FaceLandmarks landmarks = FaceLandmarks.of(p[0], p[1], p[2], p[3], cx, cy, p[4], p[5], p[6], p[7]);
            DetectedFace detected = new DetectedFace(new FaceBox(100, 60, 100, 100), landmarks, 0.9f);
            CropSettings settings = CropSettings.builder().inputSize(96).build();
            try (FaceCropper cropper = new FaceCropper(settings, new FixedDetector("fixed", List.of(detected)))) {
                FaceCrop crop = cropper.crop(face(degrees, p)).orElseThrow();
                assertThat(crop.landmarks()).isEqualTo(landmarks);
                assertThat(crop.score()).isEqualTo(0.9f);
                double[] right = centroid(crop.image(), true);
                double[] left = centroid(crop.image(), false);
                assertThat(Math.abs(right[1] - left[1])).as("eye rows at %s degrees", degrees).isLessThan(2.0);
                // placed by the landmarks: centred between the eyes, eyes 40 * 96 / 120 = 32 pixels apart, the
                // point midway between eyes and mouth at the centre: the eyes 22.5 * 0.8 = 18 above it
                assertThat((right[0] + left[0]) / 2).isCloseTo(48, within(1.0));
                assertThat(left[0] - right[0]).isCloseTo(32, within(1.5));
                assertThat(right[1]).isCloseTo(48 - 18, within(1.5));
            }
        }
    }

    @Test
    void boxCropsStayAvailableAndFacesWithoutLandmarksGetThem() {
        FaceBox box = new FaceBox(100, 60, 100, 100);
        RgbImage image = face(0, new double[] {130, 90, 170, 90});
        CropSettings aligned = CropSettings.builder().inputSize(64).build();
        CropSettings plain = aligned.toBuilder().align(false).build();
        FaceLandmarks l = FaceLandmarks.of(130, 90, 170, 90, 150, 110, 135, 135, 165, 135);
        FaceCrop boxOnly = new FaceCropper(aligned, new FixedDetector("haar-like", box)).crop(image).orElseThrow();
        FaceCrop notAligned = new FaceCropper(plain, new FixedDetector("yunet-like",
                List.of(new DetectedFace(box, l, 0.8f)))).crop(image).orElseThrow();
        assertThat(boxOnly.region()).isEqualTo(new FaceBox(90, 50, 120, 120));
        assertThat(notAligned.region()).isEqualTo(boxOnly.region());
        assertThat(notAligned.image()).isEqualTo(boxOnly.image());
        assertThat(notAligned.landmarks()).isEqualTo(l);
    }

    @Test
    void aVerticalShiftMovesTheFaceDownAlongItsOwnAxisAtAnyTilt() {
        for (double degrees : new double[] {-20, 0, 15}) {
            double a = Math.toRadians(degrees);
            double cx = 150;
            double cy = 110;
            double[][] upright = {{-20, -20}, {20, -20}, {-15, 25}, {15, 25}};
            double[] p = new double[8];
            for (int k = 0; k < 4; k++) {
                p[2 * k] = cx + upright[k][0] * Math.cos(a) - upright[k][1] * Math.sin(a);
                p[2 * k + 1] = cy + upright[k][0] * Math.sin(a) + upright[k][1] * Math.cos(a);
            }
            FaceLandmarks landmarks = FaceLandmarks.of(p[0], p[1], p[2], p[3], cx, cy, p[4], p[5], p[6], p[7]);
            DetectedFace detected = new DetectedFace(new FaceBox(100, 60, 100, 100), landmarks, 0.9f);
            CropSettings centred = CropSettings.builder().inputSize(96).build();
            CropSettings shifted = centred.toBuilder().verticalShift(0.1).build();
            FixedDetector fixed = new FixedDetector("fixed", List.of(detected));
            RgbImage image = face(degrees, p);
            FaceCrop plain = new FaceCropper(centred, fixed).crop(image).orElseThrow();
            FaceCrop down = new FaceCropper(shifted, fixed).crop(image).orElseThrow();
            double[] eyes0 = centroid(plain.image(), true);
            double[] eyes1 = centroid(down.image(), true);
            // 0.1 of the 96-pixel side straight down the crop, the eyes still level and at the same x
            assertThat(eyes1[1] - eyes0[1]).as("%s degrees", degrees).isCloseTo(9.6, within(1.0));
            assertThat(eyes1[0]).isCloseTo(eyes0[0], within(1.0));
            double[] left1 = centroid(down.image(), false);
            assertThat(Math.abs(left1[1] - eyes1[1])).isLessThan(2.0);
            // the same size of region, moved up the face in the image
            assertThat(down.region().width()).isCloseTo(plain.region().width(), within(1));
        }
        // no shift: the very same pixels as before the setting existed
        assertThat(CropSettings.builder().verticalShift(0).build()).isEqualTo(CropSettings.defaults());
    }
}
