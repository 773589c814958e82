package io.fer.models.internal.efficientnet;

import io.fer.models.Backbone;
import io.fer.models.internal.serving.Activation;

/**
 * EfficientNet's forward pass, written once, as Keras' {@code EfficientNet(...)} and {@code block(...)} write it:
 * every target (layer list, training tower, folded serving network) receives it through an
 * {@link EfficientNetEmitter}. It also tracks the spatial size, because Keras' {@code correct_pad} paddings depend
 * on the size known when the model is built.
 */
final class EfficientNetArchitecture {
    private final Backbone variant;
    private int size;

    private EfficientNetArchitecture(Backbone variant, int inputSize) {
        this.variant = variant;
        this.size = inputSize;
    }

    /**
     * Emits the backbone ({@code include_top=False}) on {@code images} of {@code inputSize} pixels and returns the
     * handle of its last layer, {@code top_activation}.
     */
    static <X> X emit(Backbone variant, int inputSize, EfficientNetEmitter<X> out, X images) {
        return new EfficientNetArchitecture(variant, inputSize).backbone(out, images);
    }

    /**
     * Keras' {@code correct_pad} on a known spatial size: an even size pads {@code k/2 - 1} before and {@code k/2}
     * after, an odd size {@code k/2} on both sides.
     */
    static int[] correctPad(int size, int kernelSize) {
        int adjust = 1 - size % 2;
        int correct = kernelSize / 2;
        return new int[] {correct - adjust, correct};
    }

    private <X> X backbone(EfficientNetEmitter<X> out, X images) {
        int stem = EfficientNetSpec.roundFilters(EfficientNetSpec.STEM_FILTERS, variant);
        X x = out.inputScaling(images);
        x = pad(out, "stem_conv_pad", x, EfficientNetSpec.STEM_KERNEL);
        x = conv(out, x, new EfficientNetEmitter.ConvBn("stem_conv", false, EfficientNetSpec.STEM_KERNEL, 3, stem,
                2, "stem_bn", "stem_activation"));
        int channels = stem;
        for (MbConvBlock b : EfficientNetSpec.blocks(variant)) {
            x = block(out, x, b);
            channels = b.filtersOut();
        }
        int top = EfficientNetSpec.roundFilters(EfficientNetSpec.TOP_FILTERS, variant);
        return conv(out, x, new EfficientNetEmitter.ConvBn("top_conv", false, 1, channels, top, 1, "top_bn",
                "top_activation"));
    }

    /** Keras' {@code block(...)}: expansion, depthwise convolution, squeeze-excitation, projection, residual. */
    private <X> X block(EfficientNetEmitter<X> out, X inputs, MbConvBlock b) {
        int filters = b.expandedFilters();
        X x = inputs;
        if (b.hasExpansion()) {
            x = conv(out, x, new EfficientNetEmitter.ConvBn(b.layer("expand_conv"), false, 1, b.filtersIn(), filters,
                    1, b.layer("expand_bn"), b.layer("expand_activation")));
        }
        if (b.strides() == 2) {
            x = pad(out, b.layer("dwconv_pad"), x, b.kernelSize());
        }
        x = conv(out, x, new EfficientNetEmitter.ConvBn(b.layer("dwconv"), true, b.kernelSize(), filters, filters,
                b.strides(), b.layer("bn"), b.layer("activation")));
        if (b.hasSqueezeExcite()) {
            int squeezed = b.squeezeFilters();
            X se = out.squeeze(b.layer("se_squeeze"), b.layer("se_reshape"), x, filters);
            se = out.biasConv(b.layer("se_reduce"), se, filters, squeezed, Activation.SWISH);
            se = out.biasConv(b.layer("se_expand"), se, squeezed, filters, Activation.SIGMOID);
            x = out.multiply(b.layer("se_excite"), x, se);
        }
        x = conv(out, x, new EfficientNetEmitter.ConvBn(b.layer("project_conv"), false, 1, filters, b.filtersOut(),
                1, b.layer("project_bn"), null));
        if (b.hasSkip()) {
            x = out.residual(b.hasDropout() ? b.layer("drop") : null, b.layer("add"), x, inputs, b.dropRate());
        }
        return x;
    }

    private <X> X pad(EfficientNetEmitter<X> out, String name, X x, int kernelSize) {
        int[] p = correctPad(size, kernelSize);
        size += p[0] + p[1];
        return out.pad(name, x, p);
    }

    private <X> X conv(EfficientNetEmitter<X> out, X x, EfficientNetEmitter.ConvBn unit) {
        if (!unit.same()) {
            size = (size - unit.kernelSize()) / unit.stride() + 1;
        }
        return out.convBn(x, unit);
    }
}
