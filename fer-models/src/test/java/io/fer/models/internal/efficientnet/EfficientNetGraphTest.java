package io.fer.models.internal.efficientnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.runtime.TensorFlowRuntime;
import io.fer.models.Backbone;
import io.fer.models.internal.efficientnet.KerasReferenceData.Summary;
import io.fer.models.internal.graph.Tower;
import io.fer.models.internal.graph.TowerMode;
import io.fer.models.internal.keras.LayerSpec;
import io.fer.models.internal.keras.WeightSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Building the graph of every variant: shapes, variables, indices, parameter counts and errors. */
@Tag("slow")
class EfficientNetGraphTest {
    private static Map<Backbone, Summary> summary;

    @BeforeAll
    static void load() {
        TensorFlowRuntime.ensureLoaded();
        summary = KerasReferenceData.summary();
    }

    /** Stride-2 layers with Keras' correct_pad output ceil(n / 2); five of them. */
    private static long outputSize(int input) {
        long n = input;
        for (int i = 0; i < 5; i++) {
            n = (n + 1) / 2;
        }
        return n;
    }

    @ParameterizedTest
    @CsvSource({"B0, 224", "B1, 64", "B2, 65", "B3, 64", "B4, 65", "B5, 64", "B6, 65", "B7, 64"})
    void buildsAndRunsWithKerasOutputShape(Backbone v, int size) {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            EfficientNetGraph net = EfficientNetGraph.create(tf, v, size, 1);
            Placeholder<TFloat32> images = TensorSupport.images(tf, -1, size);
            Tower tower = net.tower(images, TowerMode.INFERENCE);
            long side = outputSize(size);
            long channels = EfficientNetSpec.roundFilters(1280, v);
            assertThat(tower.output().shape().asArray()).containsExactly(-1, side, side, channels);
            assertThat(net.parameterCount()).isEqualTo(summary.get(v).totalParams());
            assertThat(net.nonTrainableParameterCount()).isEqualTo(summary.get(v).nonTrainableParams());
            s.initialize();
            float[] pixels = TensorSupport.referenceImage(size);
            try (TFloat32 x = TensorSupport.tensor(pixels, 1, size, size, 3);
                    Result r = s.runner().feed(images, x).fetch(tower.output()).run()) {
                assertThat(r.get(0).shape().asArray()).containsExactly(1, side, side, channels);
                float[] out = TensorSupport.floats(r.get(0));
                double min = Double.MAX_VALUE;
                for (float f : out) {
                    assertThat(Float.isFinite(f)).isTrue();
                    min = Math.min(min, f);
                }
                // a swish output: never below swish's minimum, about -0.2785
                assertThat(min).isGreaterThan(-0.2785);
            }
        }
    }

    @Test
    void b0At224GivesSevenBySevenBy1280() {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            EfficientNetGraph net = EfficientNetGraph.create(tf, Backbone.B0, 224, 1);
            Tower t = net.tower(TensorSupport.images(tf, 2, 224),
                    TowerMode.INFERENCE);
            assertThat(t.output().shape().asArray()).containsExactly(2, 7, 7, 1280);
            assertThat(t.layerOutput("block1a_out").shape().asArray()).containsExactly(2, 112, 112, 16);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backbone.class, names = "CNN", mode = EnumSource.Mode.EXCLUDE)
    void lastSixLayersWithFrozenBatchNormTrainKerasParameterCount(Backbone v) {
        try (Graph g = new Graph()) {
            EfficientNetGraph net = EfficientNetGraph.create(Ops.create(g), v, 32, 1);
            List<Variable<TFloat32>> vars = net.trainableVariables(net.resolveIndex(-6), false);
            long params = vars.stream().mapToLong(x -> x.shape().size()).sum();
            assertThat(params).isEqualTo(summary.get(v).trainableParamsLast6BnFrozen());
            List<String> lastSix = summary.get(v).last6Layers();
            assertThat(net.layers().get(net.resolveIndex(-6)).name()).isEqualTo(lastSix.get(0));
        }
    }

    @Test
    void variablesFollowKerasNamesAndOrder() {
        try (Graph g = new Graph()) {
            EfficientNetGraph net = EfficientNetGraph.create(Ops.create(g), Backbone.B0, 32, 1);
            List<Variable<?>> all = net.allVariables();
            List<String> expected = net.layers().stream()
                    .flatMap(l -> l.weights().stream().map(w -> l.name() + "/" + w.name())).toList();
            assertThat(all).extracting(v -> v.op().name()).containsExactlyElementsOf(expected);
            assertThat(all.get(0).op().name()).isEqualTo("normalization/mean");
            assertThat(all.get(3).op().name()).isEqualTo("stem_conv/kernel");
            assertThat(all).extracting(v -> v.shape().asArray()).containsExactlyElementsOf(net.layers().stream()
                    .flatMap(l -> l.weights().stream().map(WeightSpec::shape)).toList());

            List<Variable<TFloat32>> everything = net.trainableVariables(0, true);
            long trainable = everything.stream().mapToLong(x -> x.shape().size()).sum();
            assertThat(trainable).isEqualTo(net.parameterCount() - net.nonTrainableParameterCount());
            assertThat(everything).extracting(v -> v.op().name())
                    .noneMatch(n -> n.contains("moving_") || n.startsWith("normalization/"));
            List<Variable<TFloat32>> noBn = net.trainableVariables(0, false);
            assertThat(noBn).extracting(v -> v.op().name()).noneMatch(n -> n.endsWith("/gamma") || n.endsWith("/beta"))
                    .contains("stem_conv/kernel", "block1a_dwconv/depthwise_kernel", "block1a_se_reduce/bias");
            assertThat(net.trainableVariables(net.layers().size(), true)).isEmpty();
        }
    }

    @Test
    void towersShareVariables() {
        int size = 32;
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            EfficientNetGraph net = EfficientNetGraph.create(tf, Backbone.B0, size, 3);
            Placeholder<TFloat32> images = TensorSupport.images(tf, 1, size);
            int variableOps = countOps(g, "VariableV2");
            Tower first = net.tower(images, TowerMode.INFERENCE);
            Tower second = net.tower(images, TowerMode.INFERENCE);
            assertThat(countOps(g, "VariableV2")).isEqualTo(variableOps).isEqualTo(net.allVariables().size());
            s.initialize();
            try (TFloat32 x = TensorSupport.tensor(TensorSupport.referenceImage(size), 1, size, size, 3);
                    Result r = s.runner().feed(images, x).fetch(first.output()).fetch(second.output()).run()) {
                assertThat(TensorSupport.floats(r.get(1))).containsExactly(TensorSupport.floats(r.get(0)));
            }
        }
    }

    /**
     * Every layer's output together in one run, including convolutions and batch norms that oneDNN would otherwise
     * fuse away (TF then fails the run with "not found in the Graph"), with shapes as Keras has them.
     */
    @Test
    void everyLayerOutputIsFetchableInOneRun() {
        int size = 33;
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            EfficientNetGraph net = EfficientNetGraph.create(tf, Backbone.B0, size, 1);
            Placeholder<TFloat32> images = TensorSupport.images(tf, 1, size);
            Tower t = net.tower(images, TowerMode.INFERENCE);
            s.initialize();
            Session.Runner runner = s.runner();
            net.layers().forEach(l -> runner.fetch(t.layerOutput(l.name())));
            try (TFloat32 x = TensorSupport.tensor(TensorSupport.referenceImage(size), 1, size, size, 3);
                    Result r = runner.feed(images, x).run()) {
                assertThat(r.size()).isEqualTo(net.layers().size());
                assertThat(TensorSupport.floats(r.get(0))).containsExactly(TensorSupport.referenceImage(size));
                assertThat(r.get(net.layerIndex("stem_conv_pad")).shape().asArray()).containsExactly(1, 35, 35, 3);
                assertThat(r.get(net.layerIndex("stem_conv")).shape().asArray()).containsExactly(1, 17, 17, 32);
                assertThat(r.get(net.layerIndex("block1a_se_squeeze")).shape().asArray()).containsExactly(1, 32);
                assertThat(r.get(net.layerIndex("block1a_se_reshape")).shape().asArray()).containsExactly(1, 1, 1, 32);
                assertThat(r.get(net.layerIndex("top_activation")).shape().asArray()).containsExactly(1, 2, 2, 1280);
            }
        }
    }

    @Test
    void namesAndIndicesResolveLikeKeras() {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            EfficientNetGraph net = EfficientNetGraph.create(tf, Backbone.B0, 32, 1);
            assertThat(net.variant()).isEqualTo(Backbone.B0);
            assertThat(net.inputSize()).isEqualTo(32);
            assertThat(net.layerIndex("stem_conv")).isEqualTo(5);
            assertThat(net.resolveIndex(-6)).isEqualTo(net.layerIndex("block7a_se_excite")).isEqualTo(232);
            assertThat(net.resolveIndex(-1)).isEqualTo(237);
            assertThat(net.resolveIndex(0)).isZero();
            assertThat(net.resolveIndex(-238)).isZero();
            assertThatThrownBy(() -> net.layerIndex("block9a_dwconv")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("block9a_dwconv").hasMessageContaining("B0");
            assertThatThrownBy(() -> net.resolveIndex(238)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0..237").hasMessageContaining("-238..-1");
            assertThatThrownBy(() -> net.resolveIndex(-239)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> net.trainableVariables(-1, false)).isInstanceOf(IllegalArgumentException.class);

            Tower t = net.tower(TensorSupport.images(tf, 1, 32),
                    TowerMode.INFERENCE);
            assertThat(t.layerOutput("block1a_out")).isSameAs(t.layerOutput("block1a_project_bn"));
            assertThat(t.layerOutput("block2b_drop")).isNotSameAs(t.layerOutput("block2b_project_bn"));
            assertThat(t.layerOutput("block2b_out")).isSameAs(t.layerOutput("block2b_add"));
            assertThat(t.layerOutput("top_activation")).isSameAs(t.output());
            assertThat(t.layerOutput("block1a_dwconv").op().name()).isEqualTo("efficientnetb0_tower_0/block1a_dwconv");
            for (LayerSpec l : net.layers()) {
                assertThat(t.layerOutput(l.name())).as(l.name()).isNotNull();
            }
            assertThatThrownBy(() -> t.layerOutput("block8a_out")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("block8a_out");
            assertThat(t.batchNormUpdates()).isEmpty();

            assertThatThrownBy(() -> net.tower(TensorSupport.images(tf, 1, 64), TowerMode.INFERENCE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32");
            assertThatThrownBy(() -> net.tower(TensorSupport.images(tf, 1, 32), TowerMode.training(239, false)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("239");
        }
    }

    @Test
    void rejectsBadArguments() {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            assertThatThrownBy(() -> EfficientNetGraph.create(tf, Backbone.B0, 31, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("31");
        }
        assertThatThrownBy(() -> TowerMode.training(-1, true)).isInstanceOf(IllegalArgumentException.class);
        assertThat(TowerMode.INFERENCE.trainsBatchNorm(Integer.MAX_VALUE - 1)).isFalse();
        assertThat(TowerMode.training(5, false).trainsBatchNorm(5)).isTrue();
        assertThat(TowerMode.training(5, false).trainsBatchNorm(4)).isFalse();
    }

    private static int countOps(Graph g, String type) {
        int n = 0;
        for (var it = g.operations(); it.hasNext(); ) {
            n += it.next().type().equals(type) ? 1 : 0;
        }
        return n;
    }
}
