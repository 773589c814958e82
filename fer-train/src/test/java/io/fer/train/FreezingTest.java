package io.fer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.Expression;
import io.fer.models.Backbone;
import io.fer.models.internal.Backbones;
import io.fer.models.internal.keras.KerasWeights;
import io.fer.models.internal.keras.KerasWeightsFile;
import io.fer.models.internal.keras.LayerSpec;
import io.fer.models.internal.keras.WeightArray;
import io.fer.train.augment.Augmentation;
import io.fer.train.data.Dataset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frozen means frozen: after each phase, every weight before the freeze point (batch-norm moving statistics
 * included) is bit for bit what was loaded, and the unfrozen kernels moved.
 */
@Tag("slow")
class FreezingTest {
    static final Path FIXTURE = TestImages.kerasReference().resolve("efficientnetb0_notop.layout.h5");
    static KerasWeights loaded;

    @TempDir
    static Path cache;

    @BeforeAll
    static void readFixture() {
        loaded = KerasWeightsFile.read(FIXTURE);
    }

    static Dataset data() {
        return TestImages.patterns(List.of(Expression.HAPPY, Expression.SADNESS, Expression.SURPRISE), 4, 32, 7);
    }

    FerModelBuilder b0(int phase1, int phase2) {
        return FerModel.builder().backbone(Backbone.B0).weights(Weights.file(FIXTURE)).inputSize(32)
                .featureExtraction(phase1, 1e-2).fineTuning(phase2, 1e-2).batchSize(6)
                .augmentation(Augmentation.none()).cropCache(cache).quiet();
    }

    @Test
    void phaseOneLeavesTheWholeBackboneAsLoaded() {
        try (FerModel m = b0(1, 0).fit(data())) {
            KerasWeights after = m.graph().backbone().readWeights(m.graph().session());
            for (LayerSpec layer : Backbones.layers(Backbone.B0)) {
                assertLayer(layer, after, true);
            }
        }
    }

    @Test
    void phaseTwoTrainsOnlyFromTheFreezePointAndKeepsBatchNormFrozen() {
        try (FerModel m = b0(1, 2).freezeUntil(-6).fit(data())) {
            int first = m.graph().firstTrainable();
            assertThat(Backbones.layers(Backbone.B0).get(first).name()).isEqualTo("block7a_se_excite");
            KerasWeights after = m.graph().backbone().readWeights(m.graph().session());
            for (LayerSpec layer : Backbones.layers(Backbone.B0)) {
                boolean frozen = layer.index() < first || layer.kerasClass().equals("BatchNormalization");
                assertLayer(layer, after, frozen);
            }
        }
    }

    @Test
    void trainingBatchNormMovesOnlyUnfrozenStatistics() {
        try (FerModel m = b0(0, 1).freezeUntil("top_conv").trainBatchNorm(true).fit(data())) {
            KerasWeights after = m.graph().backbone().readWeights(m.graph().session());
            for (LayerSpec layer : Backbones.layers(Backbone.B0)) {
                boolean frozen = layer.index() < m.graph().firstTrainable();
                assertLayer(layer, after, frozen);
            }
            assertThat(value(after, "top_bn", "moving_mean")).isNotEqualTo(value(loaded, "top_bn", "moving_mean"));
        }
    }

    @Test
    void freezingByNameOnALargerBackboneKeepsEverythingBeforeItAsInitialised() {
        int byName = FreezePoint.layer("block7b_project_bn").resolve(Backbone.B1);
        assertThat(byName).isEqualTo(FreezePoint.index(-6).resolve(Backbone.B1))
                .isEqualTo(Backbones.layers(Backbone.B1).size() - 6);
        KerasWeights initial;
        try (var g = new io.fer.train.internal.graph.TrainingGraph(spec(Backbone.B1), byName)) {
            initial = g.backbone().readWeights(g.session());
        }
        try (FerModel m = FerModel.builder().backbone(Backbone.B1).weights(Weights.none()).inputSize(32)
                .freezeUntil("block7b_project_bn").featureExtraction(0, 1e-2).fineTuning(1, 1e-2).batchSize(6)
                .augmentation(Augmentation.none()).seed(1).cropCache(cache).quiet().fit(data())) {
            assertThat(m.graph().firstTrainable()).isEqualTo(byName);
            KerasWeights after = m.graph().backbone().readWeights(m.graph().session());
            for (LayerSpec layer : Backbones.layers(Backbone.B1)) {
                for (var w : layer.weights()) {
                    float[] before = value(initial, layer.name(), w.name());
                    float[] now = value(after, layer.name(), w.name());
                    if (before == null) {
                        continue;
                    }
                    if (layer.index() < byName || layer.kerasClass().equals("BatchNormalization")) {
                        assertThat(now).as("%s/%s", layer.name(), w.name()).isEqualTo(before);
                    } else if (w.name().equals("kernel")) {
                        assertThat(Arrays.equals(now, before)).as("%s/%s trained", layer.name(), w.name()).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void anUnknownFreezePointIsAClearError() {
        assertThatThrownBy(() -> b0(1, 1).freezeUntil("block9z_nothing").fit(data()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block9z_nothing")
                .hasMessageContaining("B0");
        assertThatThrownBy(() -> b0(1, 1).freezeUntil(-500).fit(data()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-500")
                .hasMessageContaining("238");
    }

    static io.fer.train.internal.graph.TrainingGraph.Spec spec(Backbone b) {
        return new io.fer.train.internal.graph.TrainingGraph.Spec(b, 32, 3, Head.standard().shape(b), false, false, 1e-2,
                1e-2, 1);
    }

    private static void assertLayer(LayerSpec layer, KerasWeights after, boolean frozen) {
        for (var w : layer.weights()) {
            float[] before = value(loaded, layer.name(), w.name());
            float[] now = value(after, layer.name(), w.name());
            if (before == null) {
                continue; // int64 normalization count
            }
            if (frozen) {
                assertThat(now).as("%s/%s must stay as loaded", layer.name(), w.name()).isEqualTo(before);
            } else if (w.name().equals("kernel")) {
                assertThat(Arrays.equals(now, before)).as("%s/%s must be trained", layer.name(), w.name()).isFalse();
            }
        }
    }

    private static float[] value(KerasWeights weights, String layer, String weight) {
        WeightArray a = weights.layer(layer).orElseThrow().stream().filter(w -> w.name().equals(weight))
                .findFirst().orElseThrow();
        return a.floats();
    }
}
