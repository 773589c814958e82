package io.fer.models.internal.efficientnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fer.core.runtime.TensorFlowRuntime;
import io.fer.models.Backbone;
import io.fer.models.internal.graph.Tower;
import io.fer.models.internal.graph.TowerMode;
import io.fer.models.internal.keras.KerasWeights;
import io.fer.models.internal.keras.WeightArray;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Padding, normalization, BatchNormalization and swish pinned against hand-computed values on B0. */
@Tag("slow")
class EfficientNetLayerArithmeticTest {
    @BeforeAll
    static void load() {
        TensorFlowRuntime.ensureLoaded();
    }

    @Test
    void correctPadFollowsKeras() {
        assertThat(EfficientNetArchitecture.correctPad(32, 3)).containsExactly(0, 1);
        assertThat(EfficientNetArchitecture.correctPad(33, 3)).containsExactly(1, 1);
        assertThat(EfficientNetArchitecture.correctPad(8, 5)).containsExactly(1, 2);
        assertThat(EfficientNetArchitecture.correctPad(9, 5)).containsExactly(2, 2);
    }

    /**
     * 32 px: stem pads (0, 1) to 33 and gives 16; block2a pads 16 to 17 and gives 8; block3a (5x5) pads (1, 2).
     * 33 px: stem pads (1, 1) to 35 and gives 17; block2a pads 17 to 19 and gives 9; block3a pads (2, 2).
     */
    @ParameterizedTest
    @CsvSource({"32, 0, 1, 8, 1, 2", "33, 1, 1, 9, 2, 2"})
    void zeroPaddingDependsOnTheBuildSize(int size, int stemBefore, int stemAfter, int block3aSize,
            int block3aBefore, int block3aAfter) {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            EfficientNetGraph net = EfficientNetGraph.create(tf, Backbone.B0, size, 5);
            Placeholder<TFloat32> images = TensorSupport.images(tf, 1, size);
            Tower t = net.tower(images, TowerMode.INFERENCE);
            s.initialize();
            List<String> names = List.of("rescaling_1", "stem_conv_pad", "block3a_expand_activation",
                    "block3a_dwconv_pad");
            Session.Runner runner = s.runner();
            names.forEach(n -> runner.fetch(t.layerOutput(n)));
            try (TFloat32 x = TensorSupport.tensor(TensorSupport.referenceImage(size), 1, size, size, 3);
                    Result r = runner.feed(images, x).run()) {
                assertPadded(r, 0, 1, size, stemBefore, stemAfter, 3);
                assertPadded(r, 2, 3, block3aSize, block3aBefore, block3aAfter, 144);
            }
        }
    }

    /** {@code padded} holds {@code input} at offset {@code before} and zeros in the border rows and columns. */
    private static void assertPadded(Result r, int inputIndex, int paddedIndex, int size, int before, int after,
            int channels) {
        assertThat(r.get(inputIndex).shape().asArray()).containsExactly(1, size, size, channels);
        int padded = size + before + after;
        assertThat(r.get(paddedIndex).shape().asArray()).containsExactly(1, padded, padded, channels);
        float[] in = TensorSupport.floats(r.get(inputIndex));
        float[] out = TensorSupport.floats(r.get(paddedIndex));
        int nonZeroInside = 0;
        for (int h = 0; h < padded; h++) {
            for (int w = 0; w < padded; w++) {
                boolean inside = h >= before && h < before + size && w >= before && w < before + size;
                for (int c = 0; c < channels; c++) {
                    float v = out[(h * padded + w) * channels + c];
                    if (inside) {
                        assertThat(v).isEqualTo(in[((h - before) * size + (w - before)) * channels + c]);
                        nonZeroInside += v != 0 ? 1 : 0;
                    } else {
                        assertThat(v).as("border at %d,%d", h, w).isZero();
                    }
                }
            }
        }
        // the input is not zero where the border is: the zeros above come from padding
        assertThat(nonZeroInside).isGreaterThan(in.length * 9 / 10);
    }

    /**
     * rescaling multiplies by 1/255; normalization subtracts the ImageNet mean and divides by sqrt(stored variance),
     * which holds the standard deviation; rescaling_1 divides by sqrt(stddev) again.
     */
    @Test
    void rescalingAndNormalizationMatchHandComputedValues() {
        int size = 32;
        float[] pixels = new float[size * size * 3];
        pixels[0] = 0;
        pixels[1] = 128;
        pixels[2] = 255;
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            EfficientNetGraph net = EfficientNetGraph.create(tf, Backbone.B0, size, 5);
            Placeholder<TFloat32> images = TensorSupport.images(tf, 1, size);
            Tower t = net.tower(images, TowerMode.INFERENCE);
            s.initialize();
            try (TFloat32 x = TensorSupport.tensor(pixels, 1, size, size, 3);
                    Result r = s.runner().feed(images, x).fetch(t.layerOutput("rescaling"))
                            .fetch(t.layerOutput("normalization")).fetch(t.layerOutput("rescaling_1")).run()) {
                float[] rescaled = TensorSupport.floats(r.get(0));
                float[] normalized = TensorSupport.floats(r.get(1));
                float[] rescaled1 = TensorSupport.floats(r.get(2));
                assertThat(rescaled[0]).isZero();
                assertThat(rescaled[1]).isCloseTo(0.5019608f, within(1e-6f));
                assertThat(rescaled[2]).isCloseTo(1f, within(1e-6f));
                // (0 - 0.485) / sqrt(0.229), (128/255 - 0.456) / sqrt(0.224), (1 - 0.406) / sqrt(0.225)
                assertThat(normalized[0]).isCloseTo(-1.0135006f, within(1e-5f));
                assertThat(normalized[1]).isCloseTo(0.0971099f, within(1e-5f));
                assertThat(normalized[2]).isCloseTo(1.2522620f, within(1e-5f));
                // (0 - 0.485) / 0.229, (128/255 - 0.456) / 0.224, (1 - 0.406) / 0.225
                assertThat(rescaled1[0]).isCloseTo(-2.1179039f, within(1e-5f));
                assertThat(rescaled1[1]).isCloseTo(0.2051821f, within(1e-5f));
                assertThat(rescaled1[2]).isCloseTo(2.64f, within(1e-5f));
            }
        }
    }

    /**
     * stem_bn in inference: {@code (x - mean) / sqrt(var + 1e-3) * gamma + beta}. Channel 0 gets gamma 2, beta 0.5,
     * mean 0.25, variance 0.999, i.e. {@code y = 2x}; channel 1 gamma 1, beta -1, mean 0, variance 3.999, i.e.
     * {@code y = x/2 - 1}. stem_activation is {@code y * sigmoid(y)}.
     */
    @Test
    void batchNormInferenceAndSwishMatchHandComputedValues() {
        int size = 32;
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            EfficientNetGraph net = EfficientNetGraph.create(tf, Backbone.B0, size, 5);
            Placeholder<TFloat32> images = TensorSupport.images(tf, 1, size);
            Tower t = net.tower(images, TowerMode.INFERENCE);
            s.initialize();
            KerasWeights w = net.readWeights(s);
            float[] gamma = filled(32, 1f);
            float[] beta = filled(32, 0f);
            float[] mean = filled(32, 0f);
            float[] variance = filled(32, 1f);
            gamma[0] = 2f;
            beta[0] = 0.5f;
            mean[0] = 0.25f;
            variance[0] = 0.999f;
            beta[1] = -1f;
            variance[1] = 3.999f;
            long[] shape = {32};
            w.put("stem_bn", List.of(WeightArray.ofFloats("gamma", shape, gamma),
                    WeightArray.ofFloats("beta", shape, beta), WeightArray.ofFloats("moving_mean", shape, mean),
                    WeightArray.ofFloats("moving_variance", shape, variance)));
            net.assignWeights(s, w);
            try (TFloat32 x = TensorSupport.tensor(TensorSupport.referenceImage(size), 1, size, size, 3);
                    Result r = s.runner().feed(images, x).fetch(t.layerOutput("stem_conv"))
                            .fetch(t.layerOutput("stem_bn")).fetch(t.layerOutput("stem_activation")).run()) {
                float[] conv = TensorSupport.floats(r.get(0));
                float[] bn = TensorSupport.floats(r.get(1));
                float[] act = TensorSupport.floats(r.get(2));
                for (int i = 0; i < conv.length; i += 32) {
                    assertThat(bn[i]).isCloseTo(2 * conv[i], within(1e-5f * Math.max(1, Math.abs(conv[i]))));
                    assertThat(bn[i + 1]).isCloseTo(conv[i + 1] / 2 - 1,
                            within(1e-5f * Math.max(1, Math.abs(conv[i + 1]))));
                    double y = bn[i];
                    assertThat((double) act[i]).isCloseTo(y / (1 + Math.exp(-y)),
                            within(1e-5 * Math.max(1, Math.abs(y))));
                }
                // a non-trivial input: the hand-computed rules were checked on varied values
                assertThat(conv[0]).isNotEqualTo(conv[32 * 37]);
            }
        }
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        Arrays.fill(a, value);
        return a;
    }
}
