package io.fer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.repository.zoo.ZooModel;
import io.fer.core.face.DetectedFace;
import io.fer.core.face.FaceDetector;
import io.fer.core.image.RgbImage;
import io.fer.core.model.ModelFormatException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DJL's conventions: a {@link Recognizer} takes DJL's {@link Image}, and DJL's own Criteria and Predictor run a fer
 * model with {@link FerTranslator}, giving the probabilities the Recognizer gives for the same crop. On the legacy
 * model directory (see RecognizerTest), whose SavedModel DJL loads on TensorFlow.
 */
class FerTranslatorTest {
    private static Path legacy;
    private static BufferedImage astronaut;

    /** Finds no face, so that the legacy model's policy (centre crop) makes the crop FerTranslator makes. */
    private static final FaceDetector NO_FACES = new FaceDetector() {
        @Override
        public List<DetectedFace> detect(RgbImage image) {
            return List.of();
        }

        @Override
        public String id() {
            return "none";
        }
    };

    @BeforeAll
    static void load() throws Exception {
        legacy = Path.of(FerTranslatorTest.class.getResource("legacy-model/model").toURI());
        try (InputStream in = FerTranslatorTest.class.getResourceAsStream("face/astronaut-256.jpg")) {
            astronaut = ImageIO.read(new ByteArrayInputStream(in.readAllBytes()));
        }
    }

    /** A 200x120 landscape image: its centre crop is a square of the middle. */
    private static BufferedImage landscape() {
        BufferedImage b = new BufferedImage(200, 120, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 200; x++) {
                b.setRGB(x, y, (x * 255 / 199) << 16 | (y * 2) << 8 | ((x + y) % 256));
            }
        }
        return b;
    }

    @Test
    void djlsPredictorWithFerTranslatorGivesTheRecognizersProbabilities() throws Exception {
        List<BufferedImage> images = List.of(astronaut, landscape());
        try (Recognizer r = Recognizer.builder(legacy).detector(NO_FACES).load();
                ZooModel<Image, Classifications> model = FerTranslator.criteria(legacy).loadModel();
                Predictor<Image, Classifications> predictor = model.newPredictor()) {
            ImageFactory factory = ImageFactory.getInstance();
            for (BufferedImage b : images) {
                Map<String, Float> expected = r.predict(RgbImage.fromBufferedImage(b)).orElseThrow().probabilities();
                Classifications c = predictor.predict(factory.fromImage(b));
                assertThat(c.getClassNames()).isEqualTo(r.labels());
                for (String label : r.labels()) {
                    assertThat((float) c.get(label).getProbability()).as(label).isEqualTo(expected.get(label));
                }
            }
            List<Classifications> batch = predictor.batchPredict(images.stream().map(factory::fromImage).toList());
            assertThat(batch).hasSize(2);
            for (int i = 0; i < 2; i++) {
                Map<String, Float> expected = r.predict(RgbImage.fromBufferedImage(images.get(i))).orElseThrow()
                        .probabilities();
                for (String label : r.labels()) {
                    assertThat((double) batch.get(i).get(label).getProbability()).as("batch %d %s", i, label)
                            .isCloseTo(expected.get(label), org.assertj.core.data.Offset.offset(1e-5));
                }
            }
        }
    }

    @Test
    void aRecognizerTakesDjlImagesAsItTakesBufferedImages() throws Exception {
        Image djl = ImageFactory.getInstance().fromImage(astronaut);
        try (Recognizer r = Recognizer.load(legacy)) {
            Prediction viaDjl = r.predict(djl).orElseThrow();
            Prediction direct = r.predict(astronaut).orElseThrow();
            assertThat(viaDjl.probabilities()).isEqualTo(direct.probabilities());
            assertThat(viaDjl.face()).isEqualTo(direct.face());
            assertThat(r.predictAll(djl)).isEqualTo(r.predictAll(astronaut));
        }
    }

    @Test
    void theTranslatorRefusesWhatIsNoModelDirectory(@TempDir Path empty) {
        assertThatThrownBy(() -> FerTranslator.of(empty)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(empty.toString());
        assertThat(FerTranslator.of(legacy).labels()).containsExactly("happy", "surprise");
    }
}
