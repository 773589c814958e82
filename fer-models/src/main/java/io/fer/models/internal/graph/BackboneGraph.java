package io.fer.models.internal.graph;

import io.fer.models.Backbone;
import io.fer.models.internal.keras.KerasWeights;
import io.fer.models.internal.keras.LayerSpec;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A feature extractor built into a TensorFlow graph: its variables exist once, and any number of {@link Tower}s
 * (training, inference) share them. Layers are addressed as in Keras: by index in {@code model.layers} order
 * (negative counts from the end) or by name.
 */
public interface BackboneGraph {

    /** Which backbone this is. */
    Backbone backbone();

    /** The input size (height = width) the graph was built for. */
    int inputSize();

    /** Every layer in Keras order. */
    List<LayerSpec> layers();

    /** Index of a layer by name; {@link IllegalArgumentException} naming the backbone if there is none. */
    default int layerIndex(String name) {
        return LayerIndex.byName(backbone(), layers(), name);
    }

    /** A Keras index, negative counting from the end, as a non-negative index; out of range names the range. */
    default int resolveIndex(int kerasIndex) {
        return LayerIndex.resolve(backbone(), layers().size(), kerasIndex);
    }

    /**
     * The layers before {@code firstTrainable} whose outputs layers from {@code firstTrainable} on consume: feeding
     * their outputs cuts the frozen part of a tower off. Empty when nothing is frozen. The default assumes a
     * sequential network (each layer consumes the one before).
     */
    default List<String> frozenBoundary(int firstTrainable) {
        return firstTrainable <= 0 || firstTrainable >= layers().size() ? List.of()
                : List.of(layers().get(firstTrainable - 1).name());
    }

    /**
     * The variables training may update in layers with index {@code fromIndex} or later: kernels and biases, plus
     * batch-norm gamma and beta if {@code includeBatchNorm}; never moving statistics or input normalization.
     */
    List<Variable<TFloat32>> trainableVariables(int fromIndex, boolean includeBatchNorm);

    /** Every variable of the backbone, moving statistics included. */
    List<Variable<?>> allVariables();

    /** Builds a forward pass of {@code images} (NHWC, RGB 0..255) into the graph. */
    Tower tower(Operand<TFloat32> images, TowerMode mode);

    /** Writes weights into the variables; shapes must match (see {@code WeightsCheck}). */
    void assignWeights(Session session, KerasWeights weights);

    /** The current values of every weight, in Keras' layout. */
    KerasWeights readWeights(Session session);
}
