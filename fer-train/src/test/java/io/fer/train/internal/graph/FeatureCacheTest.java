package io.fer.train.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.fer.models.Backbone;
import io.fer.models.internal.Backbones;
import io.fer.train.Head;
import io.fer.train.augment.Augmentation;
import io.fer.train.eval.EpochMetrics;
import io.fer.train.internal.augment.Augmenter;
import io.fer.train.internal.graph.HeadShape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** The cached path feeds the trainable part exactly what the uncached path computes. */
@Tag("slow")
class FeatureCacheTest {
    static final int SIZE = 32;

    static TrainingGraph graph(int freeze) {
        // Head.standard() on B0: average pooling, no hidden layer, dropout 0.2
        HeadShape head = new HeadShape(false, List.of(), 0.2);
        return new TrainingGraph(new TrainingGraph.Spec(Backbone.B0, SIZE, 3, head, false, false, 1e-2, 1e-2, 5),
                Backbones.resolveIndex(Backbone.B0, freeze));
    }

    static LabelledImages images(int count) {
        SplittableRandom r = new SplittableRandom(9);
        List<byte[]> pixels = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            byte[] p = new byte[SIZE * SIZE * 3];
            for (int k = 0; k < p.length; k++) {
                p[k] = (byte) (((k / 3) % SIZE < SIZE / 2 ? 60 : 190) + i * 7 + r.nextInt(20));
            }
            pixels.add(p);
            ids.add("img" + i);
            labels[i] = i % 3;
        }
        return new LabelledImages(SIZE, pixels, labels, ids);
    }

    /** Runs the full network on image {@code i} transformed as variant {@code v}, and fetches {@code what}. */
    static float[] direct(TrainingGraph g, LabelledImages data, int i, Augmenter.Transform t, Operand<TFloat32> what) {
        float[] raw = new float[SIZE * SIZE * 3];
        float[] x = new float[raw.length];
        data.copyAsFloats(i, raw, 0);
        Augmenter.apply(t, raw, 0, SIZE, x, 0);
        try (TFloat32 in = TFloat32.tensorOf(Shape.of(1, SIZE, SIZE, 3), DataBuffers.of(x, true, false));
                Result r = g.session().runner().feed(g.images(), in).fetch(what).run()) {
            TFloat32 out = (TFloat32) r.get(0);
            float[] v = new float[(int) out.shape().size()];
            out.copyTo(DataBuffers.of(v, false, false));
            return v;
        }
    }

    @Test
    void cachedHeadInputsEqualTheFullNetworkOnTheSameAugmentedImage() {
        LabelledImages data = images(5);
        Augmenter augmenter = new Augmenter(Augmentation.paper());
        try (TrainingGraph g = graph(-6)) {
            FeatureCache cache = FeatureCache.build(g, data, 3, augmenter, 17, 4, List.of(g.pooled()),
                    List.of(g.pooled()));
            for (int i = 0; i < 5; i++) {
                for (int v = 0; v < 3; v++) {
                    float[] cached = cache.feeds(new int[] {i}, new int[] {v}).get(0).values();
                    float[] full = direct(g, data, i, FeatureCache.transform(augmenter, 17, i, v), g.pooled());
                    assertThat(cached).hasSize(1280);
                    assertThat(cached).containsExactly(full, org.assertj.core.data.Offset.offset(1e-4f));
                }
            }
            assertThat(FeatureCache.transform(augmenter, 17, 2, 1)).isNotEqualTo(Augmenter.Transform.identity())
                    .isEqualTo(FeatureCache.transform(augmenter, 17, 2, 1));
        }
    }

    @Test
    void theFreezeBoundaryOfB0AtMinusSixIsTheSqueezeExcitationInputs() {
        try (TrainingGraph g = graph(-6)) {
            assertThat(g.backbone().frozenBoundary(g.firstTrainable()))
                    .containsExactly("block7a_activation", "block7a_se_expand");
            int addIndex = g.backbone().layerIndex("block6d_add");
            assertThat(g.backbone().frozenBoundary(addIndex)).containsExactlyInAnyOrder("block6d_drop",
                    "block6c_add");
            LabelledImages data = images(3);
            FeatureCache cache = FeatureCache.build(g, data, 1, null, 1, 2, g.frozenBoundaryOutputs(),
                    g.frozenBoundaryInputs());
            var feeds = cache.feeds(new int[] {1}, new int[] {0});
            assertThat(feeds).hasSize(2);
            assertThat(feeds.get(0).values()).containsExactly(
                    direct(g, data, 1, Augmenter.Transform.identity(), g.frozenBoundaryOutputs().get(0)),
                    org.assertj.core.data.Offset.offset(1e-4f));
        }
    }

    @Test
    void trainingOnCachedFeaturesFollowsTheUncachedRun() {
        LabelledImages data = images(9);
        List<EpochMetrics> cached = train(data, 8);
        List<EpochMetrics> uncached = train(data, 0);
        assertThat(cached).hasSameSizeAs(uncached);
        for (int i = 0; i < cached.size(); i++) {
            assertThat(cached.get(i).trainLoss()).as("epoch %d", i)
                    .isCloseTo(uncached.get(i).trainLoss(), org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    static List<EpochMetrics> train(LabelledImages data, int variants) {
        try (TrainingGraph g = graph(-6)) {
            var settings = new TrainingLoop.Settings(2, 2, 4, Augmentation.none(), false, null, 3, variants);
            var outcome = new TrainingLoop(g, settings, List.of()).run(data, null);
            assertThat(outcome.cachedVariants()).isEqualTo(variants == 0 ? 0 : 1);
            return outcome.epochs();
        }
    }
}
