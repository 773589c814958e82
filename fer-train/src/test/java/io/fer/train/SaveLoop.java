package io.fer.train;

import io.fer.core.Expression;
import io.fer.models.Backbone;
import io.fer.train.augment.Augmentation;
import java.nio.file.Path;
import java.util.List;

/**
 * A child process for {@link InterruptedSaveTest}: trains a tiny model, then saves it to {@code args[0]} over and
 * over, printing {@code saving N} before and {@code saved N} after each save, until it is killed.
 */
public final class SaveLoop {
    private SaveLoop() {}

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        try (FerModel model = FerModel.builder().backbone(Backbone.CNN).weights(Weights.none()).inputSize(32)
                .featureExtraction(1, 1e-3).fineTuning(0, 1e-4).batchSize(4).augmentation(Augmentation.none())
                .cropCache(target.resolveSibling("crops")).quiet()
                .fit(TestImages.patterns(List.of(Expression.ANGER, Expression.HAPPY), 2, 32, 3))) {
            for (int i = 1; ; i++) {
                System.out.println("saving " + i);
                model.save(target);
                System.out.println("saved " + i);
            }
        }
    }
}
