package io.fer.models.internal.efficientnet;

import io.fer.models.Backbone;
import io.fer.models.internal.keras.LayerSpec;
import io.fer.models.internal.keras.WeightSpec;
import io.fer.models.internal.serving.Activation;
import java.util.ArrayList;
import java.util.List;

/**
 * The pure-Java target of {@link EfficientNetArchitecture}: Keras' layer list (index, name, class, weights) and,
 * for each layer, the layers it reads. Handles are layer names.
 */
class LayerRecorder implements EfficientNetEmitter<String> {
    private final List<LayerSpec> layers = new ArrayList<>();
    private final List<List<String>> inbound = new ArrayList<>();

    /** Records the layers of {@code variant}; the spatial size only sets paddings, which carry no weights. */
    static LayerRecorder record(Backbone variant) {
        LayerRecorder recorder = new LayerRecorder();
        String images = recorder.add("input_layer", "InputLayer", List.of());
        EfficientNetArchitecture.emit(variant, variant.defaultInputSize(), recorder, images);
        return recorder;
    }

    /** Every layer in Keras' order. */
    List<LayerSpec> layers() {
        return List.copyOf(layers);
    }

    /** The names of the layers whose outputs each layer consumes, by layer index (none for the input). */
    List<List<String>> inbound() {
        return List.copyOf(inbound);
    }

    @Override
    public String inputScaling(String images) {
        String x = add("rescaling", "Rescaling", List.of(images));
        x = add("normalization", "Normalization", List.of(x), WeightSpec.of("mean", 3), WeightSpec.of("variance", 3),
                new WeightSpec("count", new long[0], true));
        return add("rescaling_1", "Rescaling", List.of(x));
    }

    @Override
    public String pad(String name, String x, int[] padding) {
        return add(name, "ZeroPadding2D", List.of(x));
    }

    @Override
    public String convBn(String x, ConvBn unit) {
        String conv = unit.depthwise()
                ? add(unit.convName(), "DepthwiseConv2D", List.of(x), WeightSpec.of("depthwise_kernel",
                        unit.kernelSize(), unit.kernelSize(), unit.filtersOut(), 1))
                : add(unit.convName(), "Conv2D", List.of(x),
                        kernel(unit.kernelSize(), unit.filtersIn(), unit.filtersOut()));
        int c = unit.filtersOut();
        String bn = add(unit.bnName(), "BatchNormalization", List.of(conv), WeightSpec.of("gamma", c),
                WeightSpec.of("beta", c), WeightSpec.of("moving_mean", c), WeightSpec.of("moving_variance", c));
        return unit.activationName() == null ? bn : add(unit.activationName(), "Activation", List.of(bn));
    }

    @Override
    public String squeeze(String squeezeName, String reshapeName, String x, int channels) {
        return add(reshapeName, "Reshape", List.of(add(squeezeName, "GlobalAveragePooling2D", List.of(x))));
    }

    @Override
    public String biasConv(String name, String x, int filtersIn, int filtersOut, Activation activation) {
        return add(name, "Conv2D", List.of(x), kernel(1, filtersIn, filtersOut), WeightSpec.of("bias", filtersOut));
    }

    @Override
    public String multiply(String name, String x, String scale) {
        return add(name, "Multiply", List.of(x, scale));
    }

    @Override
    public String residual(String dropName, String addName, String x, String shortcut, double rate) {
        String branch = dropName == null ? x : add(dropName, "Dropout", List.of(x));
        return add(addName, "Add", List.of(branch, shortcut));
    }

    private String add(String name, String kerasClass, List<String> inputs, WeightSpec... weights) {
        layers.add(new LayerSpec(layers.size(), name, kerasClass, List.of(weights)));
        inbound.add(List.copyOf(inputs));
        return name;
    }

    private static WeightSpec kernel(int size, int in, int out) {
        return WeightSpec.of("kernel", size, size, in, out);
    }
}
