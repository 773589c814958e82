package io.fer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.models.Backbone;
import io.fer.models.WeightFileException;
import io.fer.models.internal.Backbones;
import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer settles its starting point before it reads a single image; the configuration checks itself. */
class TrainerTest {
    @TempDir
    Path tmp;

    private final AtomicInteger reads = new AtomicInteger();

    /** Images that fail the test if anything reads them: nothing may be cropped before the weights are found. */
    private Dataset untouchable() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            samples.add(new Sample("s" + i, i % 2 == 0 ? "happy" : "sad", null, null, null, () -> {
                reads.incrementAndGet();
                throw new AssertionError("an image was read before the weights were resolved");
            }));
        }
        return new Dataset("untouchable", List.of("happy", "sad"), samples, List.of(), false);
    }

    private FerModelBuilder b0() {
        return FerModel.builder().backbone(Backbone.B0).inputSize(32).featureExtraction(1, 1e-3)
                .fineTuning(0, 1e-4).cropCache(tmp.resolve("crops")).quiet();
    }

    @Test
    void aMissingWeightsFileFailsBeforeAnyImageIsCropped() {
        Path missing = tmp.resolve("no-such-weights.h5");
        assertThatThrownBy(() -> b0().weights(Weights.file(missing)).fit(untouchable()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString()).hasMessageContaining("does not exist");
        assertThat(reads).hasValue(0);
    }

    @Test
    void missingImagenetWeightsOfflineFailBeforeAnyImageIsCropped() {
        String old = System.getProperty("fer.home");
        System.setProperty("fer.home", tmp.resolve("empty-home").toString());
        try {
            assertThatThrownBy(() -> new Trainer(b0().weights(Weights.imagenet()).config()).fit(untouchable()))
                    .isInstanceOf(WeightFileException.class).hasMessageContaining("efficientnetb0_notop.h5");
        } finally {
            System.setProperty("fer.home", old);
        }
        assertThat(reads).hasValue(0);
    }

    @Test
    void settingsThatDoNotFitEachOtherFailWhenTheConfigurationIsMade() {
        assertThatThrownBy(() -> b0().freezeUntil("block9z_nothing").config())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no layer named 'block9z_nothing'");
        assertThatThrownBy(() -> b0().freezeUntil(-1000).config()).hasMessageContaining("out of range");
        assertThatThrownBy(() -> b0().backbone(Backbone.CNN).weights(Weights.imagenet()).freezeUntil(0).config())
                .hasMessageContaining("no ImageNet weights");
        assertThatThrownBy(() -> b0().backbone(Backbone.B1).weights(Weights.none()).inputSize(16).config())
                .hasMessageContaining("16 px is too small for EfficientNet B1").hasMessageContaining("32");
        assertThatThrownBy(() -> b0().backbone(Backbone.B2).weights(Weights.fer2013()).config())
                .hasMessageContaining("EfficientNet-B0's");
        assertThatThrownBy(() -> b0().featureExtraction(0, 1e-3).config()).hasMessageContaining("nothing to train");
    }

    @Test
    void theConfigurationIsImmutableAndItsJsonIsTheSummarysSettings() {
        FerModelBuilder builder = b0().weights(Weights.none()).freezeUntil("block7a_se_excite").labelSmoothing(0.1);
        TrainingConfig config = builder.config();
        builder.batchSize(3).seed(7);
        assertThat(config.batchSize()).isEqualTo(32);
        assertThat(config.seed()).isEqualTo(42);
        assertThat(config.firstTrainableLayer()).isEqualTo(Backbones.layerIndex(Backbone.B0, "block7a_se_excite"));
        assertThat(config.toJson().keySet()).containsExactly("weights", "freezeUntil", "firstTrainableLayer",
                "trainBatchNorm", "phase1", "phase2", "labelSmoothing", "batchSize", "augmentation", "seed");
        assertThat(config.toJson().get("freezeUntil").getAsString()).isEqualTo("block7a_se_excite");
        assertThat(config.toJson().get("labelSmoothing").getAsDouble()).isEqualTo(0.1);
    }
}
