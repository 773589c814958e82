package io.fer.train.internal.graph;

import io.fer.core.internal.model.ModelDirectory;
import io.fer.models.internal.Backbones;
import io.fer.models.internal.efficientnet.EfficientNetFolding;
import io.fer.models.internal.graph.BackboneGraph;
import io.fer.models.internal.graph.TowerMode;
import io.fer.models.internal.keras.KerasWeights;
import io.fer.models.internal.keras.KerasWeightsFile;
import io.fer.models.internal.keras.LayerSpec;
import io.fer.models.internal.keras.WeightArray;
import io.fer.models.internal.serving.Activation;
import io.fer.models.internal.serving.ServingLayer;
import io.fer.models.internal.serving.ServingNetwork;
import io.fer.models.internal.serving.TensorFlowServing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Writes a serving-only SavedModel of a trained graph: a fresh graph with just the inference path (no loss, no
 * optimizer, no training towers), whose weights are copied from the training session.
 *
 * <p>EfficientNet backbones are exported {@linkplain Form#FOLDED folded} by default: batch normalization (with its
 * frozen statistics) folded into the convolution before it, paddings as constants and activations where TensorFlow
 * fuses them into the convolution. On oneDNN the unfolded graph spends most of its time in the unfused batch norms
 * after depthwise convolutions (issue 15); the outputs agree within 1e-6 of the largest feature.
 */
public final class Exports {
    private Exports() {}

    /** Which graph a SavedModel holds. */
    public enum Form {
        /** Batch norm folded into the convolutions (EfficientNet; other backbones export as they train). */
        FOLDED,
        /** The training graph's inference tower, layer for layer (FusedBatchNorm ops with moving statistics). */
        UNFOLDED
    }

    /** Exports {@code trained} folded into {@code savedModelDir} (which must not exist yet). */
    public static void savedModel(TrainingGraph trained, TrainingGraph.Spec spec, Path savedModelDir) throws IOException {
        savedModel(trained, spec, savedModelDir, Form.FOLDED);
    }

    /** Exports {@code trained} in the given form into {@code savedModelDir} (which must not exist yet). */
    public static void savedModel(TrainingGraph trained, TrainingGraph.Spec spec, Path savedModelDir, Form form)
            throws IOException {
        if (form == Form.FOLDED && spec.backbone().isEfficientNet()) {
            ServingNetwork net = servingNetwork(trained, spec);
            try (Graph graph = new Graph()) {
                Ops tf = Ops.create(graph);
                Placeholder<TFloat32> images = imagesPlaceholder(tf, spec.inputSize());
                TensorFlowServing serving = TensorFlowServing.build(tf, net, images);
                Operand<TFloat32> probabilities = tf.withName(ModelDirectory.OUTPUT).identity(serving.output());
                try (Session session = new Session(graph)) {
                    session.initialize();
                    serving.assign(session);
                    export(session, images, probabilities, savedModelDir);
                }
            }
            return;
        }
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            int s = spec.inputSize();
            Placeholder<TFloat32> images = imagesPlaceholder(tf, s);
            BackboneGraph backbone = Backbones.create(spec.backbone(), tf, s, spec.seed());
            Operand<TFloat32> features = backbone.tower(images, TowerMode.INFERENCE).output();
            HeadGraph head = new HeadGraph(tf, spec.head(),
                    new long[] {features.shape().get(1), features.shape().get(2), features.shape().get(3)},
                    spec.classes(), spec.seed());
            Operand<TFloat32> probabilities = tf.withName(ModelDirectory.OUTPUT).nn.softmax(
                    head.logits(head.pool(features), false));
            try (Session session = new Session(graph)) {
                session.initialize();
                backbone.assignWeights(session, trained.backbone().readWeights(trained.session()));
                head.assign(session, trained.head().read(trained.session()));
                export(session, images, probabilities, savedModelDir);
            }
        }
    }

    /**
     * The trained network as an engine-neutral inference description: the folded EfficientNet backbone, the head's
     * pooling and dense layers (ReLU between them) and the softmax.
     *
     * @throws IllegalArgumentException if the backbone is not an EfficientNet (only those are folded)
     */
    public static ServingNetwork servingNetwork(TrainingGraph trained, TrainingGraph.Spec spec) {
        if (!spec.backbone().isEfficientNet()) {
            throw new IllegalArgumentException("Only EfficientNet backbones have a folded serving network, not "
                    + spec.backbone().displayName());
        }
        ServingNetwork.Builder net = ServingNetwork.builder(spec.inputSize());
        int x = EfficientNetFolding.appendBackbone(net, spec.backbone(), spec.inputSize(),
                trained.backbone().readWeights(trained.session()));
        x = net.add(trained.head().flattens() ? new ServingLayer.Flatten("head_flatten", x)
                : new ServingLayer.GlobalAveragePool("head_pool", x, false));
        KerasWeights head = trained.head().read(trained.session());
        List<LayerSpec> layers = trained.head().layers();
        for (int i = 0; i < layers.size(); i++) {
            String name = layers.get(i).name();
            WeightArray kernel = weight(head, name, "kernel");
            x = net.add(new ServingLayer.Dense(name, x, kernel.floats(), kernel.shape(),
                    weight(head, name, "bias").floats(), i < layers.size() - 1 ? Activation.RELU : Activation.NONE));
        }
        net.add(new ServingLayer.Softmax("softmax", x));
        return net.build();
    }

    private static WeightArray weight(KerasWeights weights, String layer, String name) {
        return weights.layer(layer).orElseThrow().stream()
                .filter(a -> KerasWeightsFile.shortName(a.name()).equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("The head has no weight " + layer + "/" + name));
    }

    private static Placeholder<TFloat32> imagesPlaceholder(Ops tf, int s) {
        return tf.withName(ModelDirectory.INPUT).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, s, s, 3)));
    }

    private static void export(Session session, Placeholder<TFloat32> images, Operand<TFloat32> probabilities,
            Path savedModelDir) throws IOException {
        Signature signature = Signature.builder().key(Signature.DEFAULT_KEY)
                .input(ModelDirectory.INPUT, images).output(ModelDirectory.OUTPUT, probabilities).build();
        SavedModelBundle.exporter(savedModelDir.toString()).withTags("serve").withSession(session)
                .withSignature(signature).export();
    }
}
