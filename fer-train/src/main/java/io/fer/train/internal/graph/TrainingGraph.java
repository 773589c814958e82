package io.fer.train.internal.graph;

import io.fer.core.runtime.TensorFlowRuntime;
import io.fer.models.Backbone;
import io.fer.models.internal.Backbones;
import io.fer.models.internal.graph.BackboneGraph;
import io.fer.models.internal.graph.Tower;
import io.fer.models.internal.graph.TowerMode;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The whole training graph of a model: backbone and head variables, an inference tower (serving, evaluation and
 * phase 1, where the backbone is frozen), a phase-2 tower when batch norm or backbone dropout must train, the two
 * phases' losses and Adam steps, and the session that holds the variables.
 */
public final class TrainingGraph implements AutoCloseable {

    /** What to build. {@code firstTrainable} is resolved by the caller's freeze point. */
    public record Spec(Backbone backbone, int inputSize, int classes, HeadShape head, boolean trainBatchNorm,
            boolean backboneDropout, double phase1LearningRate, double phase2LearningRate, long seed) {}

    /** Ops of one training phase: feed images, labels and sample weights, run {@code step}, fetch loss and hits. */
    public record PhaseOps(Op step, Operand<TFloat32> loss, Operand<TFloat32> correct,
            List<Variable<TFloat32>> trained, Operand<TFloat32> learningRate) {}

    private final Graph graph;
    private final Session session;
    private final BackboneGraph backbone;
    private final HeadGraph head;
    private final Placeholder<TFloat32> images;
    private final Placeholder<TFloat32> labels;
    private final Placeholder<TFloat32> sampleWeights;
    private final Operand<TFloat32> features;
    private final Tower inference;
    private final Tower phase2Tower;
    private final List<String> boundary;
    private final Operand<TFloat32> pooled;
    private final Operand<TFloat32> probabilities;
    private final Operand<TFloat32> evalLoss;
    private final Operand<TFloat32> evalCorrect;
    private final PhaseOps phase1;
    private final PhaseOps phase2;
    private final int firstTrainable;

