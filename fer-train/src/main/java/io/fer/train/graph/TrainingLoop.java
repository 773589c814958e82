package io.fer.train.graph;

import io.fer.models.keras.KerasWeights;
import io.fer.train.TrainingListener;
import io.fer.train.augment.Augmentation;
import io.fer.train.augment.Augmenter;
import io.fer.train.eval.EpochMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Runs the two phases over a {@link TrainingGraph}: shuffled, augmented mini-batches, per-epoch validation,
 * listener calls, and (optionally) restoring the weights of the epoch with the best validation accuracy.
 */
public final class TrainingLoop {

    /** Loop settings. {@code classWeights} may be null (all 1). */
    public record Settings(int phase1Epochs, int phase2Epochs, int batchSize, Augmentation augmentation,
            boolean keepBestEpoch, float[] classWeights, long seed) {}

    private final TrainingGraph graph;
    private final Settings settings;
    private final List<TrainingListener> listeners;
    private final Augmenter augmenter;

    public TrainingLoop(TrainingGraph graph, Settings settings, List<TrainingListener> listeners) {
        this.graph = graph;
        this.settings = settings;
        this.listeners = List.copyOf(listeners);
        this.augmenter = new Augmenter(settings.augmentation());
    }

    /** Every epoch's metrics (phase 1 first) and the index of the epoch whose weights the graph now holds. */
    public record Outcome(List<EpochMetrics> epochs, int keptEpoch) {}

    /** Trains both phases. Validation may be null. */
    public Outcome run(LabelledImages train, LabelledImages validation) {
        if (train.count() == 0) {
            throw new IllegalArgumentException("No training images");
        }
        List<EpochMetrics> history = new ArrayList<>();
        Best best = new Best();
        runPhase(1, settings.phase1Epochs(), graph.phase1(), train, validation, history, best);
        runPhase(2, settings.phase2Epochs(), graph.phase2(), train, validation, history, best);
        if (settings.keepBestEpoch() && best.weights != null) {
            restore(best);
            return new Outcome(history, best.epochIndex);
        }
        return new Outcome(history, history.size() - 1);
    }

    private static final class Best {
        double accuracy = -1;
        double loss = Double.POSITIVE_INFINITY;
        KerasWeights weights;
        KerasWeights head;
        int epochIndex = -1;
    }

