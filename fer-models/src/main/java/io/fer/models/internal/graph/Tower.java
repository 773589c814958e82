package io.fer.models.internal.graph;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * One forward pass of the backbone in the graph, on one input: the output of every Keras layer, and the moving-average
 * updates of its training-mode BatchNormalization layers. Towers of one {@link BackboneGraph} share its variables.
 */
public final class Tower {
    /** Suffix of a block's output checkpoint, e.g. {@code block2a_out}. */
    public static final String BLOCK_OUTPUT_SUFFIX = "_out";

    private final String backbone;
    private final TowerMode mode;
    private final Map<String, Operand<TFloat32>> layerOutputs;
    private final Map<String, String> blockOutputs;
    private final List<Op> batchNormUpdates;
    private final Operand<TFloat32> output;

    /** Used by backbone graphs; {@code blockOutputs} maps aliases such as {@code block1a_out} to layer names. */
    public Tower(String backbone, TowerMode mode, Map<String, Operand<TFloat32>> layerOutputs,
            Map<String, String> blockOutputs, List<Op> batchNormUpdates, Operand<TFloat32> output) {
        this.backbone = backbone;
        this.mode = mode;
        this.layerOutputs = Map.copyOf(layerOutputs);
        this.blockOutputs = Map.copyOf(blockOutputs);
        this.batchNormUpdates = List.copyOf(batchNormUpdates);
        this.output = output;
    }

    /** The backbone's last feature map, NHWC ({@code top_activation} for EfficientNet). */
    public Operand<TFloat32> output() {
        return output;
    }

    /** The mode this tower was built in. */
    public TowerMode mode() {
        return mode;
    }

    /**
     * The output of a Keras layer (e.g. {@code block1a_se_excite}, {@code input_layer}), or of a whole block under the
     * name {@code blockNx_out}: the block's last layer ({@code blockNx_add} where it has a residual, otherwise
     * {@code blockNx_project_bn}).
     *
     * @throws IllegalArgumentException if the name is neither a layer nor a block of this backbone
     */
    public Operand<TFloat32> layerOutput(String name) {
        Operand<TFloat32> out = layerOutputs.get(blockOutputs.getOrDefault(name, name));
        if (out == null) {
            throw new IllegalArgumentException("Unknown layer '" + name + "' in " + backbone
                    + ": expected a Keras layer name (e.g. stem_activation, block1a_dwconv, top_activation)"
                    + " or a block output such as block1a" + BLOCK_OUTPUT_SUFFIX);
        }
        return out;
    }

    /**
     * Assignments of the updated moving mean and variance of every training-mode BatchNormalization layer (momentum
     * 0.99); run them as targets together with the training step. Empty for a tower without training layers.
     */
    public List<Op> batchNormUpdates() {
        return batchNormUpdates;
    }
}
