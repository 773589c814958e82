package io.fer.train.graph;

import io.fer.models.keras.KerasWeights;
import io.fer.train.TrainingListener;
import io.fer.train.augment.Augmentation;
import io.fer.train.augment.Augmenter;
import io.fer.train.eval.EpochMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Runs the two phases over a {@link TrainingGraph}: shuffled, augmented mini-batches, per-epoch validation,
 * listener calls, and (optionally) restoring the weights of the epoch with the best validation accuracy. Phase 1
 * trains on cached backbone features (see {@link FeatureCache}) unless that is turned off.
 */
public final class TrainingLoop {
    /** Memory the phase-1 feature cache may use; fewer variants are cached when they would not fit. */
    static final long FEATURE_CACHE_BUDGET = 2L << 30;

    /**
     * Loop settings.
     *
     * @param classWeights loss weight per class, or null for 1 each
     * @param featureVariants augmentation variants of each image whose backbone features phase 1 caches (1 when
     *     augmentation is off); 0 recomputes the frozen backbone for every batch
     */
    public record Settings(int phase1Epochs, int phase2Epochs, int batchSize, Augmentation augmentation,
            boolean keepBestEpoch, float[] classWeights, long seed, int featureVariants) {}

    /** Every epoch's metrics (phase 1 first) and the index of the epoch whose weights the graph now holds. */
    public record Outcome(List<EpochMetrics> epochs, int keptEpoch, int cachedVariants) {}

    private final TrainingGraph graph;
    private final Settings settings;
    private final List<TrainingListener> listeners;
    private final Augmenter augmenter;
    private final int classes;
    private float[] imageBatch;

    /** A loop over {@code graph} with the given settings, telling {@code listeners} about progress. */
    public TrainingLoop(TrainingGraph graph, Settings settings, List<TrainingListener> listeners) {
        this.graph = graph;
        this.settings = settings;
        this.listeners = List.copyOf(listeners);
        this.augmenter = settings.augmentation().enabled() ? new Augmenter(settings.augmentation()) : null;
        this.classes = (int) graph.labels().shape().asArray()[1];
    }

    private static final class Best {
        double accuracy = -1;
        double loss = Double.POSITIVE_INFINITY;
        KerasWeights backbone;
        KerasWeights head;
        int epochIndex = -1;
    }

    /** Trains both phases. Validation may be null. */
    public Outcome run(LabelledImages train, LabelledImages validation) {
        if (train.count() == 0) {
            throw new IllegalArgumentException("No training images");
        }
        boolean hasValidation = validation != null && validation.count() > 0;
        List<EpochMetrics> history = new ArrayList<>();
        Best best = new Best();
        // Frozen layers give the same output for the same input every epoch, so what enters the trainable part is
        // computed once: phase 1 trains the head from its pooled input, phase 2 from the tensors that cross the
        // freeze point. Both come from the same frozen inference tower and the same augmentation variants, so one
        // pass over the images fills both.
        boolean phase1 = settings.phase1Epochs() > 0;
        boolean phase2 = settings.phase2Epochs() > 0 && !graph.frozenBoundaryInputs().isEmpty();
        List<Operand<TFloat32>> fetch = new ArrayList<>();
        List<Operand<TFloat32>> feed = new ArrayList<>();
        // validation runs the inference tower, so its cached tensors are fed back into that tower
        List<Operand<TFloat32>> validationFetch = new ArrayList<>();
        if (phase1) {
            fetch.add(graph.pooled());
            feed.add(graph.pooled());
            validationFetch.add(graph.pooled());
        }
        if (phase2) {
            fetch.addAll(graph.frozenBoundaryOutputs());
            feed.addAll(graph.frozenBoundaryInputs());
            validationFetch.addAll(graph.frozenBoundaryOutputs());
        }
        FeatureCache trainCache = fetch.isEmpty() ? null : cache(train, fetch, feed, true);
        FeatureCache validationCache = trainCache == null || !hasValidation ? null
                : cache(validation, validationFetch, validationFetch, false);
        int cached = trainCache == null ? 0 : trainCache.variants();
        int phase2From = phase1 ? 1 : 0;
        runPhase(1, settings.phase1Epochs(), graph.phase1(), train, hasValidation ? validation : null,
                trainCache == null || !phase1 ? null : trainCache.select(0, 1),
                validationCache == null || !phase1 ? null : validationCache.select(0, 1), history, best);
        runPhase(2, settings.phase2Epochs(), graph.phase2(), train, hasValidation ? validation : null,
                trainCache == null || !phase2 ? null : trainCache.select(phase2From, fetch.size()),
                validationCache == null || !phase2 ? null : validationCache.select(phase2From, fetch.size()),
                history, best);
        if (settings.keepBestEpoch() && best.backbone != null) {
            graph.backbone().assignWeights(graph.session(), best.backbone);
            graph.head().assign(graph.session(), best.head);
            return new Outcome(history, best.epochIndex, cached);
        }
        return new Outcome(history, history.size() - 1, cached);
    }

