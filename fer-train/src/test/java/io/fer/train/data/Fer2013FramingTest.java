package io.fer.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fer.core.Expression;
import io.fer.core.face.CropSettings;
import io.fer.core.face.DetectorSettings;
import io.fer.core.face.FaceCrop;
import io.fer.core.face.FaceCropper;
import io.fer.core.face.FaceDetector;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.image.ImageDecoding;
import io.fer.train.internal.data.FramingMeter.Framing;
import io.fer.train.data.synthetic.SyntheticFaces;
import io.fer.train.internal.data.FramingMeter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Crops cut from photographs with {@link CropSettings#fer2013Framing} are framed like FER2013's faces: measured the
 * same way as FER2013 was ({@link FramingMeter}: YuNet on the crop at 48 pixels, enlarged and padded with grey), the
 * medians of eye position, inter-ocular distance and mouth position lie within {@value #TOLERANCE} of the side of
 * FER2013's medians, on a real photograph and on synthetic scenes.
 */
class Fer2013FramingTest {
    // FER2013's medians, from 496 of the first 504 Training images (72 per class) found by YuNet, as printed by
    //   java -cp fer-benchmarks/target/classes:$(cat fer-benchmarks/target/classpath.txt) \
    //       io.fer.benchmarks.FramingProbe --data ../shared/datasets/fer2013 --per-class 72
    // (fer-zoo/FRAMING.md). The images themselves are not in the repository, so the figures are written here.
    private static final double FER2013_EYE_X = 0.493;
    private static final double FER2013_EYE_Y = 0.382;
    private static final double FER2013_INTEROCULAR = 0.373;
    private static final double FER2013_MOUTH_Y = 0.754;
    /** Allowed distance from FER2013's medians, as a fraction of the crop's side. */
    private static final double TOLERANCE = 0.05;

    private static FaceDetector yunet;
    private static FramingMeter meter;
    private static List<RgbImage> astronaut;
    private static List<RgbImage> synthetic;

    @BeforeAll
    static void setUp() throws Exception {
        yunet = DetectorSettings.yunet().withMinFaceSize(10).create();
        meter = new FramingMeter(yunet, 192);
        RgbImage photo;
        try (InputStream in = Fer2013FramingTest.class.getResourceAsStream("astronaut-256.jpg")) {
            photo = ImageDecoding.read(in.readAllBytes(), "astronaut-256.jpg");
        }
        astronaut = new ArrayList<>(List.of(photo));
        for (int[] xySide : new int[][] {{40, 30, 400}, {200, 120, 256}, {0, 0, 600}}) {
            for (double degrees : new double[] {0, 12, -12}) {
                astronaut.add(scene(photo, xySide, degrees));
            }
        }
        synthetic = new ArrayList<>();
        for (Sample s : SyntheticFaces.builder().identities(10).imagesPerClass(1).imageSize(120).scene(400, 300)
                .classes(Expression.NEUTRAL).seed(11).build().samples()) {
            synthetic.add(RgbImage.fromBufferedImage(s.load()));
        }
    }

    @AfterAll
    static void tearDown() {
        yunet.close();
    }

    /** The photograph drawn at {@code x, y, side} on a 640x640 grey canvas, turned about its centre. */
    private static RgbImage scene(RgbImage photo, int[] xySide, double degrees) {
        BufferedImage canvas = new BufferedImage(640, 640, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 640, 640);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.rotate(Math.toRadians(degrees), xySide[0] + xySide[2] / 2.0, xySide[1] + xySide[2] / 2.0);
        g.drawImage(photo.toBufferedImage(), xySide[0], xySide[1], xySide[2], xySide[2], null);
        g.dispose();
        return RgbImage.fromBufferedImage(canvas);
    }

    /** The framing of every crop, measured at FER2013's 48 pixels; every photo must give a crop and a measurement. */
    private static List<Framing> framings(CropSettings settings, List<RgbImage> photos) {
        List<Framing> out = new ArrayList<>();
        try (FaceCropper cropper = new FaceCropper(settings, yunet)) {
            for (RgbImage photo : photos) {
                FaceCrop crop = cropper.crop(photo).orElseThrow(() -> new AssertionError("no face cropped"));
                assertThat(crop.image().width()).isEqualTo(settings.inputSize());
                Optional<Framing> f = meter.measure(crop.image().resize(48, 48));
                assertThat(f).as("a face found again in the crop").isPresent();
                out.add(f.get());
            }
        }
        return out;
    }

    private static double median(List<Framing> f, ToDoubleFunction<Framing> figure) {
        return FramingMeter.median(f, figure);
    }

    private static void assertFramedLikeFer2013(String what, List<Framing> f) {
        assertThat(median(f, Framing::eyeX)).as("%s: eye midpoint x", what).isCloseTo(FER2013_EYE_X,
                within(TOLERANCE));
        assertThat(median(f, Framing::eyeY)).as("%s: eye midpoint y", what).isCloseTo(FER2013_EYE_Y,
                within(TOLERANCE));
        assertThat(median(f, Framing::interocular)).as("%s: inter-ocular distance", what)
                .isCloseTo(FER2013_INTEROCULAR, within(TOLERANCE));
        assertThat(median(f, Framing::mouthY)).as("%s: mouth midpoint y", what).isCloseTo(FER2013_MOUTH_Y,
                within(TOLERANCE));
    }

    @Test
    void astronautCropsAreFramedLikeFer2013() {
        assertFramedLikeFer2013("astronaut", framings(CropSettings.fer2013Framing(64), astronaut));
    }

    @Test
    void syntheticSceneCropsAreFramedLikeFer2013() {
        assertFramedLikeFer2013("synthetic scenes", framings(CropSettings.fer2013Framing(64), synthetic));
    }

    @Test
    void theDefaultCropIsNotFramedLikeFer2013() {
        // the general default (margin 0.1, centred) shows more around the face: the mouth sits far higher than in
        // FER2013, so the measurement above does tell framings apart
        List<Framing> f = framings(CropSettings.defaults().withInputSize(64), astronaut);
        assertThat(Math.abs(median(f, Framing::mouthY) - FER2013_MOUTH_Y)).isGreaterThan(2 * TOLERANCE);
        assertThat(median(f, Framing::interocular)).isLessThan(FER2013_INTEROCULAR - TOLERANCE);
    }
}