    /** Builds the graph and initialises every variable; phase 2 trains backbone layers from {@code firstTrainable}. */
    public TrainingGraph(Spec spec, int firstTrainable) {
        TensorFlowRuntime.ensureLoaded();
        graph = new Graph();
        Session opened = null;
        try {
            Ops tf = Ops.create(graph);
            int s = spec.inputSize();
            images = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, s, s, 3)));
            labels = tf.withName("labels").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, spec.classes())));
            sampleWeights = tf.withName("sample_weights").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1)));
            backbone = Backbones.create(spec.backbone(), tf, s, spec.seed());
            this.firstTrainable = firstTrainable;

            inference = backbone.tower(images, TowerMode.INFERENCE);
            features = inference.output();
            head = new HeadGraph(tf, spec.head(), featureShape(features), spec.classes(), spec.seed());

            pooled = head.pool(features);
            Operand<TFloat32> inferLogits = head.logits(pooled, false);
            probabilities = tf.withName("probabilities").nn.softmax(inferLogits);
            evalLoss = crossEntropy(tf, inferLogits, null);
            evalCorrect = correct(tf, inferLogits);

            Operand<TFloat32> logits1 = head.logits(pooled, true);
            phase1 = phase(tf, "phase1", logits1, head.variables(), spec.phase1LearningRate(), List.of());

            Operand<TFloat32> pooled2 = pooled;
            List<Op> bnUpdates = List.of();
            Tower t2 = inference;
            if (spec.trainBatchNorm() || spec.backboneDropout()) {
                t2 = backbone.tower(images, TowerMode.training(
                        spec.trainBatchNorm() ? firstTrainable : Integer.MAX_VALUE, spec.backboneDropout()));
                pooled2 = head.pool(t2.output());
                bnUpdates = t2.batchNormUpdates();
            }
            phase2Tower = t2;
            // dropout in the frozen layers would make their outputs random, so they cannot be cached then
            boundary = spec.backboneDropout() ? List.of() : backbone.frozenBoundary(firstTrainable);
            List<Variable<TFloat32>> vars2 = new ArrayList<>(backbone.trainableVariables(firstTrainable,
                    spec.trainBatchNorm()));
            vars2.addAll(head.variables());
            phase2 = phase(tf, "phase2", head.logits(pooled2, true), vars2, spec.phase2LearningRate(), bnUpdates);

            opened = new Session(graph);
            opened.initialize();
            session = opened;
        } catch (RuntimeException | Error e) {
            if (opened != null) {
                opened.close(); // a graph does not close while a session on it is open
            }
            graph.close();
            throw e;
        }
    }

    private static long[] featureShape(Operand<TFloat32> features) {
        long[] s = features.shape().asArray();
        return new long[] {s[1], s[2], s[3]};
    }

    private PhaseOps phase(Ops tf, String name, Operand<TFloat32> logits, List<Variable<TFloat32>> vars, double lr,
            List<Op> bnUpdates) {
        Operand<TFloat32> loss = crossEntropy(tf, logits, sampleWeights);
        Adam.Step step = Adam.minimize(tf, name, loss, vars, lr, bnUpdates);
        return new PhaseOps(step.step(), loss, correct(tf, logits), List.copyOf(vars), step.learningRate());
    }

    /** Mean categorical cross-entropy over the batch, each sample weighted if weights are given (Keras' reduction). */
    private Operand<TFloat32> crossEntropy(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> weights) {
        Operand<TFloat32> ce = tf.nn.softmaxCrossEntropyWithLogits(logits, labels).loss();
        if (weights != null) {
            ce = tf.math.mul(ce, weights);
        }
        return tf.math.mean(ce, tf.constant(0));
    }

    /** Number of samples whose arg-max matches the one-hot label. */
    private Operand<TFloat32> correct(Ops tf, Operand<TFloat32> logits) {
        Operand<TInt64> predicted = tf.math.argMax(logits, tf.constant(1));
        Operand<TInt64> truth = tf.math.argMax(labels, tf.constant(1));
        return tf.reduceSum(tf.dtypes.cast(tf.math.equal(predicted, truth), TFloat32.class), tf.constant(0));
    }

    /** The graph itself. */
    public Graph graph() {
        return graph;
    }

    /** The session holding every variable. */
    public Session session() {
        return session;
    }

    /** The backbone's variables and layer table. */
    public BackboneGraph backbone() {
        return backbone;
    }

    /** The classifier head. */
    public HeadGraph head() {
        return head;
    }

    /** Input images, NHWC float RGB 0..255. */
    public Placeholder<TFloat32> images() {
        return images;
    }

    /** One-hot labels, {@code [batch, classes]}. */
    public Placeholder<TFloat32> labels() {
        return labels;
    }

    /** Per-sample loss weights (class weights), {@code [batch]}. */
    public Placeholder<TFloat32> sampleWeights() {
        return sampleWeights;
    }

    /** The frozen backbone's output in inference mode; feeding it directly skips the backbone. */
    public Operand<TFloat32> features() {
        return features;
    }

    /**
     * The head's input in inference mode (features pooled or flattened): feeding it skips the backbone for phase 1
     * steps and for evaluation.
     */
    public Operand<TFloat32> pooled() {
        return pooled;
    }

    /** Outputs of the frozen layers that phase 2's trainable layers consume, in the inference tower (to compute). */
    public List<Operand<TFloat32>> frozenBoundaryOutputs() {
        return boundary.stream().map(inference::layerOutput).toList();
    }

    /** The same boundary in phase 2's tower (to feed); empty when it cannot be cut (nothing frozen, or dropout). */
    public List<Operand<TFloat32>> frozenBoundaryInputs() {
        return boundary.stream().map(phase2Tower::layerOutput).toList();
    }

    /** Softmax output of the inference tower. */
    public Operand<TFloat32> probabilities() {
        return probabilities;
    }

    /** Mean cross-entropy of the inference tower (unweighted). */
    public Operand<TFloat32> evalLoss() {
        return evalLoss;
    }

    /** Number of inference-tower predictions that match the labels. */
    public Operand<TFloat32> evalCorrect() {
        return evalCorrect;
    }

    /** Phase 1: the head alone on the frozen backbone. */
    public PhaseOps phase1() {
        return phase1;
    }

    /** Phase 2: the head and the backbone from the freeze point on. */
    public PhaseOps phase2() {
        return phase2;
    }

    /** Index of the first backbone layer phase 2 trains. */
    public int firstTrainable() {
        return firstTrainable;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
