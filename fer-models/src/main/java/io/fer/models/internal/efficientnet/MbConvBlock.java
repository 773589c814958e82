package io.fer.models.internal.efficientnet;

/**
 * One inverted-residual (MBConv) block of a concrete backbone, after width and depth scaling: Keras'
 * {@code block(...)} arguments.
 *
 * @param name Keras' prefix without the underscore, e.g. {@code block2a}
 * @param kernelSize depthwise kernel size
 * @param strides depthwise stride (1 or 2)
 * @param filtersIn channels entering the block
 * @param filtersOut channels leaving the block
 * @param expandRatio channel expansion of the first 1x1 convolution (1 means no expansion layers)
 * @param seRatio squeeze-excitation ratio, relative to {@code filtersIn}
 * @param dropRate stochastic-depth rate of the residual branch
 */
record MbConvBlock(String name, int kernelSize, int strides, int filtersIn, int filtersOut, int expandRatio,
        double seRatio, double dropRate) {

    /** Channels of the depthwise convolution. */
    int expandedFilters() {
        return filtersIn * expandRatio;
    }

    boolean hasExpansion() {
        return expandRatio != 1;
    }

    boolean hasSqueezeExcite() {
        return seRatio > 0 && seRatio <= 1;
    }

    /** Channels of the squeeze-excitation bottleneck: {@code max(1, int(filters_in * se_ratio))}. */
    int squeezeFilters() {
        return Math.max(1, (int) (filtersIn * seRatio));
    }

    /** Keras adds the residual only when the block keeps stride and width ({@code id_skip} is always true). */
    boolean hasSkip() {
        return strides == 1 && filtersIn == filtersOut;
    }

    /** Keras inserts {@code blockNx_drop} only on a residual branch with a positive rate. */
    boolean hasDropout() {
        return hasSkip() && dropRate > 0;
    }

    /** Name of a layer of this block, e.g. {@code block2a_dwconv}. */
    String layer(String suffix) {
        return name + "_" + suffix;
    }
}
