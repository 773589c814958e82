package io.fer.models.internal.efficientnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fer.core.runtime.TensorFlowRuntime;
import io.fer.models.Backbone;
import io.fer.models.internal.keras.KerasWeights;
import io.fer.models.internal.keras.LayerSpec;
import io.fer.models.internal.keras.WeightArray;
import io.fer.models.internal.keras.WeightSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/** Initial values, assignWeights / readWeights round trips and their errors, on B0. */
@Tag("slow")
class EfficientNetWeightsTest {
    private Graph graph;
    private Session session;
    private EfficientNetGraph net;

    @BeforeAll
    static void load() {
        TensorFlowRuntime.ensureLoaded();
    }

    @BeforeEach
    void build() {
        graph = new Graph();
        session = new Session(graph);
        net = EfficientNetGraph.create(Ops.create(graph), Backbone.B0, 32, 21);
        session.initialize();
    }

    @AfterEach
    void close() {
        session.close();
        graph.close();
    }

    @Test
    void initialValuesAreKerasInitializers() {
        KerasWeights w = net.readWeights(session);
        assertThat(w.layerNames()).containsExactlyElementsOf(net.layers().stream().map(LayerSpec::name).toList());
        assertThat(w.layer("input_layer")).hasValue(List.of());
        List<WeightArray> normalization = w.layer("normalization").orElseThrow();
        assertThat(normalization.get(0).floats()).containsExactly(0.485f, 0.456f, 0.406f);
        assertThat(normalization.get(1).floats()).containsExactly(0.229f, 0.224f, 0.225f);
        assertThat(normalization.get(2).longs()).containsExactly(0L);
        assertThat(normalization.get(2).shape()).isEmpty();
        List<WeightArray> bn = w.layer("top_bn").orElseThrow();
        assertThat(bn).extracting(WeightArray::name).containsExactly("gamma", "beta", "moving_mean", "moving_variance");
        assertThat(bn.get(0).floats()).containsOnly(1f);
        assertThat(bn.get(1).floats()).containsOnly(0f);
        assertThat(bn.get(2).floats()).containsOnly(0f);
        assertThat(bn.get(3).floats()).containsOnly(1f);
        assertThat(w.layer("block1a_se_reduce").orElseThrow().get(1).floats()).containsOnly(0f);
        // VarianceScaling(2.0, fan_out, truncated_normal): std sqrt(2 / fan_out), cut at two untruncated sigmas
        assertKernelStatistics(w, "top_conv", 1280);
        assertKernelStatistics(w, "block6a_expand_conv", 672);
        assertKernelStatistics(w, "block6a_dwconv", 25);
    }

    private static void assertKernelStatistics(KerasWeights w, String layer, long fanOut) {
        float[] k = w.layer(layer).orElseThrow().get(0).floats();
        double target = Math.sqrt(2.0 / fanOut);
        double sum = 0;
        double squares = 0;
        double max = 0;
        for (float v : k) {
            sum += v;
            squares += v * (double) v;
            max = Math.max(max, Math.abs(v));
        }
        double mean = sum / k.length;
        double std = Math.sqrt(squares / k.length - mean * mean);
        assertThat(std).as(layer + " std").isCloseTo(target, within(0.05 * target));
        assertThat(max).as(layer + " max").isLessThanOrEqualTo(2 * target / 0.87962566103423978 * 1.0001);
    }

    @Test
    void readWeightsAfterAssignWeightsRoundTripsExactly() {
        KerasWeights written = randomWeights(net.layers(), 7);
        net.assignWeights(session, written);
        KerasWeights read = net.readWeights(session);
        assertThat(read.layerNames()).containsExactlyElementsOf(written.layerNames());
        for (Map.Entry<String, List<WeightArray>> e : written.asMap().entrySet()) {
            List<WeightArray> back = read.layer(e.getKey()).orElseThrow();
            assertThat(back).hasSameSizeAs(e.getValue());
            for (int i = 0; i < back.size(); i++) {
                WeightArray a = e.getValue().get(i);
                WeightArray b = back.get(i);
                assertThat(b.name()).isEqualTo(a.name());
                assertThat(b.shape()).isEqualTo(a.shape());
                assertThat(b.floats()).as(e.getKey() + "/" + a.name()).isEqualTo(a.floats());
                assertThat(b.longs()).as(e.getKey() + "/" + a.name()).isEqualTo(a.longs());
            }
        }
        // a second assignment reuses the feed ops made by the first
        int ops = countOps();
        net.assignWeights(session, randomWeights(net.layers(), 8));
        assertThat(countOps()).isEqualTo(ops);
        assertThat(net.readWeights(session).layer("stem_conv").orElseThrow().get(0).floats())
                .isNotEqualTo(read.layer("stem_conv").orElseThrow().get(0).floats());
    }

