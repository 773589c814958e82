package io.fer.examples.snippets;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.repository.zoo.ZooModel;
import io.fer.core.FerTranslator;
import java.nio.file.Path;

/** Runs a fer model through DJL's own Criteria and Predictor on an image of one face (README's example). */
public final class RecognizeWithDjl {
    private RecognizeWithDjl() {}

    public static void main(String[] args) throws Exception {
        try (ZooModel<Image, Classifications> model = FerTranslator.criteria(Path.of("models/my-b0")).loadModel();
                Predictor<Image, Classifications> predictor = model.newPredictor()) {
            Image face = ImageFactory.getInstance().fromFile(Path.of("face.jpg"));   // already cut around one face
            System.out.println(predictor.predict(face).best());
        }
    }
}
