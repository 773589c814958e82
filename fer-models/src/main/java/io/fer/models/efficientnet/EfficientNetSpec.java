package io.fer.models.efficientnet;

import io.fer.models.keras.LayerSpec;
import io.fer.models.keras.WeightSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The Keras layer list of {@code EfficientNetB0..B7(include_top=False, weights="imagenet")}, derived in pure Java
 * from Keras' base block table and the variant's scaling coefficients: every layer's index, name, class and
 * weights (names and shapes), in {@code model.layers} order, i.e. the order of a Keras weights file.
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
    public static List<LayerSpec> layers(EfficientNetVariant v) {
        LayerListBuilder out = new LayerListBuilder();
        int stem = roundFilters(STEM_FILTERS, v);
        out.add("input_layer", "InputLayer");
        out.add("rescaling", "Rescaling");
        out.add("normalization", "Normalization", WeightSpec.of("mean", 3), WeightSpec.of("variance", 3),
                new WeightSpec("count", new long[0], true));
        out.add("rescaling_1", "Rescaling");
        out.add("stem_conv_pad", "ZeroPadding2D");
        out.add("stem_conv", "Conv2D", kernel(STEM_KERNEL, 3, stem));
        out.batchNorm("stem_bn", stem);
        out.add("stem_activation", "Activation");
        int channels = stem;
        for (MbConvBlock b : blocks(v)) {
            addBlock(out, b);
            channels = b.filtersOut();
        }
        int top = roundFilters(TOP_FILTERS, v);
        out.add("top_conv", "Conv2D", kernel(1, channels, top));
        out.batchNorm("top_bn", top);
        out.add("top_activation", "Activation");
        return out.layers();
    }

    /** The MBConv blocks of the backbone after width and depth scaling, with their stochastic-depth rates. */
    static List<MbConvBlock> blocks(EfficientNetVariant v) {
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
    static int roundFilters(int filters, EfficientNetVariant v) {
        double scaled = filters * v.widthCoefficient();
        int rounded = Math.max(DEPTH_DIVISOR, (int) (scaled + DEPTH_DIVISOR / 2.0) / DEPTH_DIVISOR * DEPTH_DIVISOR);
        if (rounded < 0.9 * scaled) {
            rounded += DEPTH_DIVISOR;
        }
        return rounded;
    }

    /** Keras' {@code round_repeats}: {@code ceil(depth_coefficient * repeats)}. */
    static int roundRepeats(int repeats, EfficientNetVariant v) {
        return (int) Math.ceil(v.depthCoefficient() * repeats);
    }

    /** Whether Keras trains this weight: BatchNormalization moving statistics and Normalization's state are not. */
    static boolean isTrainable(LayerSpec layer, WeightSpec weight) {
        return !layer.kerasClass().equals("Normalization")
                && !weight.name().equals("moving_mean") && !weight.name().equals("moving_variance");
    }

    private static void addBlock(LayerListBuilder out, MbConvBlock b) {
        int filters = b.expandedFilters();
        if (b.hasExpansion()) {
            out.add(b.layer("expand_conv"), "Conv2D", kernel(1, b.filtersIn(), filters));
            out.batchNorm(b.layer("expand_bn"), filters);
            out.add(b.layer("expand_activation"), "Activation");
        }
        if (b.strides() == 2) {
            out.add(b.layer("dwconv_pad"), "ZeroPadding2D");
        }
        out.add(b.layer("dwconv"), "DepthwiseConv2D",
                WeightSpec.of("depthwise_kernel", b.kernelSize(), b.kernelSize(), filters, 1));
        out.batchNorm(b.layer("bn"), filters);
        out.add(b.layer("activation"), "Activation");
        if (b.hasSqueezeExcite()) {
            int squeezed = b.squeezeFilters();
            out.add(b.layer("se_squeeze"), "GlobalAveragePooling2D");
            out.add(b.layer("se_reshape"), "Reshape");
            out.add(b.layer("se_reduce"), "Conv2D", kernel(1, filters, squeezed), WeightSpec.of("bias", squeezed));
            out.add(b.layer("se_expand"), "Conv2D", kernel(1, squeezed, filters), WeightSpec.of("bias", filters));
            out.add(b.layer("se_excite"), "Multiply");
        }
        out.add(b.layer("project_conv"), "Conv2D", kernel(1, filters, b.filtersOut()));
        out.batchNorm(b.layer("project_bn"), b.filtersOut());
        if (b.hasSkip()) {
            if (b.hasDropout()) {
                out.add(b.layer("drop"), "Dropout");
            }
            out.add(b.layer("add"), "Add");
        }
    }

    private static WeightSpec kernel(int size, int in, int out) {
        return WeightSpec.of("kernel", size, size, in, out);
    }

    /** Appends layers with consecutive indices. */
    private static final class LayerListBuilder {
        private final List<LayerSpec> layers = new ArrayList<>();

        void add(String name, String kerasClass, WeightSpec... weights) {
            layers.add(new LayerSpec(layers.size(), name, kerasClass, List.of(weights)));
        }

        void batchNorm(String name, int channels) {
            add(name, "BatchNormalization", WeightSpec.of("gamma", channels), WeightSpec.of("beta", channels),
                    WeightSpec.of("moving_mean", channels), WeightSpec.of("moving_variance", channels));
        }

        List<LayerSpec> layers() {
            return List.copyOf(layers);
        }
    }
}
