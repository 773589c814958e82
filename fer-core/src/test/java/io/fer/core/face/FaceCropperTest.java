package io.fer.core.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.face.CropSettings.NoFacePolicy;
import io.fer.core.face.FaceCrop.Origin;
import io.fer.core.image.RgbImage;
import io.fer.core.image.TestImages;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaceCropperTest {
    /** 200 x 100, every pixel distinct enough to tell where a crop came from. */
    private final RgbImage image = RgbImage.fromBufferedImage(TestImages.colourPattern(200, 100));

    private static CropSettings size(int inputSize) {
        return CropSettings.builder().inputSize(inputSize).build();
    }

    @Test
    void cropsTheFaceWithItsMarginAsASquareAtTheInputSize() {
        FaceBox face = new FaceBox(50, 20, 40, 40);
        // inputSize = region size, so the resize is the identity and the pixels can be checked one by one
        try (FaceCropper cropper = new FaceCropper(size(48), new FixedDetector("fixed", face))) {
            FaceCrop crop = cropper.crop(image).orElseThrow();
            assertThat(crop.origin()).isEqualTo(Origin.DETECTED);
            assertThat(crop.detected()).isTrue();
            assertThat(crop.face()).isEqualTo(face);
            // 40 * (1 + 2 * 0.1) = 48, centred on (70, 40)
            assertThat(crop.region()).isEqualTo(new FaceBox(46, 16, 48, 48));
            assertThat(crop.image().width()).isEqualTo(48);
            assertThat(crop.image().height()).isEqualTo(48);
            assertThat(crop.image().rgb(0, 0)).isEqualTo(TestImages.colourAt(46, 16));
            assertThat(crop.image().rgb(47, 47)).isEqualTo(TestImages.colourAt(93, 63));
        }
    }

    @Test
    void resizesToTheInputSize() {
        FaceCropper cropper = new FaceCropper(size(224), new FixedDetector("fixed", new FaceBox(50, 20, 40, 40)));
        FaceCrop crop = cropper.crop(image).orElseThrow();
        assertThat(crop.image().width()).isEqualTo(224);
        assertThat(crop.image().height()).isEqualTo(224);
        assertThat(crop.image()).isEqualTo(image.crop(46, 16, 48, 48).resize(224, 224));
    }

    @Test
    void regionsThatLeaveTheImageAreShiftedBackAndShrunkNotPadded() {
        FaceCropper cropper = new FaceCropper(size(64), new FixedDetector("none"));
        // near the bottom-right corner: 36 x 36 centred on (195, 85) would leave the image
        assertThat(cropper.regionAround(new FaceBox(180, 70, 30, 30), 200, 100))
                .isEqualTo(new FaceBox(164, 64, 36, 36));
        // near the top-left corner
        assertThat(cropper.regionAround(new FaceBox(0, 0, 30, 30), 200, 100)).isEqualTo(new FaceBox(0, 0, 36, 36));
        // larger than the image's short side: a square as tall as the image
        assertThat(cropper.regionAround(new FaceBox(40, 0, 100, 100), 200, 100))
                .isEqualTo(new FaceBox(40, 0, 100, 100));
        // every region lies inside the image
        for (int x = -20; x < 220; x += 13) {
            for (int s = 5; s < 150; s += 17) {
                FaceBox region = cropper.regionAround(new FaceBox(x, x / 3, s, s), 200, 100);
                assertThat(region.isInside(200, 100)).as("%s", region).isTrue();
                assertThat(region.width()).isEqualTo(region.height());
            }
        }
    }

    @Test
    void nonSquareCropsKeepTheBoxShapeAndStretchIt() {
        CropSettings s = CropSettings.builder().inputSize(32).square(false).margin(0.5).build();
        FaceCropper cropper = new FaceCropper(s, new FixedDetector("fixed", new FaceBox(50, 20, 40, 20)));
        FaceCrop crop = cropper.crop(image).orElseThrow();
        assertThat(crop.region()).isEqualTo(new FaceBox(30, 10, 80, 40));
        assertThat(crop.image().width()).isEqualTo(32);
        assertThat(crop.image().height()).isEqualTo(32);
    }

    @Test
    void cropTakesTheLargestFaceAndCropAllTakesEvery() {
        FaceBox small = new FaceBox(10, 10, 30, 30);
        FaceBox large = new FaceBox(100, 20, 50, 50);
        FaceCropper cropper = new FaceCropper(size(32), new FixedDetector("fixed", small, large));
        assertThat(cropper.crop(image).orElseThrow().face()).isEqualTo(large);
        List<FaceCrop> all = cropper.cropAll(image);
        assertThat(all).extracting(FaceCrop::face).containsExactly(small, large);
        assertThat(all).allSatisfy(c -> assertThat(c.image().width()).isEqualTo(32));
    }

    @Test
    void noFaceCentreCropsSkipsOrFailsAsThePolicySays() {
        FixedDetector none = new FixedDetector("none");
        FaceCropper centre = new FaceCropper(size(100).toBuilder().noFacePolicy(NoFacePolicy.CENTER_CROP).build(),
                none);
        FaceCrop crop = centre.crop(image).orElseThrow();
        assertThat(crop.origin()).isEqualTo(Origin.NO_FACE_CENTER_CROP);
        assertThat(crop.detected()).isFalse();
        assertThat(crop.region()).isEqualTo(new FaceBox(50, 0, 100, 100));
        assertThat(crop.face()).isEqualTo(crop.region());
        assertThat(crop.image().rgb(0, 0)).isEqualTo(TestImages.colourAt(50, 0));
        assertThat(centre.cropAll(image)).hasSize(1);

        FaceCropper skip = new FaceCropper(size(100).toBuilder().noFacePolicy(NoFacePolicy.SKIP).build(), none);
        assertThat(skip.crop(image)).isEmpty();
        assertThat(skip.cropAll(image)).isEmpty();

        FaceCropper fail = new FaceCropper(size(100).toBuilder().noFacePolicy(NoFacePolicy.FAIL).build(), none);
        assertThatThrownBy(() -> fail.crop(image, "holiday.jpg")).isInstanceOf(NoFaceException.class)
                .hasMessageContaining("No face found in holiday.jpg");
        assertThatThrownBy(() -> fail.cropAll(image)).isInstanceOf(NoFaceException.class);
        // the raw crop is the same whatever the policy: what a cache stores
        assertThat(fail.cropLargestOrCenter(image)).isEqualTo(crop);
        assertThat(skip.applyPolicy(crop, "x")).isEqualTo(Optional.empty());
    }

    @Test
    void withoutDetectionNoDetectorIsNeededAndThePolicyDoesNotApply() {
        FaceDetector forbidden = new FaceDetector() {
            @Override
            public List<DetectedFace> detect(RgbImage img) {
                throw new AssertionError("detection is off");
            }

            @Override
            public String id() {
                return "forbidden";
            }
        };
        CropSettings off = CropSettings.preCropped(50).toBuilder().noFacePolicy(NoFacePolicy.FAIL).build();
        FaceCrop square = new FaceCropper(off, forbidden).crop(image).orElseThrow();
        assertThat(square.origin()).isEqualTo(Origin.DETECTION_OFF);
        assertThat(square.region()).isEqualTo(new FaceBox(50, 0, 100, 100));
        FaceCrop whole = new FaceCropper(off.toBuilder().square(false).build(), null).crop(image).orElseThrow();
        assertThat(whole.region()).isEqualTo(new FaceBox(0, 0, 200, 100));
        assertThat(whole.image().width()).isEqualTo(50);
        assertThat(new FaceCropper(off, null).cacheKey()).endsWith("locator=none");
        assertThatThrownBy(() -> new FaceCropper(CropSettings.defaults(), null))
                .hasMessageContaining("no face detector");
    }

    @Test
    void greyImagesGiveGreyCrops() {
        RgbImage grey = RgbImage.fromBufferedImage(TestImages.grayPattern(120, 90));
        FaceCrop crop = new FaceCropper(size(64), new FixedDetector("fixed", new FaceBox(30, 20, 50, 50)))
                .crop(grey).orElseThrow();
        assertThat(crop.image().isGrayscale()).isTrue();
    }

    @Test
    void cacheKeyNamesVersionSettingsAndLocator() {
        FaceCropper a = new FaceCropper(size(224), new FixedDetector("haar/1.1"));
        assertThat(a.cacheKey()).isEqualTo("fer-crop-v" + FaceCropper.ALGORITHM_VERSION
                + ";size=224;margin=0.1;square=true;detect=true;align=true;locator=haar/1.1");
        assertThat(new FaceCropper(size(224), new FixedDetector("haar/1.2")).cacheKey()).isNotEqualTo(a.cacheKey());
    }
}