    private void runPhase(int phase, int epochs, TrainingGraph.PhaseOps ops, LabelledImages train,
            LabelledImages validation, List<EpochMetrics> history, Best best) {
        if (epochs == 0) {
            return;
        }
        int batches = (train.count() + settings.batchSize() - 1) / settings.batchSize();
        listeners.forEach(l -> l.phaseStarted(phase, epochs, batches));
        int size = train.size();
        int imageFloats = size * size * 3;
        float[] raw = new float[imageFloats];
        int classes = classes();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            checkInterrupted();
            long start = System.nanoTime();
            SplittableRandom random = new SplittableRandom(settings.seed() * 1_000_003L + phase * 10_007L + epoch);
            int[] order = shuffled(train.count(), random);
            double lossSum = 0;
            double correct = 0;
            for (int b = 0; b < batches; b++) {
                checkInterrupted();
                int from = b * settings.batchSize();
                int n = Math.min(settings.batchSize(), train.count() - from);
                float[] x = new float[n * imageFloats];
                float[] y = new float[n * classes];
                float[] w = new float[n];
                for (int i = 0; i < n; i++) {
                    int idx = order[from + i];
                    train.copyAsFloats(idx, raw, 0);
                    Augmenter.Transform t = settings.augmentation().enabled() ? augmenter.draw(random)
                            : Augmenter.Transform.identity();
                    Augmenter.apply(t, raw, 0, size, x, i * imageFloats);
                    int label = train.labels()[idx];
                    y[i * classes + label] = 1;
                    w[i] = settings.classWeights() == null ? 1 : settings.classWeights()[label];
                }
                float[] lossAndHits = step(ops, x, y, w, n, size, classes);
                lossSum += lossAndHits[0] * n;
                correct += lossAndHits[1];
                int batchNo = b + 1;
                int epochNo = epoch;
                listeners.forEach(l -> l.batchFinished(phase, epochNo, batchNo, batches, lossAndHits[0],
                        lossAndHits[1] / n));
            }
            Double valLoss = null;
            Double valAcc = null;
            if (validation != null && validation.count() > 0) {
                double[] v = evaluate(validation);
                valLoss = v[0];
                valAcc = v[1];
                if (settings.keepBestEpoch() && (valAcc > best.accuracy
                        || (valAcc == best.accuracy && valLoss < best.loss))) {
                    best.accuracy = valAcc;
                    best.loss = valLoss;
                    best.weights = graph.backbone().readWeights(graph.session());
                    best.head = graph.head().read(graph.session());
                    best.epochIndex = history.size();
                }
            }
            EpochMetrics m = new EpochMetrics(phase, epoch, lossSum / train.count(), correct / train.count(),
                    valLoss, valAcc, (System.nanoTime() - start) / 1e9);
            history.add(m);
            listeners.forEach(l -> l.epochFinished(m));
        }
        listeners.forEach(l -> l.phaseFinished(phase));
    }

    private int classes() {
        return (int) graph.labels().shape().asArray()[1];
    }

    private float[] step(TrainingGraph.PhaseOps ops, float[] x, float[] y, float[] w, int n, int size, int classes) {
        Session.Runner r = graph.session().runner();
        try (TFloat32 images = TFloat32.tensorOf(Shape.of(n, size, size, 3), DataBuffers.of(x, true, false));
                TFloat32 labels = TFloat32.tensorOf(Shape.of(n, classes), DataBuffers.of(y, true, false));
                TFloat32 weights = TFloat32.tensorOf(Shape.of(n), DataBuffers.of(w, true, false));
                Result res = r.feed(graph.images(), images).feed(graph.labels(), labels)
                        .feed(graph.sampleWeights(), weights).addTarget(ops.step()).fetch(ops.loss())
                        .fetch(ops.correct()).run()) {
            return new float[] {((TFloat32) res.get(0)).getFloat(), ((TFloat32) res.get(1)).getFloat()};
        }
    }

    /** Mean loss and accuracy of the inference tower over {@code data}, in batches. */
    public double[] evaluate(LabelledImages data) {
        int size = data.size();
        int imageFloats = size * size * 3;
        int classes = classes();
        double lossSum = 0;
        double correct = 0;
        for (int from = 0; from < data.count(); from += settings.batchSize()) {
            int n = Math.min(settings.batchSize(), data.count() - from);
            float[] x = new float[n * imageFloats];
            float[] y = new float[n * classes];
            for (int i = 0; i < n; i++) {
                data.copyAsFloats(from + i, x, i * imageFloats);
                y[i * classes + data.labels()[from + i]] = 1;
            }
            try (TFloat32 images = TFloat32.tensorOf(Shape.of(n, size, size, 3), DataBuffers.of(x, true, false));
                    TFloat32 labels = TFloat32.tensorOf(Shape.of(n, classes), DataBuffers.of(y, true, false));
                    Result res = graph.session().runner().feed(graph.images(), images)
                            .feed(graph.labels(), labels).fetch(graph.evalLoss()).fetch(graph.evalCorrect()).run()) {
                lossSum += ((TFloat32) res.get(0)).getFloat() * n;
                correct += ((TFloat32) res.get(1)).getFloat();
            }
        }
        return new double[] {lossSum / data.count(), correct / data.count()};
    }

    private void restore(Best best) {
        graph.backbone().assignWeights(graph.session(), best.weights);
        graph.head().assign(graph.session(), best.head);
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new TrainingInterruptedException();
        }
    }

    /** Thrown when the training thread is interrupted between batches. */
    public static final class TrainingInterruptedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TrainingInterruptedException() {
            super("Training was interrupted; nothing was saved");
        }
    }
}
