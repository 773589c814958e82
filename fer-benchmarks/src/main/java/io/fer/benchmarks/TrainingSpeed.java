package io.fer.benchmarks;

import io.fer.core.Expression;
import io.fer.models.Backbone;
import io.fer.train.Evaluation;
import io.fer.train.FerModel;
import io.fer.train.TrainingListener;
import io.fer.train.Weights;
import io.fer.train.augment.Augmentation;
import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import io.fer.train.data.synthetic.SyntheticFaces;
import io.fer.train.eval.EpochMetrics;
import io.fer.train.eval.TrainingPhase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A one-off measurement of the paper's full training recipe with and without the feature cache: EfficientNet-B0 at
 * 224 px, 50 epochs of feature extraction and 50 of fine-tuning from {@code freezeUntil(-6)}, batch 32, the paper's
 * augmentation, on 213 synthetic faces (27 identities x 8 expressions, trimmed), the same seed for both runs.
 * Reports wall time, the speed-up, the final training accuracy and the accuracy on 64 faces of 8 identities that
 * training never saw. Fewer epochs can be asked for; the report then extrapolates to 50 + 50 from the measured
 * per-epoch times and says so.
 *
 * <pre>
 * java … io.fer.benchmarks.TrainingSpeed [--epochs1 50] [--epochs2 50] [--images 213] [--input-size 224]
 *        [--backbone b0] [--weights none] [--feature-cache 8] [--modes cached,uncached] [--results RESULTS.md]
 * </pre>
 */
public final class TrainingSpeed {
    private static final int TRAIN_IDENTITIES = 27;
    private static final int TEST_IDENTITIES = 8;
    private static final int PAPER_EPOCHS = 50;

    /**
     * One training run.
     *
     * @param fixedSeconds wall time outside the epochs: cropping, graph building, weight loading, filling the cache
     */
    public record Run(String mode, int featureCache, double seconds, double fixedSeconds, double phase1EpochSeconds,
            double phase2EpochSeconds, int epochs1, int epochs2, double trainAccuracy, double heldOutAccuracy) {
        /** Wall time at the paper's 50 + 50 epochs: measured when it ran them, else extrapolated. */
        public double paperSeconds() {
            return fixedSeconds + PAPER_EPOCHS * (phase1EpochSeconds + phase2EpochSeconds);
        }
    }

    private TrainingSpeed() {}

    public static void main(String[] args) {
        Args a = new Args(args, Set.of("epochs1", "epochs2", "images", "input-size", "backbone", "weights",
                "feature-cache", "modes", "results"));
        int epochs1 = a.integer("epochs1", PAPER_EPOCHS);
        int epochs2 = a.integer("epochs2", PAPER_EPOCHS);
        int images = a.integer("images", 213);
        int size = a.integer("input-size", 224);
        Backbone backbone = Backbone.parse(a.text("backbone", "b0"));
        String weights = a.text("weights", "none");
        int cache = a.integer("feature-cache", 8);
        MachineInfo machine = MachineInfo.current();

        Dataset all = SyntheticFaces.builder().identities(TRAIN_IDENTITIES + TEST_IDENTITIES).imagesPerClass(1)
                .imageSize(size).seed(42).build();
        List<Sample> trainSamples = new ArrayList<>();
        List<Sample> testSamples = new ArrayList<>();
        for (Sample s : all.samples()) {
            int person = Integer.parseInt(s.subject().substring(3));
            (person < TRAIN_IDENTITIES ? trainSamples : testSamples).add(s);
        }
        if (images > trainSamples.size()) {
            throw new IllegalArgumentException("--images " + images + " is more than the " + trainSamples.size()
                    + " faces of " + TRAIN_IDENTITIES + " identities");
        }
        Dataset train = all.subset("synthetic-train", trainSamples.subList(0, images));
        Dataset test = all.subset("synthetic-heldout", testSamples);

        List<Run> runs = new ArrayList<>();
        for (String mode : a.text("modes", "cached,uncached").split(",")) {
            int variants = switch (mode.trim()) {
                case "cached" -> cache;
                case "uncached" -> 0;
                default -> throw new IllegalArgumentException("--modes lists cached and/or uncached, got " + mode);
            };
            System.out.printf(Locale.ROOT, "%s (featureCache %d): %s %d px, %d + %d epochs, %d images%n", mode,
                    variants, backbone.label(), size, epochs1, epochs2, images);
            runs.add(run(mode.trim(), variants, backbone, size, Weights.parse(weights), epochs1, epochs2, train,
                    test));
            Run r = runs.get(runs.size() - 1);
            System.out.printf(Locale.ROOT, "%s: %.1f s, train accuracy %.3f, held-out accuracy %.3f%n", r.mode(),
                    r.seconds(), r.trainAccuracy(), r.heldOutAccuracy());
        }
        String section = markdown(backbone, size, images, test.samples().size(), weights, runs, machine);
        System.out.println(section);
        String file = a.text("results", null);
        if (file != null) {
            new ResultsFile(Path.of(file)).replaceSection("training", section);
        }
    }

