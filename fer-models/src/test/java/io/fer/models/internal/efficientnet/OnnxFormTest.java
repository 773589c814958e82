package io.fer.models.internal.efficientnet;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fer.core.runtime.TensorFlowRuntime;
import io.fer.models.Backbone;
import io.fer.models.internal.graph.Tower;
import io.fer.models.internal.graph.TowerMode;
import io.fer.models.internal.keras.KerasWeights;
import io.fer.models.internal.keras.KerasWeightsFile;
import io.fer.models.internal.serving.OnnxExport;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** The ONNX form of the folded backbone, run by ONNX Runtime, against TensorFlow's unfolded tower and Keras. */
class OnnxFormTest {
    private static KerasWeights weights;

    @BeforeAll
    static void readWeights() {
        TensorFlowRuntime.ensureLoaded();
        weights = KerasWeightsFile.read(KerasReferenceData.file("efficientnetb0_notop.layout.h5"));
    }

    @ParameterizedTest
    @ValueSource(ints = {224, 72})
    void onnxRuntimeGivesTensorFlowsFeatures(int size) throws OrtException, IOException {
        float[] image = TensorSupport.referenceImage(size);
        float[] tf;
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops ops = Ops.create(g);
            EfficientNetGraph net = EfficientNetGraph.create(ops, Backbone.B0, size, 7);
            Placeholder<TFloat32> images = TensorSupport.images(ops, 1, size);
            Tower tower = net.tower(images, TowerMode.INFERENCE);
            s.initialize();
            net.assignWeights(s, weights);
            try (TFloat32 x = TensorSupport.tensor(image, 1, size, size, 3);
                    Result r = s.runner().feed(images, x).fetch(tower.output()).run()) {
                tf = TensorSupport.floats(r.get(0));
            }
        }
        byte[] onnx = OnnxExport.toBytes(EfficientNetFolding.backbone(Backbone.B0, size, weights),
                "images", "features");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] ort;
        long[] shape;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(2);
            try (OrtSession session = env.createSession(onnx, options);
                    OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(image), new long[] {1, size, size, 3});
                    OrtSession.Result r = session.run(Map.of("images", x))) {
                OnnxTensor out = (OnnxTensor) r.get(0);
                shape = out.getInfo().getShape();
                FloatBuffer b = out.getFloatBuffer();
                ort = new float[b.remaining()];
                b.get(ort);
            }
        }
        assertThat(ort).hasSameSizeAs(tf);
        double absMax = 0;
        double maxDiff = 0;
        for (int i = 0; i < tf.length; i++) {
            absMax = Math.max(absMax, Math.abs(tf[i]));
            maxDiff = Math.max(maxDiff, Math.abs(tf[i] - ort[i]));
        }
        System.err.printf("ONNX Runtime (folded) vs TensorFlow (unfolded) at %d px: %.3g of the largest feature%n",
                size, maxDiff / absMax);
        assertThat(maxDiff / absMax).isLessThanOrEqualTo(1e-5);
        String json = Files.readString(KerasReferenceData.file("b0_reference_outputs.json"));
        for (var e : JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            if (c.get("input_size").getAsInt() == size) {
                EfficientNetReferenceOutputsTest.compare(size + " px ONNX top_activation",
                        c.getAsJsonObject("checkpoints").getAsJsonObject("top_activation"), shape, ort);
            }
        }
    }
}
