package io.fer.examples.snippets;

import io.fer.models.Backbone;
import io.fer.train.FerModel;
import io.fer.train.Weights;
import io.fer.train.data.Dataset;
import io.fer.train.data.JaffeDataset;
import java.io.IOException;
import java.nio.file.Path;

/** Fine-tunes EfficientNet-B0 on JAFFE with the paper's recipe and saves the model (README's training example). */
public final class TrainOnJaffe {
    private TrainOnJaffe() {}

    public static void main(String[] args) throws IOException {
        Dataset jaffe = JaffeDataset.load(Path.of("data/jaffe"));
        try (FerModel model = FerModel.builder()
                .backbone(Backbone.B0)
                .weights(Weights.imagenet()).allowDownload(true)   // or Weights.file(Path.of("efficientnetb0_notop.h5"))
                .freezeUntil(-6)                                     // or .freezeUntil("block7a_se_excite")
                .validationFraction(0.1)
                .fit(jaffe)) {
            System.out.println(model.history().last());
            model.save(Path.of("models/jaffe-b0"));
        }
    }
}