    private static Run run(String mode, int variants, Backbone backbone, int size, Weights weights, int epochs1,
            int epochs2, Dataset train, Dataset test) {
        TrainingListener epochLines = new TrainingListener() {
            @Override
            public void epochFinished(EpochMetrics m) {
                System.out.printf(Locale.ROOT, "  phase %d epoch %d: loss %.4f acc %.3f (%.1f s)%n", m.phase().number(),
                        m.epoch(), m.trainLoss(), m.trainAccuracy(), m.seconds());
            }
        };
        long start = System.nanoTime();
        try (FerModel model = FerModel.builder().backbone(backbone).weights(weights).inputSize(size)
                .freezeUntil(-6).featureExtraction(epochs1, 1e-3).fineTuning(epochs2, 1e-4).batchSize(32)
                .augmentation(Augmentation.paper()).featureCache(variants).seed(42).cropCache(null).quiet()
                .listener(epochLines).fit(train)) {
            double seconds = (System.nanoTime() - start) / 1e9;
            List<EpochMetrics> p1 = model.history().phase(TrainingPhase.FEATURE_EXTRACTION);
            List<EpochMetrics> p2 = model.history().phase(TrainingPhase.FINE_TUNING);
            double inEpochs = 0;
            for (EpochMetrics m : model.history().epochs()) {
                inEpochs += m.seconds();
            }
            Evaluation heldOut = model.evaluate(test);
            return new Run(mode, variants, seconds, seconds - inEpochs, mean(p1), mean(p2), p1.size(), p2.size(),
                    model.history().last().trainAccuracy(), heldOut.accuracy());
        }
    }

    private static double mean(List<EpochMetrics> epochs) {
        return epochs.stream().mapToDouble(EpochMetrics::seconds).average().orElse(0);
    }

    static String markdown(Backbone backbone, int size, int images, int testImages, String weights, List<Run> runs,
            MachineInfo machine) {
        boolean extrapolated = runs.stream().anyMatch(r -> r.epochs1() != PAPER_EPOCHS || r.epochs2() != PAPER_EPOCHS);
        StringBuilder sb = new StringBuilder("## Training speed: the paper's recipe, cached vs uncached\n\n");
        sb.append(String.format(Locale.ROOT, "`TrainingSpeed` (`run.sh --training`): %s at %d px, freezeUntil(-6), "
                + "batch 32, Adam 1e-3 then 1e-4, paper augmentation, seed 42, weights %s, %d synthetic faces of %d "
                + "identities for training, %d faces of %d other identities held out (%d classes). "
                + "Cached = `featureCache(8)` (the default), uncached = `featureCache(0)`.%n%n", backbone.label(),
                size, weights, images, TRAIN_IDENTITIES, testImages, TEST_IDENTITIES, Expression.values().length));
        sb.append("| run | epochs run | wall time | outside epochs | s/epoch phase 1 | s/epoch phase 2 "
                + "| 50 + 50 epochs | final train acc | held-out acc |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Run r : runs) {
            sb.append(String.format(Locale.ROOT, "| %s (featureCache %d) | %d + %d | %s | %s | %.2f | %.2f | %s%s "
                    + "| %.3f | %.3f |%n", r.mode(), r.featureCache(), r.epochs1(), r.epochs2(), minutes(r.seconds()),
                    minutes(r.fixedSeconds()), r.phase1EpochSeconds(), r.phase2EpochSeconds(),
                    minutes(r.paperSeconds()), r.epochs1() == PAPER_EPOCHS && r.epochs2() == PAPER_EPOCHS ? ""
                            : " (extrapolated)", r.trainAccuracy(), r.heldOutAccuracy()));
        }
        Run cached = runs.stream().filter(r -> r.mode().equals("cached")).findFirst().orElse(null);
        Run uncached = runs.stream().filter(r -> r.mode().equals("uncached")).findFirst().orElse(null);
        if (cached != null && uncached != null) {
            sb.append(String.format(Locale.ROOT, "%nSpeed-up of the cache at 50 + 50 epochs: %.1fx (%s vs %s)%s.%n",
                    uncached.paperSeconds() / cached.paperSeconds(), minutes(cached.paperSeconds()),
                    minutes(uncached.paperSeconds()), extrapolated
                            ? "; extrapolated from fewer epochs: fixed time + 50 x the measured mean epoch time per"
                                    + " phase" : ""));
        }
        if (weights.equals("none")) {
            sb.append(String.format(Locale.ROOT, "%nWith random weights (`none`) the frozen backbone's features carry "
                    + "no class information, so both runs stay near chance (1/%d = %.3f): these accuracies show only "
                    + "that caching does not break training, not what the recipe reaches. For a meaningful comparison "
                    + "run `run.sh --training -- --weights imagenet` where the ImageNet weights are cached.%n",
                    Expression.values().length, 1.0 / Expression.values().length));
        }
        sb.append("\n").append(machine.markdown()).append("\n");
        return sb.toString();
    }

    private static String minutes(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }
}
