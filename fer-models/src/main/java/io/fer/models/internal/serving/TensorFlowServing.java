package io.fer.models.internal.serving;

import io.fer.models.internal.graph.VariableSet;
import io.fer.models.internal.graph.WeightTransfer;
import io.fer.models.internal.keras.KerasWeights;
import io.fer.models.internal.keras.LayerSpec;
import io.fer.models.internal.keras.WeightArray;
import io.fer.models.internal.keras.WeightSpec;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * A {@link ServingNetwork} built into a TensorFlow graph in the shapes TensorFlow's CPU optimizer fuses:
 * {@code Conv2D + BiasAdd + activation} (and the depthwise equivalent), constant paddings, one {@code Mul + Add} for
 * the input scaling. Kernels and biases are variables (so that a SavedModel stores them in its variables files, not
 * in the graph) that {@link #assign} fills from the description.
 */
public final class TensorFlowServing {
    private static final List<Long> STRIDE_1 = List.of(1L, 1L, 1L, 1L);
    private static final List<Long> STRIDE_2 = List.of(1L, 2L, 2L, 1L);

    private final ServingNetwork network;
    private final Operand<TFloat32> output;
    private final WeightTransfer transfer;
    private final KerasWeights values;

    private TensorFlowServing(ServingNetwork network, Operand<TFloat32> output, WeightTransfer transfer,
            KerasWeights values) {
        this.network = network;
        this.output = output;
        this.transfer = transfer;
        this.values = values;
    }

    /**
     * Builds {@code network} on {@code images} (NHWC float of the network's input size) under {@code tf}'s scope.
     * Run {@link #assign} once the session's variables are initialized.
     */
    public static TensorFlowServing build(Ops tf, ServingNetwork network, Operand<TFloat32> images) {
        Ops scope = tf.withSubScope("serving");
        Ops init = scope.withInitScope();
        VariableSet variables = new VariableSet(scope);
        List<LayerSpec> specs = new ArrayList<>();
        KerasWeights values = new KerasWeights();
        List<Operand<TFloat32>> out = new ArrayList<>();
        out.add(images);
        for (int i = 1; i < network.layers().size(); i++) {
            ServingLayer layer = network.layers().get(i);
            Operand<TFloat32> x = out.get(layer.inputs().get(0));
            Operand<TFloat32> y;
            if (layer instanceof ServingLayer.ScaleShift s) {
                y = scope.math.add(scope.math.mul(x, scope.constant(s.scale())), scope.constant(s.shift()));
            } else if (layer instanceof ServingLayer.Pad p) {
                int[] hw = {p.before(), p.after()};
                y = scope.pad(x, scope.constant(new int[][] {{0, 0}, hw, hw, {0, 0}}), scope.constant(0f));
            } else if (layer instanceof ServingLayer.Conv c) {
                Variable<TFloat32> kernel = weight(scope, init, variables, specs, values, c.name(), "kernel",
                        c.kernelShape(), c.kernel());
                Variable<TFloat32> bias = weight(scope, init, variables, specs, values, c.name(), "bias",
                        new long[] {c.bias().length}, c.bias());
                List<Long> strides = c.stride() == 1 ? STRIDE_1 : STRIDE_2;
                if (c.stride() > 2) {
                    throw new IllegalArgumentException(c.name() + ": stride " + c.stride() + " is not supported");
                }
                String padding = c.same() ? "SAME" : "VALID";
                Operand<TFloat32> conv = c.depthwise()
                        ? scope.nn.depthwiseConv2dNative(x, kernel, strides, padding)
                        : scope.nn.conv2d(x, kernel, strides, padding);
                y = activation(scope, scope.nn.biasAdd(conv, bias), c.activation());
            } else if (layer instanceof ServingLayer.GlobalAveragePool g) {
                y = scope.math.mean(x, scope.constant(new int[] {1, 2}), Mean.keepDims(g.keepDims()));
            } else if (layer instanceof ServingLayer.Flatten) {
                long[] s = x.shape().asArray();
                y = scope.reshape(x, scope.constant(new long[] {-1, s[1] * s[2] * s[3]}));
            } else if (layer instanceof ServingLayer.Multiply m) {
                y = scope.math.mul(x, out.get(m.right()));
            } else if (layer instanceof ServingLayer.Add a) {
                y = scope.math.add(x, out.get(a.right()));
            } else if (layer instanceof ServingLayer.Dense d) {
                Variable<TFloat32> kernel = weight(scope, init, variables, specs, values, d.name(), "kernel",
                        d.kernelShape(), d.kernel());
                Variable<TFloat32> bias = weight(scope, init, variables, specs, values, d.name(), "bias",
                        new long[] {d.bias().length}, d.bias());
                y = activation(scope, scope.nn.biasAdd(scope.linalg.matMul(x, kernel), bias), d.activation());
            } else if (layer instanceof ServingLayer.Softmax) {
                y = scope.nn.softmax(x);
            } else {
                throw new IllegalArgumentException("Unsupported serving layer " + layer.name());
            }
            out.add(y);
        }
        return new TensorFlowServing(network, out.get(out.size() - 1), variables.transfer("serving network", specs),
                values);
    }

    /** The network's output. */
    public Operand<TFloat32> output() {
        return output;
    }

    /** The description this graph was built from. */
    public ServingNetwork network() {
        return network;
    }

    /** Writes the description's weights into the graph's variables (after {@code session.initialize()}). */
    public void assign(Session session) {
        transfer.assign(session, values);
    }

    private static Operand<TFloat32> activation(Ops tf, Operand<TFloat32> x, Activation activation) {
        return switch (activation) {
            case NONE -> x;
            // x * sigmoid(x): the pattern TensorFlow's remapper fuses into the convolution (_MklSwish)
            case SWISH -> tf.math.mul(x, tf.math.sigmoid(x));
            case SIGMOID -> tf.math.sigmoid(x);
            case RELU -> tf.nn.relu(x);
        };
    }

    private static Variable<TFloat32> weight(Ops tf, Ops init, VariableSet variables, List<LayerSpec> specs,
            KerasWeights values, String layer, String name, long[] shape, float[] data) {
        Variable<TFloat32> v = variables.put(layer, name, tf.withSubScope(layer).withName(name)
                .variable(init.zeros(init.constant(shape), TFloat32.class)));
        List<WeightArray> arrays = new ArrayList<>(values.layer(layer).orElse(List.of()));
        arrays.add(WeightArray.ofFloats(name, shape, data));
        values.put(layer, arrays);
        List<WeightSpec> weightSpecs = new ArrayList<>();
        arrays.forEach(a -> weightSpecs.add(WeightSpec.of(a.name(), a.shape())));
        specs.removeIf(s -> s.name().equals(layer));
        specs.add(new LayerSpec(specs.size(), layer, "Serving", weightSpecs));
        return v;
    }
}