    @Test
    void acceptsKerasFileWeightNames() {
        KerasWeights w = randomWeights(net.layers(), 9);
        List<WeightArray> stem = w.layer("stem_conv").orElseThrow();
        WeightArray k = stem.get(0);
        w.put("stem_conv", List.of(WeightArray.ofFloats("stem_conv/kernel:0", k.shape(), k.floats())));
        net.assignWeights(session, w);
        assertThat(net.readWeights(session).layer("stem_conv").orElseThrow().get(0).floats()).isEqualTo(k.floats());
    }

    @Test
    void mismatchesNameTheLayerAndWeightAndWriteNothing() {
        KerasWeights original = net.readWeights(session);
        KerasWeights w = randomWeights(net.layers(), 10);
        w.put("stem_conv",
                List.of(WeightArray.ofFloats("kernel", new long[] {3, 3, 3, 16}, new float[3 * 3 * 3 * 16])));
        assertThatThrownBy(() -> net.assignWeights(session, w)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stem_conv/kernel").hasMessageContaining("3x3x3x16")
                .hasMessageContaining("3x3x3x32");
        assertThat(net.readWeights(session).layer("block1a_dwconv").orElseThrow().get(0).floats())
                .isEqualTo(original.layer("block1a_dwconv").orElseThrow().get(0).floats());

        KerasWeights missing = new KerasWeights();
        randomWeights(net.layers(), 11).asMap().forEach((layer, arrays) -> {
            if (!layer.equals("top_bn")) {
                missing.put(layer, arrays);
            }
        });
        assertThatThrownBy(() -> net.assignWeights(session, missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("top_bn");

        KerasWeights swapped = randomWeights(net.layers(), 12);
        List<WeightArray> bn = new ArrayList<>(swapped.layer("stem_bn").orElseThrow());
        bn.set(0, WeightArray.ofFloats("beta", new long[] {32}, new float[32]));
        swapped.put("stem_bn", bn);
        // weights are matched by name: with gamma replaced by a second beta, gamma is reported missing
        assertThatThrownBy(() -> net.assignWeights(session, swapped)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stem_bn/gamma").hasMessageContaining("missing");

        KerasWeights reordered = randomWeights(net.layers(), 14);
        List<WeightArray> stemBn = new ArrayList<>(reordered.layer("stem_bn").orElseThrow());
        java.util.Collections.reverse(stemBn);
        reordered.put("stem_bn", stemBn);
        net.assignWeights(session, reordered);
        assertThat(net.readWeights(session).layer("stem_bn").orElseThrow().get(0).floats())
                .isEqualTo(stemBn.get(3).floats());

        KerasWeights floatCount = randomWeights(net.layers(), 13);
        List<WeightArray> norm = new ArrayList<>(floatCount.layer("normalization").orElseThrow());
        norm.set(2, WeightArray.ofFloats("count", new long[0], new float[] {1f}));
        floatCount.put("normalization", norm);
        assertThatThrownBy(() -> net.assignWeights(session, floatCount)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("normalization/count").hasMessageContaining("int64");
    }

    /** Seeded random values for every weight; layers without weights get empty lists. */
    static KerasWeights randomWeights(List<LayerSpec> layers, long seed) {
        Random random = new Random(seed);
        KerasWeights w = new KerasWeights();
        for (LayerSpec layer : layers) {
            List<WeightArray> arrays = new ArrayList<>();
            for (WeightSpec spec : layer.weights()) {
                int n = Math.toIntExact(spec.size());
                if (spec.int64()) {
                    arrays.add(WeightArray.ofLongs(spec.name(), spec.shape(), new long[] {random.nextInt(1000)}));
                } else {
                    float[] values = new float[n];
                    for (int i = 0; i < n; i++) {
                        values[i] = (float) random.nextGaussian();
                    }
                    arrays.add(WeightArray.ofFloats(spec.name(), spec.shape(), values));
                }
            }
            w.put(layer.name(), arrays);
        }
        return w;
    }

    private int countOps() {
        int n = 0;
        for (var it = graph.operations(); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }
}
