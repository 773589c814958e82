package io.fer.models.internal.efficientnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fer.core.runtime.TensorFlowRuntime;
import io.fer.models.Backbone;
import io.fer.models.internal.graph.Tower;
import io.fer.models.internal.graph.TowerMode;
import io.fer.models.internal.keras.KerasWeights;
import io.fer.models.internal.keras.KerasWeightsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * B0 with the weights of {@code efficientnetb0_notop.layout.h5} against Keras' float64 outputs in
 * {@code b0_reference_outputs.json}, at 224 px and at 72 px (where odd intermediate sizes change the padding).
 * Tolerances as the file defines them: 1e-4 of abs_max per element, 1e-4 of abs_sum for sums.
 */
@Tag("slow")
class EfficientNetReferenceOutputsTest {
    private static final double RELATIVE_TOLERANCE = 1e-4;

    private static KerasWeights weights;
    private static JsonArray cases;

    @BeforeAll
    static void readReference() throws IOException {
        TensorFlowRuntime.ensureLoaded();
        weights = KerasWeightsFile.read(KerasReferenceData.file("efficientnetb0_notop.layout.h5"));
        String json = Files.readString(KerasReferenceData.file("b0_reference_outputs.json"));
        cases = JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("cases");
    }

    @ParameterizedTest
    @ValueSource(ints = {224, 72})
    void everyCheckpointMatchesKeras(int size) {
        JsonObject checkpoints = referenceCase(size).getAsJsonObject("checkpoints");
        assertThat(checkpoints.keySet()).contains("rescaling_1", "block1a_out", "top_activation");
        List<String> names = new ArrayList<>(checkpoints.keySet());
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            EfficientNetGraph net = EfficientNetGraph.create(tf, Backbone.B0, size, 7);
            Placeholder<TFloat32> images = TensorSupport.images(tf, 1, size);
            Tower tower = net.tower(images, TowerMode.INFERENCE);
            s.initialize();
            net.assignWeights(s, weights);
            Session.Runner runner = s.runner();
            names.forEach(n -> runner.fetch(tower.layerOutput(n)));
            try (TFloat32 x = TensorSupport.tensor(TensorSupport.referenceImage(size), 1, size, size, 3);
                    Result r = runner.feed(images, x).run()) {
                for (int i = 0; i < names.size(); i++) {
                    long[] shape = r.get(i).shape().asArray();
                    compare(size + " px " + names.get(i), checkpoints.getAsJsonObject(names.get(i)), shape,
                            TensorSupport.floats(r.get(i)));
                }
            }
        }
    }

    static void compare(String where, JsonObject expected, long[] shape, float[] values) {
        JsonArray hwc = expected.getAsJsonArray("shape");
        assertThat(shape).as(where + " shape").containsExactly(1, hwc.get(0).getAsLong(), hwc.get(1).getAsLong(),
                hwc.get(2).getAsLong());
        int channels = (int) shape[3];
        double sum = 0;
        double absSum = 0;
        double absMax = 0;
        double[] channelSum = new double[channels];
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            absSum += Math.abs(values[i]);
            absMax = Math.max(absMax, Math.abs(values[i]));
            channelSum[i % channels] += values[i];
        }
        double refAbsSum = expected.get("abs_sum").getAsDouble();
        double refAbsMax = expected.get("abs_max").getAsDouble();
        double sumTolerance = RELATIVE_TOLERANCE * refAbsSum;
        double elementTolerance = RELATIVE_TOLERANCE * refAbsMax;
        assertThat(sum).as(where + " sum").isCloseTo(expected.get("sum").getAsDouble(), within(sumTolerance));
        assertThat(absSum).as(where + " abs_sum").isCloseTo(refAbsSum, within(sumTolerance));
        assertThat(absMax).as(where + " abs_max").isCloseTo(refAbsMax, within(elementTolerance));
        JsonArray pixel = expected.getAsJsonArray("pixel_00");
        assertThat(pixel.size()).isEqualTo(Math.min(8, channels));
        for (int c = 0; c < pixel.size(); c++) {
            assertThat((double) values[c]).as(where + " pixel_00[" + c + "]")
                    .isCloseTo(pixel.get(c).getAsDouble(), within(elementTolerance));
        }
        JsonElement channelMean = expected.get("channel_mean");
        if (channelMean != null && !channelMean.isJsonNull()) {
            JsonArray means = channelMean.getAsJsonArray();
            assertThat(means.size()).isEqualTo(channels);
            double pixels = values.length / (double) channels;
            for (int c = 0; c < channels; c++) {
                assertThat(channelSum[c] / pixels).as(where + " channel_mean[" + c + "]")
                        .isCloseTo(means.get(c).getAsDouble(), within(elementTolerance));
            }
        }
    }

    private static JsonObject referenceCase(int size) {
        for (JsonElement e : cases) {
            if (e.getAsJsonObject().get("input_size").getAsInt() == size) {
                return e.getAsJsonObject();
            }
        }
        throw new IllegalStateException("b0_reference_outputs.json has no case for " + size + " px");
    }
}
