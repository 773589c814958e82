package io.fer.models.efficientnet;

import io.fer.models.keras.KerasWeights;
import io.fer.models.keras.KerasWeightsFile;
import io.fer.models.keras.WeightArray;
import io.fer.models.serving.Activation;
import io.fer.models.serving.ServingLayer;
import io.fer.models.serving.ServingNetwork;
import java.util.List;

/**
 * EfficientNet's inference-mode forward pass as a {@link ServingNetwork}, with frozen statistics folded in: every
 * BatchNormalization becomes the kernel scale and bias of the convolution before it
 * ({@code s = gamma / sqrt(var + eps)}, {@code k' = k * s}, {@code b' = beta - mean * s}, in double precision), the
 * rescaling and normalization layers one per-channel scale and shift, swish and sigmoid attributes of the layer
 * they follow, and the {@code correct_pad} paddings constants fixed by the input size, as Keras fixes them. The
 * network is Keras' layer for layer otherwise, so its output equals the unfolded tower's up to rounding.
 */
public final class EfficientNetFolding {
    private static final double BN_EPSILON = 1e-3;
    private static final double NORMALIZATION_EPSILON = 1e-7;

    private final ServingNetwork.Builder net;
    private final KerasWeights weights;
    private final String backbone;
    private int size;

    private EfficientNetFolding(ServingNetwork.Builder net, KerasWeights weights, String backbone, int size) {
        this.net = net;
        this.weights = weights;
        this.backbone = backbone;
        this.size = size;
    }

    /**
     * Appends the backbone ({@code include_top=False}) to {@code net}, reading {@code net}'s input, and returns the
     * index of its last layer ({@code top_activation}, NHWC).
     *
     * @param weights every weight of the backbone in Keras' layout (e.g. {@code EfficientNetGraph.readWeights})
     * @throws IllegalArgumentException naming the layer and weight if one is missing or mis-shaped
     */
    public static int appendBackbone(ServingNetwork.Builder net, EfficientNetVariant variant, int inputSize,
            KerasWeights weights) {
        if (inputSize < EfficientNetGraph.MIN_INPUT_SIZE) {
            throw new IllegalArgumentException("Input size " + inputSize + " px is too small for EfficientNet "
                    + variant + ": Keras requires at least " + EfficientNetGraph.MIN_INPUT_SIZE);
        }
        String name = "EfficientNet " + variant + " (" + inputSize + " px)";
        return new EfficientNetFolding(net, weights, name, inputSize).build(net.input(), variant);
    }

    /** Convenience: the backbone alone, its output the feature map. */
    public static ServingNetwork backbone(EfficientNetVariant variant, int inputSize, KerasWeights weights) {
        ServingNetwork.Builder net = ServingNetwork.builder(inputSize);
        appendBackbone(net, variant, inputSize, weights);
        return net.build();
    }

    private int build(int input, EfficientNetVariant variant) {
        int x = net.add(inputScaling(input));
        x = pad(x, "stem_conv_pad", EfficientNetSpec.STEM_KERNEL);
        x = conv(x, "stem_conv", "stem_bn", 2, false, Activation.SWISH);
        for (MbConvBlock b : EfficientNetSpec.blocks(variant)) {
            x = block(x, b);
        }
        return conv(x, "top_conv", "top_bn", 1, true, Activation.SWISH);
    }

    private int block(int inputs, MbConvBlock b) {
        int x = inputs;
        if (b.hasExpansion()) {
            x = conv(x, b.layer("expand_conv"), b.layer("expand_bn"), 1, true, Activation.SWISH);
        }
        if (b.strides() == 2) {
            x = pad(x, b.layer("dwconv_pad"), b.kernelSize());
            x = conv(x, b.layer("dwconv"), b.layer("bn"), 2, false, Activation.SWISH);
        } else {
            x = conv(x, b.layer("dwconv"), b.layer("bn"), 1, true, Activation.SWISH);
        }
        if (b.hasSqueezeExcite()) {
            int se = net.add(new ServingLayer.GlobalAveragePool(b.layer("se_squeeze"), x, true));
            se = biasConv(se, b.layer("se_reduce"), Activation.SWISH);
            se = biasConv(se, b.layer("se_expand"), Activation.SIGMOID);
            x = net.add(new ServingLayer.Multiply(b.layer("se_excite"), x, se));
        }
        x = conv(x, b.layer("project_conv"), b.layer("project_bn"), 1, true, Activation.NONE);
        if (b.hasSkip()) {
            // stochastic depth is the identity in inference
            x = net.add(new ServingLayer.Add(b.layer("add"), x, inputs));
        }
        return x;
    }

