package io.fer.models.internal.efficientnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fer.models.Backbone;
import io.fer.models.internal.keras.LayerSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one layer description: its recorded wiring against Keras' rules, and its padding arithmetic. */
class EfficientNetArchitectureTest {
    @ParameterizedTest
    @EnumSource(value = Backbone.class, names = "CNN", mode = EnumSource.Mode.EXCLUDE)
    void recordedWiringIsKerasChainWithExciteAndResidualBranches(Backbone v) {
        LayerRecorder recorded = LayerRecorder.record(v);
        List<LayerSpec> layers = recorded.layers();
        assertThat(recorded.inbound()).hasSameSizeAs(layers);
        assertThat(recorded.inbound().get(0)).isEmpty();
        for (int i = 1; i < layers.size(); i++) {
            assertThat(recorded.inbound().get(i)).as(v + " " + layers.get(i).name())
                    .containsExactlyElementsOf(kerasInbound(layers, i));
        }
    }

    @Test
    void b0Block2bReadsItsActivationExciteAndBlockInput() {
        LayerRecorder recorded = LayerRecorder.record(Backbone.B0);
        List<String> names = recorded.layers().stream().map(LayerSpec::name).toList();
        assertThat(recorded.inbound().get(names.indexOf("block2b_se_excite")))
                .containsExactly("block2b_activation", "block2b_se_expand");
        assertThat(recorded.inbound().get(names.indexOf("block2b_add")))
                .containsExactly("block2b_drop", "block2a_project_bn");
        assertThat(recorded.inbound().get(names.indexOf("block1a_dwconv"))).containsExactly("stem_activation");
    }

    @Test
    void sizeTrackingPadsLikeKerasAtEachStride() {
        // 224 px: the stem pads 224 (even) by (0, 1); block2a then sees 112 and pads (0, 1); block3a (5x5) sees 56
        List<int[]> pads = new ArrayList<>();
        EfficientNetArchitecture.emit(Backbone.B0, 224, new LayerRecorder() {
            @Override
            public String pad(String name, String x, int[] padding) {
                pads.add(padding);
                return super.pad(name, x, padding);
            }
        }, "images");
        assertThat(pads).hasSize(5);
        assertThat(pads.get(0)).containsExactly(0, 1);
        assertThat(pads.get(1)).containsExactly(0, 1);
        assertThat(pads.get(2)).containsExactly(1, 2);
        assertThat(EfficientNetArchitecture.correctPad(33, 3)).containsExactly(1, 1);
    }

    /** Keras' wiring by layer name: a chain, except that se_excite and add read a second, earlier layer. */
    private static List<String> kerasInbound(List<LayerSpec> layers, int i) {
        String name = layers.get(i).name();
        String previous = layers.get(i - 1).name();
        if (name.endsWith("_se_excite")) {
            String block = name.substring(0, name.length() - "_se_excite".length());
            return List.of(block + "_activation", block + "_se_expand");
        }
        if (name.endsWith("_add")) {
            String block = name.substring(0, name.length() - "_add".length());
            int first = i;
            while (layers.get(first - 1).name().startsWith(block + "_")) {
                first--;
            }
            return List.of(previous, layers.get(first - 1).name());
        }
        return List.of(previous);
    }
}
