package io.fer.models.internal.efficientnet;

import io.fer.models.internal.keras.KerasWeights;
import io.fer.models.internal.keras.KerasWeightsFile;
import io.fer.models.internal.keras.WeightArray;
import io.fer.models.internal.serving.Activation;
import io.fer.models.internal.serving.ServingLayer;
import io.fer.models.internal.serving.ServingNetwork;
import java.util.List;

/** The folding target of {@link EfficientNetArchitecture}, behind {@link EfficientNetFolding}. */
final class FoldingEmitter implements EfficientNetEmitter<Integer> {
    private static final double BN_EPSILON = 1e-3;
    private static final double NORMALIZATION_EPSILON = 1e-7;

    private final ServingNetwork.Builder net;
    private final KerasWeights weights;
    private final String backbone;

    FoldingEmitter(ServingNetwork.Builder net, KerasWeights weights, String backbone) {
        this.net = net;
        this.weights = weights;
        this.backbone = backbone;
    }

    @Override
    public Integer inputScaling(Integer images) {
        return net.add(scaleShift(images));
    }

    @Override
    public Integer pad(String name, Integer x, int[] padding) {
        return net.add(new ServingLayer.Pad(name, x, padding[0], padding[1]));
    }

    /** The convolution (plain or depthwise) with its batch norm folded in and its swish attached. */
    @Override
    public Integer convBn(Integer x, ConvBn unit) {
        WeightArray kernel = array(unit.convName(), unit.depthwise() ? "depthwise_kernel" : "kernel");
        String bnLayer = unit.bnName();
        float[] gamma = array(bnLayer, "gamma").floats();
        float[] beta = array(bnLayer, "beta").floats();
        float[] mean = array(bnLayer, "moving_mean").floats();
        float[] variance = array(bnLayer, "moving_variance").floats();
        long[] shape = kernel.shape();
        int channels = (int) (unit.depthwise() ? shape[2] : shape[3]);
        if (gamma.length != channels) {
            throw new IllegalArgumentException(bnLayer + " of " + backbone + " has " + gamma.length
                    + " channels, " + unit.convName() + " gives " + channels);
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
        Activation activation = unit.activationName() == null ? Activation.NONE : Activation.SWISH;
        return net.add(new ServingLayer.Conv(unit.convName(), x, folded, shape.clone(), bias, unit.stride(),
                unit.same(), unit.depthwise(), activation));
    }

    /** The mean kept as [n, 1, 1, c]: Keras' reshape is part of the pooling here. */
    @Override
    public Integer squeeze(String squeezeName, String reshapeName, Integer x, int channels) {
        return net.add(new ServingLayer.GlobalAveragePool(squeezeName, x, true));
    }

    @Override
    public Integer biasConv(String name, Integer x, int filtersIn, int filtersOut, Activation activation) {
        WeightArray kernel = array(name, "kernel");
        return net.add(new ServingLayer.Conv(name, x, kernel.floats().clone(), kernel.shape().clone(),
                array(name, "bias").floats().clone(), 1, true, false, activation));
    }

    @Override
    public Integer multiply(String name, Integer x, Integer scale) {
        return net.add(new ServingLayer.Multiply(name, x, scale));
    }

    /** Stochastic depth is the identity in inference: only the Add remains. */
    @Override
    public Integer residual(String dropName, String addName, Integer x, Integer shortcut, double rate) {
        return net.add(new ServingLayer.Add(addName, x, shortcut));
    }

    /** rescaling (1/255), normalization ((x - mean) / max(sqrt(var), 1e-7)) and rescaling_1 as one x * a + b. */
    private ServingLayer scaleShift(int input) {
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

    private WeightArray array(String layer, String weight) {
        List<WeightArray> arrays = weights.layer(layer).orElseThrow(() -> new IllegalArgumentException(
                "Weights for " + backbone + " lack layer '" + layer + "'"));
        return arrays.stream().filter(a -> KerasWeightsFile.shortName(a.name()).equals(weight)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Weight " + layer + "/" + weight + " of " + backbone
                        + " is missing from the given weights"));
    }
}
