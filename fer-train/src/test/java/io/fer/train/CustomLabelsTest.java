package io.fer.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.fer.core.Prediction;
import io.fer.core.Recognizer;
import io.fer.core.internal.image.ImageDecoding;
import io.fer.core.internal.model.ModelDirectory;
import io.fer.models.Backbone;
import io.fer.train.augment.Augmentation;
import io.fer.train.data.ClassLabels;
import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data set's classes are its labels: a model trains on, saves and answers with labels fer does not know. */
class CustomLabelsTest {
    @TempDir
    Path tmp;

    @Test
    void aModelTrainsSavesAndAnswersWithTheDataSetsOwnLabels() throws Exception {
        List<String> given = List.of("Pain", "happy", "yawn"); // pattern 0, 1, 2
        List<Sample> samples = new ArrayList<>();
        for (int c = 0; c < given.size(); c++) {
            for (int i = 0; i < 8; i++) {
                int pattern = c;
                long seed = 100L * c + i;
                samples.add(new Sample(given.get(c) + "_" + i, given.get(c), "s" + (i % 4), null, null,
                        () -> TestImages.pattern(pattern, 32, seed)));
            }
        }
        Dataset data = new Dataset("custom", ClassLabels.ordered(given), samples, List.of(), true);
        assertThat(data.classes()).containsExactly("happy", "pain", "yawn");
        assertThat(samples.get(0).label()).isEqualTo("pain");

        Path dir = tmp.resolve("model");
        try (FerModel model = FerModel.builder().backbone(Backbone.CNN).weights(Weights.none()).inputSize(32)
                .freezeUntil(0).trainBatchNorm(true).featureExtraction(0, 1e-3).fineTuning(25, 3e-3).batchSize(8)
                .augmentation(Augmentation.none()).classWeights(java.util.Map.of("PAIN", 1.5)).seed(3)
                .cropCache(null).quiet().fit(data)) {
            assertThat(model.labels()).containsExactly("happy", "pain", "yawn");
            assertThat(model.evaluate(data).accuracy()).as("training accuracy on three distinct patterns")
                    .isGreaterThanOrEqualTo(0.9);
            model.save(dir);
        }
        assertThat(ModelDirectory.verify(dir).labels()).containsExactly("happy", "pain", "yawn");
        try (Recognizer recognizer = Recognizer.load(dir)) {
            assertThat(recognizer.labels()).containsExactly("happy", "pain", "yawn");
            Prediction p = recognizer.predict(ImageDecoding.fromBufferedImage(TestImages.pattern(0, 32, 999)))
                    .orElseThrow();
            assertThat(p.probabilities().keySet()).containsExactly("happy", "pain", "yawn");
            assertThat(p.label()).isEqualTo("pain");
            assertThat(p.expression()).as("pain is not one of fer's expressions").isEmpty();
        }
    }
}
