package io.fer.train.graph;

import io.fer.core.model.ModelDirectory;
import io.fer.models.BackboneGraph;
import io.fer.models.TowerMode;
import java.io.IOException;
import java.nio.file.Path;
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
 * optimizer, no training towers), whose variables are copied from the training session.
 */
public final class Exports {
    private Exports() {}

    /** Exports {@code trained} into {@code savedModelDir} (which must not exist yet). */
    public static void savedModel(TrainingGraph trained, TrainingGraph.Spec spec, Path savedModelDir) throws IOException {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            int s = spec.inputSize();
            Placeholder<TFloat32> images = tf.withName(ModelDirectory.INPUT).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, s, s, 3)));
            BackboneGraph backbone = spec.backbone().create(tf, s, spec.seed());
            Operand<TFloat32> features = backbone.tower(images, TowerMode.INFERENCE).output();
            HeadGraph head = new HeadGraph(tf, spec.head(), trained.head().flattens(),
                    new long[] {features.shape().get(1), features.shape().get(2), features.shape().get(3)},
                    spec.classes(), spec.seed());
            Operand<TFloat32> probabilities = tf.withName(ModelDirectory.OUTPUT).nn.softmax(
                    head.logits(head.pool(features), false));
            try (Session session = new Session(graph)) {
                session.initialize();
                backbone.assignWeights(session, trained.backbone().readWeights(trained.session()));
                head.assign(session, trained.head().read(trained.session()));
                Signature signature = Signature.builder().key(Signature.DEFAULT_KEY)
                        .input(ModelDirectory.INPUT, images).output(ModelDirectory.OUTPUT, probabilities).build();
                SavedModelBundle.exporter(savedModelDir.toString()).withTags("serve").withSession(session)
                        .withSignature(signature).export();
            }
        }
    }
}