    /**
     * A cache of {@code fetch} over {@code data} (augmentation variants for training data, plain images otherwise),
     * or null when caching is off or would not fit in memory.
     */
    private FeatureCache cache(LabelledImages data, List<Operand<TFloat32>> fetch, List<Operand<TFloat32>> feed,
            boolean training) {
        if (settings.featureVariants() <= 0) {
            return null;
        }
        int wanted = training && augmenter != null ? settings.featureVariants() : 1;
        int variants = FeatureCache.affordableVariants(wanted, data.count(), FeatureCache.floatsPerImage(fetch),
                FEATURE_CACHE_BUDGET);
        return variants == 0 ? null : FeatureCache.build(graph, data, variants, training ? augmenter : null,
                settings.seed(), settings.batchSize(), fetch, feed);
    }

    private void runPhase(int phase, int epochs, TrainingGraph.PhaseOps ops, LabelledImages train,
            LabelledImages validation, FeatureCache cache, FeatureCache validationCache, List<EpochMetrics> history,
            Best best) {
        if (epochs == 0) {
            return;
        }
        int batches = (train.count() + settings.batchSize() - 1) / settings.batchSize();
        listeners.forEach(l -> l.phaseStarted(phase, epochs, batches));
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
                int[] batch = java.util.Arrays.copyOfRange(order, from, from + n);
                List<Feed> x = cache != null ? cache.feeds(batch, random) : imageInput(train, batch, random);
                float[] lossAndHits = step(ops, x, labels(train, batch), weights(train, batch), n);
                lossSum += lossAndHits[0] * n;
                correct += lossAndHits[1];
                int batchNo = b + 1;
                int epochNo = epoch;
                listeners.forEach(l -> l.batchFinished(phase, epochNo, batchNo, batches, lossAndHits[0],
                        lossAndHits[1] / n));
            }
            Double valLoss = null;
            Double valAcc = null;
            if (validation != null) {
                double[] v = validationCache != null ? evaluate(validationCache, validation) : evaluate(validation);
                valLoss = v[0];
                valAcc = v[1];
                if (settings.keepBestEpoch() && (valAcc > best.accuracy
                        || (valAcc == best.accuracy && valLoss < best.loss))) {
                    best.accuracy = valAcc;
                    best.loss = valLoss;
                    if (phase == 2 || best.backbone == null) {
                        // phase 1 never changes the backbone: one copy serves every phase-1 epoch
                        best.backbone = graph.backbone().readWeights(graph.session());
                    }
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

    /** One tensor a step feeds: images into the graph's input, or cached values where training begins. */
    record Feed(Operand<TFloat32> target, float[] values, Shape shape) {}

    /** Images of {@code batch}, augmented when {@code random} is given (training) and augmentation is on. */
    private List<Feed> imageInput(LabelledImages data, int[] batch, SplittableRandom random) {
        int size = data.size();
        int imageFloats = size * size * 3;
        float[] raw = new float[imageFloats];
        if (imageBatch == null || imageBatch.length < batch.length * imageFloats) {
            imageBatch = new float[Math.max(batch.length, settings.batchSize()) * imageFloats];
        }
        float[] x = imageBatch; // reused: a tensor copies it before the next batch is written
        for (int i = 0; i < batch.length; i++) {
            data.copyAsFloats(batch[i], raw, 0);
            Augmenter.Transform t = augmenter == null || random == null ? Augmenter.Transform.identity()
                    : augmenter.draw(random);
            Augmenter.apply(t, raw, 0, size, x, i * imageFloats);
        }
        return List.of(new Feed(graph.images(), x, Shape.of(batch.length, size, size, 3)));
    }

    private float[] labels(LabelledImages data, int[] batch) {
        float[] y = new float[batch.length * classes];
        for (int i = 0; i < batch.length; i++) {
            y[i * classes + data.labels()[batch[i]]] = 1;
        }
        return y;
    }

    private float[] weights(LabelledImages data, int[] batch) {
        float[] w = new float[batch.length];
        for (int i = 0; i < batch.length; i++) {
            w[i] = settings.classWeights() == null ? 1 : settings.classWeights()[data.labels()[batch[i]]];
        }
        return w;
    }

    private float[] step(TrainingGraph.PhaseOps ops, List<Feed> x, float[] y, float[] w, int n) {
        Session.Runner r = graph.session().runner();
        try (Feeds inputs = new Feeds(r, x);
                TFloat32 labels = TFloat32.tensorOf(Shape.of(n, classes), DataBuffers.of(y, true, false));
                TFloat32 weights = TFloat32.tensorOf(Shape.of(n), DataBuffers.of(w, true, false));
                Result res = r.feed(graph.labels(), labels)
                        .feed(graph.sampleWeights(), weights).addTarget(ops.step()).fetch(ops.loss())
                        .fetch(ops.correct()).run()) {
            return new float[] {((TFloat32) res.get(0)).getFloat(), ((TFloat32) res.get(1)).getFloat()};
        }
    }

    /** Mean loss and accuracy of the inference tower over {@code data}, in batches. */
    public double[] evaluate(LabelledImages data) {
        return evaluate(data, (batch) -> imageInput(data, batch, null));
    }

    private double[] evaluate(FeatureCache cache, LabelledImages data) {
        return evaluate(data, batch -> cache.feeds(batch, (SplittableRandom) null));
    }

    private double[] evaluate(LabelledImages data, java.util.function.Function<int[], List<Feed>> inputs) {
        double lossSum = 0;
        double correct = 0;
        for (int from = 0; from < data.count(); from += settings.batchSize()) {
            int n = Math.min(settings.batchSize(), data.count() - from);
            int[] batch = new int[n];
            for (int i = 0; i < n; i++) {
                batch[i] = from + i;
            }
            Session.Runner r = graph.session().runner();
            try (Feeds in = new Feeds(r, inputs.apply(batch));
                    TFloat32 labels = TFloat32.tensorOf(Shape.of(n, classes),
                            DataBuffers.of(labels(data, batch), true, false));
                    Result res = r.feed(graph.labels(), labels)
                            .fetch(graph.evalLoss()).fetch(graph.evalCorrect()).run()) {
                lossSum += ((TFloat32) res.get(0)).getFloat() * n;
                correct += ((TFloat32) res.get(1)).getFloat();
            }
        }
        return new double[] {lossSum / data.count(), correct / data.count()};
    }

    /** Tensors made from feeds and fed into a runner; closing frees them. */
    private static final class Feeds implements AutoCloseable {
        private final List<TFloat32> tensors = new ArrayList<>();

        Feeds(Session.Runner runner, List<Feed> feeds) {
            for (Feed f : feeds) {
                TFloat32 t = TFloat32.tensorOf(f.shape(),
                        DataBuffers.of(f.values(), true, false).slice(0, f.shape().size()));
                tensors.add(t);
                runner.feed(f.target(), t);
            }
        }

        @Override
        public void close() {
            tensors.forEach(TFloat32::close);
        }
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
