package io.fer.models.internal.serving;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An inference-only description of a network, independent of any engine: the layers a serving graph runs, with
 * batch normalization already folded into the convolutions before it, paddings as constants and activations attached
 * to the layer they follow (what engines fuse). {@link TensorFlowServing} builds it into a TensorFlow graph; the same
 * description is what an ONNX form would be written from.
 *
 * @param inputSize height and width of the square NHWC RGB input
 * @param layers every layer, the input first; the last one is the output
 */
public record ServingNetwork(int inputSize, List<ServingLayer> layers) {
    public ServingNetwork {
        layers = List.copyOf(layers);
        if (layers.isEmpty() || !(layers.get(0) instanceof ServingLayer.Input)) {
            throw new IllegalArgumentException("A serving network starts with its input layer");
        }
    }

    /** The last layer, whose output is the network's. */
    public ServingLayer output() {
        return layers.get(layers.size() - 1);
    }

    /** Multiply-accumulate operations per image of the convolutions and dense layers (what FLOP counts halve). */
    public long multiplyAccumulates() {
        long[] size = new long[layers.size()];
        size[0] = inputSize;
        long macs = 0;
        for (int i = 1; i < layers.size(); i++) {
            ServingLayer l = layers.get(i);
            long in = size[l.inputs().get(0)];
            if (l instanceof ServingLayer.Pad p) {
                size[i] = in + p.before() + p.after();
            } else if (l instanceof ServingLayer.Conv c) {
                size[i] = c.same() ? in : (in - c.kernelShape()[0]) / c.stride() + 1;
                macs += size[i] * size[i] * c.kernel().length;   // HWIO or HWC1: one MAC per weight and pixel
            } else if (l instanceof ServingLayer.GlobalAveragePool || l instanceof ServingLayer.Flatten) {
                size[i] = 1;
            } else if (l instanceof ServingLayer.Dense d) {
                size[i] = 1;
                macs += d.kernel().length;
            } else {
                size[i] = in;
            }
        }
        return macs;
    }

    /** Starts a network on {@code inputSize} x {@code inputSize} images; the input is layer 0. */
    public static Builder builder(int inputSize) {
        return new Builder(inputSize);
    }

    /** Appends layers and returns their index, the handle later layers take as input. */
    public static final class Builder {
        private final int inputSize;
        private final List<ServingLayer> layers = new ArrayList<>();
        private final Set<String> names = new HashSet<>();

        private Builder(int inputSize) {
            if (inputSize < 1) {
                throw new IllegalArgumentException("Input size must be positive, got " + inputSize);
            }
            this.inputSize = inputSize;
            add(new ServingLayer.Input("images"));
        }

        /** Index of the network's input. */
        public int input() {
            return 0;
        }

        /** Appends a layer whose inputs are earlier layers; returns its index. */
        public int add(ServingLayer layer) {
            for (int in : layer.inputs()) {
                if (in < 0 || in >= layers.size()) {
                    throw new IllegalArgumentException(layer.name() + " reads layer " + in + ", which does not exist"
                            + " yet (" + layers.size() + " layers)");
                }
            }
            if (!names.add(layer.name())) {
                throw new IllegalArgumentException("Two serving layers are named " + layer.name());
            }
            layers.add(layer);
            return layers.size() - 1;
        }

        /** The network built so far, whose output is the last layer added. */
        public ServingNetwork build() {
            return new ServingNetwork(inputSize, layers);
        }
    }
}
