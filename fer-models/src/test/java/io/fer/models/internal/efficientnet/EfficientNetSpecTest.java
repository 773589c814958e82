package io.fer.models.efficientnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.models.efficientnet.KerasReferenceData.ExpectedLayer;
import io.fer.models.efficientnet.KerasReferenceData.Summary;
import io.fer.models.keras.LayerSpec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

class EfficientNetSpecTest {
    private static final Pattern STRIDES = Pattern.compile("strides=(\\d) padding=(\\w+)");
    private static final Pattern RATE = Pattern.compile("rate=([0-9.]+)");

    private static Map<EfficientNetVariant, List<ExpectedLayer>> expected;
    private static Map<EfficientNetVariant, Summary> summary;

    @BeforeAll
    static void readReference() {
        expected = KerasReferenceData.layers();
        summary = KerasReferenceData.summary();
    }

    @ParameterizedTest
    @EnumSource(EfficientNetVariant.class)
    void layersEqualKerasLayerByLayer(EfficientNetVariant v) {
        List<LayerSpec> layers = EfficientNetSpec.layers(v);
        List<ExpectedLayer> keras = expected.get(v);
        assertThat(layers).hasSameSizeAs(keras);
        for (int i = 0; i < keras.size(); i++) {
            ExpectedLayer k = keras.get(i);
            LayerSpec l = layers.get(i);
            String where = v + " layer " + i + " " + k.name();
            assertThat(l.index()).as(where).isEqualTo(k.index()).isEqualTo(i);
            assertThat(l.name()).as(where).isEqualTo(k.name());
            assertThat(l.kerasClass()).as(where).isEqualTo(k.kerasClass());
            assertThat(l.weights()).as(where).containsExactlyElementsOf(k.weights());
        }
    }

    @ParameterizedTest
    @EnumSource(EfficientNetVariant.class)
    void totalsEqualKerasSummary(EfficientNetVariant v) {
        Summary s = summary.get(v);
        List<LayerSpec> layers = EfficientNetSpec.layers(v);
        long total = layers.stream().mapToLong(LayerSpec::parameterCount).sum();
        long nonTrainable = layers.stream().flatMap(l -> l.weights().stream()
                .filter(w -> !EfficientNetSpec.isTrainable(l, w))).mapToLong(w -> w.size()).sum();
        assertThat(layers).hasSize(s.layers());
        assertThat(total).isEqualTo(s.totalParams());
        assertThat(nonTrainable).isEqualTo(s.nonTrainableParams());
        assertThat(layers.subList(layers.size() - 6, layers.size())).extracting(LayerSpec::name)
                .containsExactlyElementsOf(s.last6Layers());
        assertThat(v.defaultResolution()).isEqualTo(s.resolution());
        assertThat(v.dropoutRate()).isEqualTo(s.topDropout());
    }

    @Test
    void pinnedTotalsOfSmallestAndLargest() {
        List<LayerSpec> b0 = EfficientNetSpec.layers(EfficientNetVariant.B0);
        List<LayerSpec> b7 = EfficientNetSpec.layers(EfficientNetVariant.B7);
        assertThat(b0).hasSize(238);
        assertThat(b0.stream().mapToLong(LayerSpec::parameterCount).sum()).isEqualTo(4_049_571L);
        assertThat(b7).hasSize(814);
        assertThat(b7.stream().mapToLong(LayerSpec::parameterCount).sum()).isEqualTo(64_097_687L);
    }

    /** Strides, padding and stochastic-depth rates are not in LayerSpec; the blocks must match layers.tsv's notes. */
    @ParameterizedTest
    @EnumSource(EfficientNetVariant.class)
    void blockStridesAndDropRatesEqualKerasNotes(EfficientNetVariant v) {
        Map<String, MbConvBlock> blocks = new HashMap<>();
        EfficientNetSpec.blocks(v).forEach(b -> blocks.put(b.name(), b));
        int dropLayers = 0;
        for (ExpectedLayer k : expected.get(v)) {
            MbConvBlock b = k.name().startsWith("block") ? blocks.get(k.name().substring(0, k.name().indexOf('_')))
                    : null;
            if (k.kerasClass().equals("DepthwiseConv2D")) {
                Matcher m = STRIDES.matcher(k.note());
                assertThat(m.find()).as(k.note()).isTrue();
                assertThat(b.strides()).as(k.name()).isEqualTo(Integer.parseInt(m.group(1)));
                assertThat(m.group(2)).as(k.name()).isEqualTo(b.strides() == 2 ? "valid" : "same");
            } else if (k.kerasClass().equals("Dropout")) {
                Matcher m = RATE.matcher(k.note());
                assertThat(m.find()).as(k.note()).isTrue();
                assertThat(String.format(Locale.ROOT, "%.6f", b.dropRate())).as(k.name()).isEqualTo(m.group(1));
                dropLayers++;
            }
        }
        assertThat(blocks.values().stream().filter(MbConvBlock::hasDropout)).hasSize(dropLayers);
    }

    @Test
    void roundFiltersFollowsKeras() {
        // B4: 32 * 1.4 = 44.8 -> 48; B2: 16 * 1.1 = 17.6 -> 16 (within 10%); B3: 40 * 1.2 = 48
        assertThat(EfficientNetSpec.roundFilters(32, EfficientNetVariant.B4)).isEqualTo(48);
        assertThat(EfficientNetSpec.roundFilters(16, EfficientNetVariant.B2)).isEqualTo(16);
        assertThat(EfficientNetSpec.roundFilters(1280, EfficientNetVariant.B7)).isEqualTo(2560);
        assertThat(EfficientNetSpec.roundRepeats(2, EfficientNetVariant.B1)).isEqualTo(3);
        assertThat(EfficientNetSpec.roundRepeats(4, EfficientNetVariant.B7)).isEqualTo(13);
    }

    @Test
    void parsesVariantNames() {
        assertThat(EfficientNetVariant.parse("b0")).isEqualTo(EfficientNetVariant.B0);
        assertThat(EfficientNetVariant.parse(" B7 ")).isEqualTo(EfficientNetVariant.B7);
        assertThatThrownBy(() -> EfficientNetVariant.parse("b8")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'b8'").hasMessageContaining("B0, B1");
        assertThatThrownBy(() -> EfficientNetVariant.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
