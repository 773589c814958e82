package io.fer.examples.snippets;

import io.fer.models.Backbone;
import io.fer.train.FerModel;
import io.fer.train.Weights;
import io.fer.train.data.Dataset;
import io.fer.train.data.ImageFolderDataset;
import java.io.IOException;
import java.nio.file.Path;

/** The paper's two-phase recipe from fer's own FER2013 backbone instead of ImageNet's (README's example). */
public final class FineTuneFromFer2013 {
    private FineTuneFromFer2013() {}

    public static void main(String[] args) throws IOException {
        Dataset mine = ImageFolderDataset.load(Path.of("data/my-faces"));   // a folder per expression
        try (FerModel model = FerModel.builder()
                .backbone(Backbone.B0)
                .weights(Weights.fer2013())          // fer-zoo's backbone; the input size defaults to its 64 px
                .freezeUntil(-6)
                .validationFraction(0.1)
                .fit(mine)) {
            model.save(Path.of("models/my-b0"));
        }
    }
}
