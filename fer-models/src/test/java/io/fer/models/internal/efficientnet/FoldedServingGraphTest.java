package io.fer.models.internal.efficientnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fer.core.runtime.TensorFlowRuntime;
import io.fer.models.Backbone;
import io.fer.models.internal.graph.Tower;
import io.fer.models.internal.graph.TowerMode;
import io.fer.models.internal.keras.KerasWeights;
import io.fer.models.internal.keras.KerasWeightsFile;
import io.fer.models.internal.serving.ServingLayer;
import io.fer.models.internal.serving.ServingNetwork;
import io.fer.models.internal.serving.TensorFlowServing;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The folded serving graph (batch norm in the convolutions, constant paddings) against the unfolded inference tower
 * and against Keras' float64 reference, on the reference image of {@code b0_reference_outputs.json}.
 */
class FoldedServingGraphTest {
    /** The bound: folded and unfolded agree within 1e-5 of the output's largest magnitude. */
    private static final double FOLDED_TOLERANCE = 1e-5;

    private static KerasWeights weights;

    @BeforeAll
    static void readWeights() throws IOException {
        TensorFlowRuntime.ensureLoaded();
        weights = KerasWeightsFile.read(KerasReferenceData.file("efficientnetb0_notop.layout.h5"));
    }

    @ParameterizedTest
    @ValueSource(ints = {224, 72})
    void foldedEqualsUnfoldedAndKerasReference(int size) throws IOException {
        float[] unfolded;
        float[] folded;
        long[] shape;
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            EfficientNetGraph net = EfficientNetGraph.create(tf, Backbone.B0, size, 7);
            Placeholder<TFloat32> images = TensorSupport.images(tf, 1, size);
            Tower tower = net.tower(images, TowerMode.INFERENCE);
            TensorFlowServing serving = TensorFlowServing.build(tf,
                    EfficientNetFolding.backbone(Backbone.B0, size, weights), images);
            s.initialize();
            net.assignWeights(s, weights);
            serving.assign(s);
            try (TFloat32 x = TensorSupport.tensor(TensorSupport.referenceImage(size), 1, size, size, 3);
                    Result r = s.runner().feed(images, x).fetch(tower.output()).fetch(serving.output()).run()) {
                unfolded = TensorSupport.floats(r.get(0));
                folded = TensorSupport.floats(r.get(1));
                shape = r.get(1).shape().asArray();
                assertThat(shape).containsExactly(r.get(0).shape().asArray());
            }
        }
        double absMax = 0;
        double maxDiff = 0;
        for (int i = 0; i < unfolded.length; i++) {
            absMax = Math.max(absMax, Math.abs(unfolded[i]));
            maxDiff = Math.max(maxDiff, Math.abs(unfolded[i] - folded[i]));
        }
        System.err.printf("folded vs unfolded at %d px: %.3g of the largest feature%n", size, maxDiff / absMax);
        assertThat(absMax).as("the reference image gives a non-trivial feature map").isGreaterThan(0.1);
        assertThat(maxDiff / absMax).as(size + " px: largest difference relative to the largest feature")
                .isLessThanOrEqualTo(FOLDED_TOLERANCE);
        JsonObject reference = referenceCase(size).getAsJsonObject("checkpoints").getAsJsonObject("top_activation");
        EfficientNetReferenceOutputsTest.compare(size + " px folded top_activation", reference, shape, folded);
    }

    @Test
    void foldedGraphHasNoBatchNormAndFusablePatterns() {
        ServingNetwork net = EfficientNetFolding.backbone(Backbone.B0, 224, weights);
        List<String> types = new ArrayList<>();
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            TensorFlowServing.build(tf, net, TensorSupport.images(tf, -1, 224));
            Iterator<GraphOperation> ops = g.operations();
            ops.forEachRemaining(op -> types.add(op.type()));
        }
        assertThat(types).noneMatch(t -> t.contains("BatchNorm"));
        long convs = net.layers().stream().filter(l -> l instanceof ServingLayer.Conv).count();
        // 1 stem + 16 depthwise + 15 expansions + 16 projections + 2 x 16 squeeze-excitation + top
        assertThat(convs).isEqualTo(81);
        assertThat(types.stream().filter("BiasAdd"::equals).count()).isEqualTo(convs);
        assertThat(types.stream().filter(t -> t.startsWith("Pad")).count()).isEqualTo(5);
        // B0 at 224 px: 0.39 G multiply-accumulates (Keras' 0.39 GFLOPs counts MACs), 0.77 G floating-point ops
        assertThat(net.multiplyAccumulates()).isBetween(380_000_000L, 400_000_000L);
    }

    @Test
    void missingWeightIsNamed() {
        KerasWeights partial = new KerasWeights();
        weights.asMap().forEach((layer, arrays) -> {
            if (!layer.equals("block3a_bn")) {
                partial.put(layer, arrays);
            }
        });
        assertThatThrownBy(() -> EfficientNetFolding.backbone(Backbone.B0, 224, partial))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block3a_bn");
    }

    private static JsonObject referenceCase(int size) throws IOException {
        String json = Files.readString(KerasReferenceData.file("b0_reference_outputs.json"));
        for (var e : JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("cases")) {
            if (e.getAsJsonObject().get("input_size").getAsInt() == size) {
                return e.getAsJsonObject();
            }
        }
        throw new IllegalStateException("no reference case for " + size + " px");
    }
}
