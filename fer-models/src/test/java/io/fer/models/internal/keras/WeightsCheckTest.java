package io.fer.models.internal.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.models.WeightFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WeightsCheckTest {
    private static final Path FILE = Path.of("/somewhere/efficientnetb0_notop.h5");
    private static KerasWeights fixture;
    private static List<LayerSpec> b0;

    @BeforeAll
    static void load() {
        fixture = KerasWeightsFile.read(KerasReference.b0Fixture());
        b0 = KerasReference.layers("B0");
    }

    @Test
    void theB0FileFitsB0() {
        assertThat(WeightsCheck.problems(fixture, b0)).isEmpty();
        assertThatCode(() -> WeightsCheck.requireFits(FILE, fixture, b0)).doesNotThrowAnyException();
    }

    @Test
    void reportsEveryProblemAtOnce() {
        KerasWeights changed = new KerasWeights();
        for (Map.Entry<String, List<WeightArray>> layer : fixture.asMap().entrySet()) {
            String name = layer.getKey();
            List<WeightArray> weights = new ArrayList<>(layer.getValue());
            switch (name) {
                case "block1a_dwconv", "rescaling" -> {
                    continue; // a missing layer with weights, and a missing one without
                }
                case "stem_conv" -> weights.set(0, WeightArray.ofFloats("kernel", new long[] {3, 3, 3, 16},
                        new float[3 * 3 * 3 * 16]));
                case "stem_bn" -> weights.add(WeightArray.ofFloats("extra", new long[] {32}, new float[32]));
                case "top_bn" -> weights.removeIf(w -> w.name().equals("moving_variance"));
                case "normalization" -> weights.set(2, WeightArray.ofFloats("count", new long[0], new float[] {1}));
                default -> { }
            }
            changed.put(name, weights);
        }
        changed.put("surprise", List.of(WeightArray.ofFloats("kernel", new long[] {1, 1, 4, 4}, new float[16])));
        changed.put("harmless_activation", List.of());

        List<String> problems = WeightsCheck.problems(changed, b0);
        assertThat(problems).containsExactly(
                "layer 'normalization' weight 'count' is float32 in the file, the network expects int64",
                "layer 'stem_conv' weight 'kernel' has shape 3x3x3x16 in the file, the network expects 3x3x3x32",
                "layer 'stem_bn' has unexpected weight 'extra' (32 float32)",
                "missing layer 'block1a_dwconv' (depthwise_kernel 3x3x32x1)",
                "layer 'top_bn' weight 'moving_variance' is missing (expected 1280 float32)",
                "unexpected layer 'surprise' with weights (kernel 1x1x4x4)");
        assertThatThrownBy(() -> WeightsCheck.requireFits(FILE, changed, b0))
                .isInstanceOf(WeightFileException.class)
                .hasMessageStartingWith(FILE + ": does not fit the network (6 problems):\n  - ")
                .hasMessageContainingAll(problems.toArray(String[]::new))
                .hasMessageNotContaining("harmless_activation")
                .hasMessageNotContaining("rescaling");
    }

    @Test
    void reportsValuesThatDoNotFillTheirShape() {
        KerasWeights one = new KerasWeights().put("stem_conv",
                List.of(WeightArray.ofFloats("kernel", new long[] {3, 3, 3, 32}, new float[10])));
        List<LayerSpec> network = List.of(new LayerSpec(0, "stem_conv", "Conv2D", List.of(WeightSpec.of("kernel", 3, 3, 3, 32))));
        assertThat(WeightsCheck.problems(one, network))
                .containsExactly("layer 'stem_conv' weight 'kernel' holds 10 values, its shape 3x3x3x32 needs 864");
    }

    @Test
    void reportsAWeightHeldTwice() {
        WeightArray bias = WeightArray.ofFloats("bias", new long[] {2}, new float[2]);
        KerasWeights twice = new KerasWeights().put("dense", List.of(bias, bias));
        List<LayerSpec> network = List.of(new LayerSpec(0, "dense", "Dense", List.of(WeightSpec.of("bias", 2))));
        assertThat(WeightsCheck.problems(twice, network)).containsExactly("layer 'dense' holds weight 'bias' twice");
    }
}
