package io.fer.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.repository.zoo.ZooModel;
import io.fer.core.FerTranslator;
import io.fer.core.Recognizer;
import io.fer.core.face.CropSettings.NoFacePolicy;
import io.fer.core.face.DetectedFace;
import io.fer.core.face.FaceDetector;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.model.PretrainedModel;
import io.fer.core.runtime.ServingEngine;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * fer's own model through DJL's Criteria and Predictor with {@link FerTranslator}, on ONNX Runtime: the probabilities
 * a Recognizer on the same engine gives for the same crop (the image's centre square, which a Recognizer cuts when its
 * detector finds no face and the policy is CENTER_CROP).
 */
class PretrainedThroughDjlTest {
    @Test
    void djlServesThePretrainedModelAsTheRecognizerDoes() throws Exception {
        BufferedImage photo;
        try (InputStream in = PretrainedThroughDjlTest.class.getResourceAsStream("astronaut-256.jpg")) {
            photo = ImageIO.read(in);
        }
        FaceDetector none = new FaceDetector() {
            @Override
            public List<DetectedFace> detect(RgbImage image) {
                return List.of();
            }

            @Override
            public String id() {
                return "none";
            }
        };
        Path dir = PretrainedModel.fer2013().modelDirectory();
        try (Recognizer r = Recognizer.builder(dir).engine(ServingEngine.ONNX_RUNTIME).detector(none)
                        .noFacePolicy(NoFacePolicy.CENTER_CROP).load();
                ZooModel<Image, Classifications> model = FerTranslator.criteria(dir).loadModel();
                Predictor<Image, Classifications> predictor = model.newPredictor()) {
            assertThat(model.getNDManager().getEngine().getEngineName()).isEqualTo("OnnxRuntime");
            Map<String, Float> expected = r.predict(photo).orElseThrow().probabilities();
            Classifications c = predictor.predict(ImageFactory.getInstance().fromImage(photo));
            assertThat(c.getClassNames()).isEqualTo(r.labels());
            for (String label : r.labels()) {
                assertThat((double) c.get(label).getProbability()).as(label)
                        .isCloseTo(expected.get(label), org.assertj.core.data.Offset.offset(1e-5));
            }
            Image djl = ImageFactory.getInstance().fromImage(photo);
            List<Classifications> batch = predictor.batchPredict(List.of(djl, djl));
            assertThat(batch).hasSize(2);
            assertThat(batch.get(1).best().getClassName()).isEqualTo(c.best().getClassName());
            assertThat(batch.get(1).best().getProbability()).isCloseTo(c.best().getProbability(),
                    org.assertj.core.data.Offset.offset(1e-5));
        }
    }
}
