package io.fer.models.internal.efficientnet;

import io.fer.models.Backbone;
import io.fer.models.internal.keras.LayerSpec;
import io.fer.models.internal.keras.WeightSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The Keras layer list of {@code EfficientNetB0..B7(include_top=False, weights="imagenet")}, derived in pure Java
 * from Keras' base block table and the variant's scaling coefficients: every layer's index, name, class and
 * weights (names and shapes), in {@code model.layers} order, i.e. the order of a Keras weights file. The layer
 * sequence itself is {@link EfficientNetArchitecture}'s, recorded by {@link LayerRecorder}.
 */
public final class EfficientNetSpec {
    /** Stochastic-depth rate of the last block; block {@code b} of {@code n} gets {@code 0.2 * b / n}. */
    static final double DROP_CONNECT_RATE = 0.2;
    static final int DEPTH_DIVISOR = 8;
    static final int STEM_FILTERS = 32;
    static final int TOP_FILTERS = 1280;
    static final int STEM_KERNEL = 3;

    /** One stage of Keras' {@code DEFAULT_BLOCKS_ARGS} (id_skip is always true there). */
    private record Stage(int kernelSize, int repeats, int filtersIn, int filtersOut, int expandRatio, int strides,
            double seRatio) {}

    /** Keras' {@code DEFAULT_BLOCKS_ARGS}, the B0 baseline that every variant scales. */
    private static final List<Stage> STAGES = List.of(
            new Stage(3, 1, 32, 16, 1, 1, 0.25),
            new Stage(3, 2, 16, 24, 6, 2, 0.25),
            new Stage(5, 2, 24, 40, 6, 2, 0.25),
            new Stage(3, 3, 40, 80, 6, 2, 0.25),
            new Stage(5, 3, 80, 112, 6, 1, 0.25),
            new Stage(5, 4, 112, 192, 6, 2, 0.25),
            new Stage(3, 1, 192, 320, 6, 1, 0.25));

    private EfficientNetSpec() {}

    /** Every Keras layer of the backbone, in Keras' order (index 0 is {@code input_layer}). */
    public static List<LayerSpec> layers(Backbone v) {
        return LayerRecorder.record(v).layers();
    }

    /** The MBConv blocks of the backbone after width and depth scaling, with their stochastic-depth rates. */
    static List<MbConvBlock> blocks(Backbone v) {
        int total = STAGES.stream().mapToInt(s -> roundRepeats(s.repeats(), v)).sum();
        List<MbConvBlock> blocks = new ArrayList<>(total);
        for (int i = 0; i < STAGES.size(); i++) {
            Stage s = STAGES.get(i);
            int filtersOut = roundFilters(s.filtersOut(), v);
            int repeats = roundRepeats(s.repeats(), v);
            for (int j = 0; j < repeats; j++) {
                // only the first block of a stage changes stride and width
                int filtersIn = j == 0 ? roundFilters(s.filtersIn(), v) : filtersOut;
                int strides = j == 0 ? s.strides() : 1;
                String name = "block" + (i + 1) + (char) ('a' + j);
                double dropRate = DROP_CONNECT_RATE * blocks.size() / total;
                blocks.add(new MbConvBlock(name, s.kernelSize(), strides, filtersIn, filtersOut, s.expandRatio(),
                        s.seRatio(), dropRate));
            }
        }
        return List.copyOf(blocks);
    }

    /** Keras' {@code round_filters}: scale by the width coefficient, round to a multiple of 8, never below 90%. */
    static int roundFilters(int filters, Backbone v) {
        double scaled = filters * v.widthCoefficient();
        int rounded = Math.max(DEPTH_DIVISOR, (int) (scaled + DEPTH_DIVISOR / 2.0) / DEPTH_DIVISOR * DEPTH_DIVISOR);
        if (rounded < 0.9 * scaled) {
            rounded += DEPTH_DIVISOR;
        }
        return rounded;
    }

    /** Keras' {@code round_repeats}: {@code ceil(depth_coefficient * repeats)}. */
    static int roundRepeats(int repeats, Backbone v) {
        return (int) Math.ceil(v.depthCoefficient() * repeats);
    }

    /** Whether Keras trains this weight: BatchNormalization moving statistics and Normalization's state are not. */
    static boolean isTrainable(LayerSpec layer, WeightSpec weight) {
        return !layer.kerasClass().equals("Normalization")
                && !weight.name().equals("moving_mean") && !weight.name().equals("moving_variance");
    }
}
