package io.fer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.Expression;
import io.fer.models.Backbone;
import io.fer.models.WeightFileException;
import io.fer.train.augment.Augmentation;
import io.fer.train.data.Dataset;
import io.fer.train.eval.ConfusionMatrix;
import io.fer.train.eval.EpochMetrics;
import io.fer.train.eval.TrainingPhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Equal seeds give equal runs; the builder's inputs are checked with clear messages. */
@Tag("slow")
class SeededTrainingTest {
    static final List<Expression> CLASSES = List.of(Expression.FEAR, Expression.DISGUST, Expression.SURPRISE);

    @TempDir
    Path tmp;

    FerModelBuilder builder(long seed) {
        return FerModel.builder().backbone(Backbone.B0).weights(Weights.none()).inputSize(32).freezeUntil(-6)
                .featureExtraction(2, 1e-3).fineTuning(2, 1e-3).batchSize(4).augmentation(Augmentation.paper())
                .validationFraction(0.25).seed(seed).cropCache(tmp.resolve("crops")).quiet();
    }

    static Dataset data() {
        return TestImages.patterns(CLASSES, 6, 32, 11);
    }

    @Test
    void twoRunsWithTheSameSeedHaveIdenticalHistories() {
        List<EpochMetrics> first;
        List<String> batches = new ArrayList<>();
        try (FerModel m = builder(3).listener(new TrainingListener() {
            @Override
            public void batchFinished(TrainingPhase phase, int epoch, int batch, int total, double loss,
                    double accuracy) {
                batches.add(phase.number() + "/" + epoch + "/" + batch + ":" + loss);
            }
        }).fit(data())) {
            first = m.history().epochs();
            assertThat(first).hasSize(4);
            assertThat(m.history().phase(TrainingPhase.FEATURE_EXTRACTION)).hasSize(2);
            assertThat(m.history().trainImages() + m.history().validationImages()).isEqualTo(18);
            assertThat(m.history().validationImages()).isBetween(3, 6);
            assertThat(first).allSatisfy(e -> assertThat(e.validationAccuracy()).isNotNull());
        }
        assertThat(batches).isNotEmpty().first().asString().startsWith("1/1/1:");
        try (FerModel m = builder(3).fit(data())) {
            assertThat(withoutTimes(m.history().epochs())).isEqualTo(withoutTimes(first));
        }
        try (FerModel m = builder(4).fit(data())) {
            assertThat(withoutTimes(m.history().epochs())).isNotEqualTo(withoutTimes(first));
        }
    }

    static List<String> withoutTimes(List<EpochMetrics> epochs) {
        return epochs.stream().map(e -> e.phase() + " " + e.epoch() + " " + e.trainLoss() + " " + e.trainAccuracy()
                + " " + e.validationLoss() + " " + e.validationAccuracy()).toList();
    }

    @Test
    void aConvolutionalNetworkTrainedEndToEndIsReproducibleToo() {
        // every layer trains, so backward ops read kernels that the same step updates: the run must still repeat
        Dataset data = TestImages.patterns(CLASSES, 6, 32, 12);
        List<List<String>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            try (FerModel m = FerModel.builder().backbone(Backbone.CNN).weights(Weights.none()).inputSize(32)
                    .freezeUntil(0).featureExtraction(1, 1e-3).fineTuning(3, 1e-3).batchSize(4)
                    .augmentation(Augmentation.paper()).seed(8).cropCache(tmp.resolve("crops")).quiet().fit(data)) {
                runs.add(withoutTimes(m.history().epochs()));
            }
        }
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
    }

    @Test
    void imagenetWeightsOfflineAndNotCachedNameTheUrlAndThePath() {
        String old = System.getProperty("fer.home");
        System.setProperty("fer.home", tmp.resolve("empty-home").toString());
        try {
            assertThatThrownBy(() -> builder(1).weights(Weights.imagenet()).fit(data()))
                    .hasMessageContaining("https://storage.googleapis.com/keras-applications/efficientnetb0_notop.h5")
                    .hasMessageContaining(tmp.resolve("empty-home").resolve("weights").resolve("efficientnetb0_notop.h5")
                            .toString());
        } finally {
            System.setProperty("fer.home", old);
        }
    }

    @Test
    void aWeightFileForAnotherBackboneIsRefusedByName() throws Exception {
        Path fixture = TestImages.kerasReference().resolve("efficientnetb0_notop.layout.h5");
        assertThatThrownBy(() -> builder(1).backbone(Backbone.B1).weights(Weights.file(fixture)).fit(data()))
                .isInstanceOf(WeightFileException.class).hasMessageContaining(fixture.toString())
                .hasMessageContaining("block1b");
        Path text = Files.writeString(tmp.resolve("weights.h5"), "not hdf5");
        assertThatThrownBy(() -> builder(1).weights(Weights.file(text)).fit(data()))
                .isInstanceOf(WeightFileException.class).hasMessageContaining(text.toString());
    }

    @Test
    void anInterruptedFitStopsBetweenBatchesAndLeavesNothingBehind() {
        TrainingListener interruptAtSecondBatch = new TrainingListener() {
            @Override
            public void batchFinished(TrainingPhase phase, int epoch, int batch, int batches, double loss,
                    double accuracy) {
                if (batch == 2) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try {
            assertThatThrownBy(() -> builder(1).listener(interruptAtSecondBatch).fit(data()))
                    .isInstanceOf(io.fer.train.internal.graph.TrainingLoop.TrainingInterruptedException.class)
                    .hasMessageContaining("interrupted");
        } finally {
            Thread.interrupted();
        }
        try (var files = java.nio.file.Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsOnly("crops");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void validationDataListingItsClassesInAnotherOrderIsScoredAgainstTheTrainingClasses() {
        Dataset train = data();
        Dataset validation = TestImages.patterns(CLASSES, 2, 32, 13);
        List<String> reversed = new ArrayList<>(ConfusionMatrix.labelsOf(CLASSES));
        java.util.Collections.reverse(reversed);
        Dataset reordered = new Dataset("reordered", reversed, validation.samples(), List.of(), true);
        List<String> same;
        try (FerModel m = builder(2).validation(validation).fit(train)) {
            same = withoutTimes(m.history().epochs());
        }
        try (FerModel m = builder(2).validation(reordered).fit(train)) {
            assertThat(withoutTimes(m.history().epochs())).isEqualTo(same);
        }
    }

    @Test
    void badSettingsAreRefusedWithTheValue() {
        assertThatThrownBy(() -> builder(1).batchSize(0)).hasMessageContaining("0");
        assertThatThrownBy(() -> builder(1).validationFraction(1.5)).hasMessageContaining("1.5");
        assertThatThrownBy(() -> builder(1).featureExtraction(-1, 1e-3)).hasMessageContaining("-1");
        assertThatThrownBy(() -> builder(1).featureExtraction(1, 0)).hasMessageContaining("0.0");
        assertThatThrownBy(() -> builder(1).featureExtraction(0, 1e-3).fineTuning(0, 1e-4).fit(data()))
                .hasMessageContaining("nothing to train");
        Dataset one = TestImages.patterns(List.of(Expression.HAPPY), 3, 32, 1);
        assertThatThrownBy(() -> builder(1).fit(one)).hasMessageContaining("at least 2");
    }
}
