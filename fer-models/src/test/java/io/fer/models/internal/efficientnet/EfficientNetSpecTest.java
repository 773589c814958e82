package io.fer.models.internal.efficientnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.models.Backbone;
import io.fer.models.internal.efficientnet.KerasReferenceData.ExpectedLayer;
import io.fer.models.internal.efficientnet.KerasReferenceData.Summary;
import io.fer.models.internal.keras.LayerSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EfficientNetSpecTest {
    private static final Pattern STRIDES = Pattern.compile("strides=(\\d) padding=(\\w+)");
    private static final Pattern RATE = Pattern.compile("rate=([0-9.]+)");

    private static Map<Backbone, List<ExpectedLayer>> expected;
    private static Map<Backbone, Summary> summary;

    @BeforeAll
    static void readReference() {
        expected = KerasReferenceData.layers();
        summary = KerasReferenceData.summary();
    }

    @ParameterizedTest
    @EnumSource(value = Backbone.class, names = "CNN", mode = EnumSource.Mode.EXCLUDE)
    void layersEqualKerasLayerByLayer(Backbone v) {
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
    @EnumSource(value = Backbone.class, names = "CNN", mode = EnumSource.Mode.EXCLUDE)
    void totalsEqualKerasSummary(Backbone v) {
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
        assertThat(v.defaultInputSize()).isEqualTo(s.resolution());
        assertThat(v.dropoutRate()).isEqualTo(s.topDropout());
    }

    @Test
    void pinnedTotalsOfSmallestAndLargest() {
        List<LayerSpec> b0 = EfficientNetSpec.layers(Backbone.B0);
        List<LayerSpec> b7 = EfficientNetSpec.layers(Backbone.B7);
        assertThat(b0).hasSize(238);
        assertThat(b0.stream().mapToLong(LayerSpec::parameterCount).sum()).isEqualTo(4_049_571L);
        assertThat(b7).hasSize(814);
        assertThat(b7.stream().mapToLong(LayerSpec::parameterCount).sum()).isEqualTo(64_097_687L);
    }

    /** Strides, padding and stochastic-depth rates are not in LayerSpec; the blocks must match layers.tsv's notes. */
    @ParameterizedTest
    @EnumSource(value = Backbone.class, names = "CNN", mode = EnumSource.Mode.EXCLUDE)
    void blockStridesAndDropRatesEqualKerasNotes(Backbone v) {
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
        assertThat(EfficientNetSpec.roundFilters(32, Backbone.B4)).isEqualTo(48);
        assertThat(EfficientNetSpec.roundFilters(16, Backbone.B2)).isEqualTo(16);
        assertThat(EfficientNetSpec.roundFilters(1280, Backbone.B7)).isEqualTo(2560);
        assertThat(EfficientNetSpec.roundRepeats(2, Backbone.B1)).isEqualTo(3);
        assertThat(EfficientNetSpec.roundRepeats(4, Backbone.B7)).isEqualTo(13);
    }

    @Test
    void parsesVariantNames() {
        assertThat(Backbone.parse("b0")).isEqualTo(Backbone.B0);
        assertThat(Backbone.parse(" B7 ")).isEqualTo(Backbone.B7);
        assertThatThrownBy(() -> Backbone.parse("b8")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'b8'").hasMessageContaining("B0, B1");
        assertThatThrownBy(() -> Backbone.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
