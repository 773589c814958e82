package io.fer.models.internal.efficientnet;

import io.fer.models.internal.serving.Activation;

/**
 * Receives EfficientNet's layers in the order {@link EfficientNetArchitecture} describes them, once, for every
 * target: the pure-Java layer list ({@link LayerRecorder}), the TensorFlow training/inference tower
 * ({@link TowerBuilder}) and the folded serving network ({@link FoldingEmitter}). Each call stands for one or
 * a few consecutive Keras layers whose names it is given; a target emits them one by one or merges them (folding).
 *
 * @param <X> a target's handle of a layer output (a layer name, a TensorFlow operand, a serving layer index)
 */
interface EfficientNetEmitter<X> {
    /**
     * Keras' {@code input_layer}, {@code rescaling} (1/255), {@code normalization} (ImageNet mean and variance) and
     * {@code rescaling_1} (1/sqrt of the ImageNet variance).
     */
    X inputScaling(X images);

    /** {@code ZeroPadding2D}: {@code padding[0]} rows/columns before, {@code padding[1]} after. */
    X pad(String name, X x, int[] padding);

    /** A convolution without bias, its BatchNormalization and, where {@code unit} names one, its swish. */
    X convBn(X x, ConvBn unit);

    /** {@code GlobalAveragePooling2D} then {@code Reshape} to {@code [n, 1, 1, channels]}. */
    X squeeze(String squeezeName, String reshapeName, X x, int channels);

    /** A 1x1 {@code Conv2D} with bias and activation (squeeze-excitation's reduce and expand). */
    X biasConv(String name, X x, int filtersIn, int filtersOut, Activation activation);

    /** {@code Multiply}: {@code x} times the broadcast {@code scale}. */
    X multiply(String name, X x, X scale);

    /**
     * The residual connection: {@code Dropout(rate, noise_shape=(None, 1, 1, 1))} named {@code dropName} (null where
     * Keras has none) on {@code x}, then {@code Add} with {@code shortcut}.
     */
    X residual(String dropName, String addName, X x, X shortcut, double rate);

    /**
     * One convolution + BatchNormalization (+ swish) unit.
     *
     * @param convName the convolution's Keras name
     * @param depthwise {@code DepthwiseConv2D} (weight {@code depthwise_kernel}) rather than {@code Conv2D}
     * @param kernelSize square kernel size
     * @param filtersIn channels in
     * @param filtersOut channels out (equal to {@code filtersIn} for a depthwise convolution)
     * @param stride 1 (SAME padding) or 2 (VALID, after an explicit {@link #pad})
     * @param bnName the BatchNormalization's Keras name
     * @param activationName the swish {@code Activation}'s Keras name, or null for none
     */
    record ConvBn(String convName, boolean depthwise, int kernelSize, int filtersIn, int filtersOut, int stride,
            String bnName, String activationName) {
        /** TensorFlow's SAME padding at stride 1, VALID (the padding is explicit) at stride 2. */
        boolean same() {
            return stride == 1;
        }
    }
}
