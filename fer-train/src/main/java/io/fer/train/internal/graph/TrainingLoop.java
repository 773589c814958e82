package io.fer.train.internal.graph;

import io.fer.models.internal.keras.KerasWeights;
import io.fer.train.augment.Augmentation;
import io.fer.train.eval.EpochMetrics;
import io.fer.train.eval.TrainingPhase;
import io.fer.train.internal.augment.Augmenter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
     * @param phase1Schedule how phase 1's learning rate changes, from {@code phase1LearningRate}; null for the
     *     constant rate built into the graph
     * @param phase2Schedule how phase 2's learning rate changes, from {@code phase2LearningRate}; null for constant
     * @param labelSmoothing training targets are {@code (1 - s)} on the true class and {@code s / classes} spread
     *     over all (Keras' {@code label_smoothing}); 0 for one-hot
     * @param checkpoint folder where the state after every epoch is kept and from which an interrupted run with the
     *     same {@code recipe} resumes; null for none
     * @param recipe the run's settings in words: a checkpoint only resumes the run it was written by
     * @param epochLimit at most this many epochs run in this call (the rest are left to a resumed run); negative for
     *     no limit
     */
    public record Settings(int phase1Epochs, int phase2Epochs, int batchSize, Augmentation augmentation,
            boolean keepBestEpoch, float[] classWeights, long seed, int featureVariants,
            RateSchedule phase1Schedule, double phase1LearningRate, RateSchedule phase2Schedule,
            double phase2LearningRate, double labelSmoothing, Path checkpoint, String recipe, int epochLimit) {

        public Settings {
            if (labelSmoothing < 0 || labelSmoothing >= 1) {
                throw new IllegalArgumentException("Label smoothing must be in [0, 1), got " + labelSmoothing);
            }
        }

        /** Constant learning rates (those built into the graph), one-hot targets, no checkpoints. */
        public Settings(int phase1Epochs, int phase2Epochs, int batchSize, Augmentation augmentation,
                boolean keepBestEpoch, float[] classWeights, long seed, int featureVariants) {
            this(phase1Epochs, phase2Epochs, batchSize, augmentation, keepBestEpoch, classWeights, seed,
                    featureVariants, null, 0, null, 0, 0, null,
                    "", -1);
        }
    }

    /** A learning rate that changes over a phase's steps (the public {@code LearningRateSchedule}'s rate). */
    @FunctionalInterface
    public interface RateSchedule {
        /** The rate at {@code step} (from 0) of {@code totalSteps}, with {@code stepsPerEpoch} steps per epoch. */
        double rate(double base, long step, long totalSteps, int stepsPerEpoch);
    }

    /** Hears about progress (the public {@code TrainingListener} adapts to it); every method has an empty default. */
    public interface Listener {
        /** A phase starts. */
        default void phaseStarted(TrainingPhase phase, int epochs, int batchesPerEpoch) {}

        /** A batch finished with its mean loss and accuracy. */
        default void batchFinished(TrainingPhase phase, int epoch, int batch, int batches, double loss,
                double accuracy) {}

        /** An epoch finished. */
        default void epochFinished(EpochMetrics metrics) {}

        /** A phase finished. */
        default void phaseFinished(TrainingPhase phase) {}
    }

    /** Every epoch's metrics (phase 1 first) and the index of the epoch whose weights the graph now holds. */
    public record Outcome(List<EpochMetrics> epochs, int keptEpoch, int cachedVariants) {}

    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);

    private final TrainingGraph graph;
    private final Settings settings;
    private final Checkpoint checkpoint;
    private final List<Listener> listeners;
    private final Augmenter augmenter;
    private final int classes;
    private float[] imageBatch;

    /** A loop over {@code graph} with the given settings, telling {@code listeners} about progress. */
    public TrainingLoop(TrainingGraph graph, Settings settings, List<? extends Listener> listeners) {
        this.graph = graph;
        this.settings = settings;
        this.listeners = List.copyOf(listeners);
        this.augmenter = settings.augmentation().enabled() ? new Augmenter(settings.augmentation()) : null;
        this.classes = (int) graph.labels().shape().asArray()[1];
        this.checkpoint = settings.checkpoint() == null ? null : new Checkpoint(settings.checkpoint(),
                settings.recipe());
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
        Resume resume = resume(history, best);
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
        runPhase(TrainingPhase.FEATURE_EXTRACTION, settings.phase1Epochs(), resume.firstEpoch(1), graph.phase1(),
                train,
                hasValidation ? validation : null, trainCache == null || !phase1 ? null : trainCache.select(0, 1),
                validationCache == null || !phase1 ? null : validationCache.select(0, 1), history, best);
        runPhase(TrainingPhase.FINE_TUNING, settings.phase2Epochs(), resume.firstEpoch(2), graph.phase2(), train,
                hasValidation ? validation : null,
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

    /** Where a run starts: after the checkpoint's last epoch, or at the beginning. */
    private record Resume(int phase, int epoch) {
        int firstEpoch(int p) {
            return p < phase ? Integer.MAX_VALUE : p == phase ? epoch + 1 : 1;
        }
    }

    /**
     * Restores the checkpoint, if any: the best epoch's weights into {@code best}, then every variable as the last
     * finished epoch left it, and its history.
     */
    private Resume resume(List<EpochMetrics> history, Best best) {
        if (checkpoint == null) {
            return new Resume(0, 0);
        }
        var state = checkpoint.load();
        if (state.isEmpty()) {
            return new Resume(0, 0);
        }
        Checkpoint.State s = state.get();
        if (s.best != null) {
            checkpoint.restore(graph.session(), graph.graph(), s.best);
            best.backbone = graph.backbone().readWeights(graph.session());
            best.head = graph.head().read(graph.session());
            best.accuracy = s.bestAccuracy;
            best.loss = s.bestLoss;
            best.epochIndex = s.bestEpochIndex;
        }
        checkpoint.restore(graph.session(), graph.graph(), s.variables);
        history.addAll(s.history);
        previousBest = s.best;
        LOG.info("Resuming from {}: phase {} epoch {} done, {} epochs in the history", checkpoint.folder(), s.phase,
                s.epoch, s.history.size());
        return new Resume(s.phase, s.epoch);
    }

    private void saveCheckpoint(int phase, int epoch, List<EpochMetrics> history, Best best, boolean bestNow) {
        if (checkpoint == null) {
            return;
        }
        Checkpoint.State s = new Checkpoint.State();
        s.phase = phase;
        s.epoch = epoch;
        s.history = new ArrayList<>(history);
        s.bestAccuracy = best.accuracy;
        s.bestLoss = best.loss;
        s.bestEpochIndex = best.epochIndex;
        s.best = bestNow ? null : previousBest;
        checkpoint.save(graph.session(), graph.graph(), s, bestNow);
        previousBest = s.best;
    }

    private String previousBest;
    private int epochsRun;

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

    private void runPhase(TrainingPhase phase, int epochs, int firstEpoch, TrainingGraph.PhaseOps ops,
            LabelledImages train, LabelledImages validation, FeatureCache cache, FeatureCache validationCache,
            List<EpochMetrics> history, Best best) {
        if (epochs == 0 || firstEpoch > epochs) {
            return;
        }
        int batches = (train.count() + settings.batchSize() - 1) / settings.batchSize();
        boolean first = phase == TrainingPhase.FEATURE_EXTRACTION;
        RateSchedule schedule = first ? settings.phase1Schedule() : settings.phase2Schedule();
        double baseRate = first ? settings.phase1LearningRate() : settings.phase2LearningRate();
        // a constant schedule uses the rate built into the graph; a schedule feeds its rate at every step
        boolean scheduled = schedule != null && baseRate > 0;
        long totalSteps = (long) epochs * batches;
        listeners.forEach(l -> l.phaseStarted(phase, epochs, batches));
        for (int epoch = firstEpoch; epoch <= epochs; epoch++) {
            if (settings.epochLimit() >= 0 && epochsRun >= settings.epochLimit()) {
                break;
            }
            epochsRun++;
            checkInterrupted();
            long start = System.nanoTime();
            SplittableRandom random =
                    new SplittableRandom(settings.seed() * 1_000_003L + phase.number() * 10_007L + epoch);
            int[] order = shuffled(train.count(), random);
            double lossSum = 0;
            double correct = 0;
            for (int b = 0; b < batches; b++) {
                checkInterrupted();
                int from = b * settings.batchSize();
                int n = Math.min(settings.batchSize(), train.count() - from);
                int[] batch = java.util.Arrays.copyOfRange(order, from, from + n);
                List<Feed> x = cache != null ? cache.feeds(batch, random) : imageInput(train, batch, random);
                float rate = scheduled ? (float) schedule.rate(baseRate, (long) (epoch - 1) * batches + b,
                        totalSteps, batches) : Float.NaN;
                float[] lossAndHits = step(ops, x, targets(train, batch), weights(train, batch), n, rate);
                lossSum += lossAndHits[0] * n;
                correct += lossAndHits[1];
                int batchNo = b + 1;
                int epochNo = epoch;
                listeners.forEach(l -> l.batchFinished(phase, epochNo, batchNo, batches, lossAndHits[0],
                        lossAndHits[1] / n));
            }
            Double valLoss = null;
            Double valAcc = null;
            boolean bestNow = false;
            if (validation != null) {
                double[] v = validationCache != null ? evaluate(validationCache, validation) : evaluate(validation);
                valLoss = v[0];
                valAcc = v[1];
                if (settings.keepBestEpoch() && (valAcc > best.accuracy
                        || (valAcc == best.accuracy && valLoss < best.loss))) {
                    bestNow = true;
                    best.accuracy = valAcc;
                    best.loss = valLoss;
                    if (phase == TrainingPhase.FINE_TUNING || best.backbone == null) {
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
            saveCheckpoint(phase.number(), epoch, history, best, bestNow);
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

    /** Training targets: one-hot, smoothed if asked. */
    private float[] targets(LabelledImages data, int[] batch) {
        float[] y = labels(data, batch);
        double smoothing = settings.labelSmoothing();
        if (smoothing > 0) {
            float off = (float) (smoothing / classes);
            float on = (float) (1 - smoothing) + off;
            for (int i = 0; i < y.length; i++) {
                y[i] = y[i] == 1 ? on : off;
            }
        }
        return y;
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

    private float[] step(TrainingGraph.PhaseOps ops, List<Feed> x, float[] y, float[] w, int n, float rate) {
        Session.Runner r = graph.session().runner();
        try (Feeds inputs = new Feeds(r, x);
                TFloat32 labels = TFloat32.tensorOf(Shape.of(n, classes), DataBuffers.of(y, true, false));
                TFloat32 weights = TFloat32.tensorOf(Shape.of(n), DataBuffers.of(w, true, false));
                TFloat32 lr = Float.isNaN(rate) ? null : TFloat32.scalarOf(rate);
                Result res = (lr == null ? r : r.feed(ops.learningRate(), lr)).feed(graph.labels(), labels)
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
