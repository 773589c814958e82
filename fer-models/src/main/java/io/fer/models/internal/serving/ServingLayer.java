package io.fer.models.internal.serving;

import java.util.List;

/**
 * One layer of a {@link ServingNetwork}: an inference-only operation with its (already folded) weights. Inputs are
 * indices of earlier layers; index 0 is the network's input, NHWC float images. Kernels are in TensorFlow's layout
 * (HWIO for convolutions, HWC1 for depthwise ones, [in, out] for dense layers), row-major.
 */
public sealed interface ServingLayer {
    /** A unique name, used for the engines' tensors and weights. */
    String name();

    /** Indices of the layers this one reads. */
    List<Integer> inputs();

    /** The images fed to the network, NHWC float. */
    record Input(String name) implements ServingLayer {
        @Override
        public List<Integer> inputs() {
            return List.of();
        }
    }

    /** {@code x * scale[c] + shift[c]} per channel: Keras' rescaling and normalization layers in one. */
    record ScaleShift(String name, int input, float[] scale, float[] shift) implements ServingLayer {
        @Override
        public List<Integer> inputs() {
            return List.of(input);
        }
    }

    /** Zero padding of height and width: {@code before} rows/columns at the top/left, {@code after} at the end. */
    record Pad(String name, int input, int before, int after) implements ServingLayer {
        @Override
        public List<Integer> inputs() {
            return List.of(input);
        }
    }

    /**
     * A convolution with bias and activation. {@code same} pads symmetrically by {@code (k - 1) / 2} (only stride 1
     * with odd kernels, where TensorFlow's SAME is symmetric); otherwise no padding (VALID).
     *
     * @param depthwise whether the kernel is HWC1 (one filter per channel) rather than HWIO
     */
    record Conv(String name, int input, float[] kernel, long[] kernelShape, float[] bias, int stride, boolean same,
            boolean depthwise, Activation activation) implements ServingLayer {
        public Conv {
            if (same && (stride != 1 || kernelShape[0] % 2 == 0 || kernelShape[1] % 2 == 0)) {
                throw new IllegalArgumentException(name + ": SAME padding is only supported for stride 1 and odd"
                        + " kernels, got stride " + stride + " and kernel " + kernelShape[0] + "x" + kernelShape[1]);
            }
        }

        @Override
        public List<Integer> inputs() {
            return List.of(input);
        }

        /** Output channels. */
        public int channels() {
            return bias.length;
        }
    }

    /** The mean over height and width; {@code keepDims} gives NHWC [n, 1, 1, c], otherwise [n, c]. */
    record GlobalAveragePool(String name, int input, boolean keepDims) implements ServingLayer {
        @Override
        public List<Integer> inputs() {
            return List.of(input);
        }
    }

    /** An NHWC feature map as [n, h * w * c] in NHWC order. */
    record Flatten(String name, int input) implements ServingLayer {
        @Override
        public List<Integer> inputs() {
            return List.of(input);
        }
    }

    /** Element-wise product, the second operand broadcast (squeeze-excitation's [n, 1, 1, c] scale). */
    record Multiply(String name, int left, int right) implements ServingLayer {
        @Override
        public List<Integer> inputs() {
            return List.of(left, right);
        }
    }

    /** Element-wise sum of two tensors of one shape (a residual connection). */
    record Add(String name, int left, int right) implements ServingLayer {
        @Override
        public List<Integer> inputs() {
            return List.of(left, right);
        }
    }

    /** {@code activation(x · kernel + bias)} on [n, in] vectors. */
    record Dense(String name, int input, float[] kernel, long[] kernelShape, float[] bias, Activation activation)
            implements ServingLayer {
        @Override
        public List<Integer> inputs() {
            return List.of(input);
        }
    }

    /** Softmax over the last axis. */
    record Softmax(String name, int input) implements ServingLayer {
        @Override
        public List<Integer> inputs() {
            return List.of(input);
        }
    }
}
