package io.fer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.Expression;
import io.fer.models.Backbone;
import io.fer.train.augment.Augmentation;
import io.fer.train.data.Dataset;
import io.fer.train.eval.EpochMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run interrupted after an epoch and started again resumes from its checkpoint and ends as an unbroken run. */
class CheckpointResumeTest {
    static final List<Expression> CLASSES = List.of(Expression.HAPPY, Expression.SADNESS, Expression.SURPRISE);

    @TempDir
    Path tmp;

    /** Every layer trains from scratch with a cosine schedule and label smoothing, as fer's own model does. */
    FerModelBuilder builder(Path checkpoints) {
        // head dropout draws from a stateful random op that a checkpoint does not hold, so it is off here
        return FerModel.builder().backbone(Backbone.CNN).weights(Weights.none()).inputSize(32).freezeUntil(0)
                .head(Head.standard().withDropout(0)).trainBatchNorm(true).featureExtraction(0, 1e-3)
                .fineTuning(new Phase(4, 3e-3, LearningRateSchedule.cosine(1))).batchSize(4)
                .augmentation(Augmentation.paper()).labelSmoothing(0.1).validationFraction(0.25).seed(5)
                .cropCache(null).checkpoints(checkpoints).quiet();
    }

    static Dataset data() {
        return TestImages.patterns(CLASSES, 6, 32, 21);
    }

    @Test
    void anInterruptedRunResumesAndEndsLikeAnUnbrokenOne() throws Exception {
        List<String> unbroken;
        float[] unbrokenProbabilities;
        try (FerModel m = builder(tmp.resolve("a")).fit(data())) {
            unbroken = SeededTrainingTest.withoutTimes(m.history().epochs());
            unbrokenProbabilities = probabilities(m);
        }
        assertThat(unbroken).hasSize(4);

        Path b = tmp.resolve("b");
        assertThatThrownBy(() -> builder(b).listener(stopAfter(2)).fit(data())).hasMessageContaining("stop");
        assertThat(Files.readString(b.resolve("checkpoint.json"))).contains("\"epoch\": 2");
        try (Stream<Path> files = Files.list(b)) {
            // the state after epoch 2, plus the best epoch's weights if they are older
            assertThat(files.filter(f -> f.toString().endsWith(".bin")).count()).isBetween(1L, 2L);
        }
        try (FerModel m = builder(b).epochLimit(0).fit(data())) {
            // the run so far, rebuilt without training: its first two epochs
            assertThat(SeededTrainingTest.withoutTimes(m.history().epochs())).isEqualTo(unbroken.subList(0, 2));
        }
        List<Integer> epochsRun = new java.util.ArrayList<>();
        try (FerModel m = builder(b).listener(new TrainingListener() {
            @Override
            public void epochFinished(EpochMetrics metrics) {
                epochsRun.add(metrics.epoch());
            }
        }).fit(data())) {
            assertThat(epochsRun).containsExactly(3, 4);
            assertThat(SeededTrainingTest.withoutTimes(m.history().epochs())).isEqualTo(unbroken);
            assertThat(probabilities(m)).containsExactly(unbrokenProbabilities);
        }
    }

    @Test
    void aCheckpointOfOtherSettingsIsRefused() {
        Path c = tmp.resolve("c");
        assertThatThrownBy(() -> builder(c).listener(stopAfter(1)).fit(data())).hasMessageContaining("stop");
        assertThatThrownBy(() -> builder(c).batchSize(3).fit(data()))
                .hasMessageContaining(c.resolve("checkpoint.json").toString())
                .hasMessageContaining("belongs to another run").hasMessageContaining("batch 3");
    }

    @Test
    void cosineScheduleWarmsUpThenDecaysToZero() {
        LearningRateSchedule s = LearningRateSchedule.cosine(1);
        assertThat(s.rate(1.0, 0, 40, 10)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.rate(1.0, 9, 40, 10)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.rate(1.0, 10, 40, 10)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.rate(1.0, 25, 40, 10)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.rate(1.0, 40, 40, 10)).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(LearningRateSchedule.constant().rate(0.3, 17, 40, 10)).isEqualTo(0.3);
        assertThat(LearningRateSchedule.parse("cosine:3")).isEqualTo(LearningRateSchedule.cosine(3));
        assertThatThrownBy(() -> LearningRateSchedule.parse("linear")).hasMessageContaining("'linear'");
    }

    private static TrainingListener stopAfter(int epoch) {
        return new TrainingListener() {
            @Override
            public void epochFinished(EpochMetrics m) {
                if (m.epoch() == epoch) {
                    throw new IllegalStateException("stop after epoch " + epoch);
                }
            }
        };
    }

    private static float[] probabilities(FerModel m) throws java.io.IOException {
        var crops = new java.util.ArrayList<io.fer.core.image.RgbImage>();
        for (var s : data().samples()) {
            crops.add(io.fer.core.image.RgbImage.fromBufferedImage(s.load()));
        }
        return m.probabilities(crops);
    }
}