    /** rescaling (1/255), normalization ((x - mean) / max(sqrt(var), 1e-7)) and rescaling_1 as one x * a + b. */
    private ServingLayer inputScaling(int input) {
        float[] mean = array("normalization", "mean").floats();
        float[] variance = array("normalization", "variance").floats();
        float[] scale = new float[3];
        float[] shift = new float[3];
        for (int c = 0; c < 3; c++) {
            // rescaling_1 multiplies by the float32 constant TowerBuilder uses, as Keras' graph does
            double rescale = (float) (1.0 / Math.sqrt(KerasInitializers.IMAGENET_STDDEV_RGB[c]));
            double stddev = Math.max(Math.sqrt(variance[c]), NORMALIZATION_EPSILON);
            scale[c] = (float) (rescale / (255.0 * stddev));
            shift[c] = (float) (-mean[c] * rescale / stddev);
        }
        return new ServingLayer.ScaleShift("input_scaling", input, scale, shift);
    }

    private int pad(int x, String name, int kernelSize) {
        int[] p = TowerBuilder.correctPad(size, kernelSize);
        size += p[0] + p[1];
        return net.add(new ServingLayer.Pad(name, x, p[0], p[1]));
    }

    /** A convolution (plain or depthwise, by its weight's name) with the batch norm {@code bnLayer} folded in. */
    private int conv(int x, String layer, String bnLayer, int stride, boolean same, Activation activation) {
        boolean depthwise = layer.endsWith("_dwconv");
        WeightArray kernel = array(layer, depthwise ? "depthwise_kernel" : "kernel");
        float[] gamma = array(bnLayer, "gamma").floats();
        float[] beta = array(bnLayer, "beta").floats();
        float[] mean = array(bnLayer, "moving_mean").floats();
        float[] variance = array(bnLayer, "moving_variance").floats();
        long[] shape = kernel.shape();
        int channels = (int) (depthwise ? shape[2] : shape[3]);
        if (gamma.length != channels) {
            throw new IllegalArgumentException(bnLayer + " of " + backbone + " has " + gamma.length
                    + " channels, " + layer + " gives " + channels);
        }
        double[] factor = new double[channels];
        float[] bias = new float[channels];
        for (int c = 0; c < channels; c++) {
            factor[c] = gamma[c] / Math.sqrt((double) variance[c] + BN_EPSILON);
            bias[c] = (float) (beta[c] - mean[c] * factor[c]);
        }
        float[] k = kernel.floats();
        float[] folded = new float[k.length];
        // HWIO and HWC1 both have the output channel (times multiplier 1) as the fastest-varying index
        for (int i = 0; i < k.length; i++) {
            folded[i] = (float) (k[i] * factor[i % channels]);
        }
        if (!same) {
            size = (size - (int) shape[0]) / stride + 1;
        }
        return net.add(new ServingLayer.Conv(layer, x, folded, shape.clone(), bias, stride, same, depthwise,
                activation));
    }

    private int biasConv(int x, String layer, Activation activation) {
        WeightArray kernel = array(layer, "kernel");
        return net.add(new ServingLayer.Conv(layer, x, kernel.floats().clone(), kernel.shape().clone(),
                array(layer, "bias").floats().clone(), 1, true, false, activation));
    }

    private WeightArray array(String layer, String weight) {
        List<WeightArray> arrays = weights.layer(layer).orElseThrow(() -> new IllegalArgumentException(
                "Weights for " + backbone + " lack layer '" + layer + "'"));
        return arrays.stream().filter(a -> KerasWeightsFile.shortName(a.name()).equals(weight)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Weight " + layer + "/" + weight + " of " + backbone
                        + " is missing from the given weights"));
    }
}
