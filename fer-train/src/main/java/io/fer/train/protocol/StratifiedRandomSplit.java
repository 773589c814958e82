package io.fer.train.protocol;

import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A single random train/test split, stratified by class: each class puts {@code round(n * trainFraction)} of its
 * {@code n} samples into training (the paper's 90/10 is {@code trainFraction = 0.9}).
 *
 * <p>Subjects may appear on both sides; use {@link SubjectKFold} or {@link LeaveOneSubjectOut} for
 * subject-independent results. The same dataset (same sample order) and seed give the same split.
 */
public final class StratifiedRandomSplit implements Protocol {

    private final double trainFraction;
    private final long seed;

    /**
     * @param trainFraction share of each class that goes to training, strictly between 0 and 1
     * @param seed seeds the shuffle
     */
    public StratifiedRandomSplit(double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("train fraction must be strictly between 0 and 1, got " + trainFraction);
        }
        this.trainFraction = trainFraction;
        this.seed = seed;
    }

    public double trainFraction() {
        return trainFraction;
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "stratified random split %s (seed %d)", percentages(), seed);
    }

    @Override
    public List<Fold> folds(Dataset dataset) {
        SampleGroups.requireLabelsInClasses(dataset);
        Random random = new Random(seed);
        // by identity: two samples that happen to be equal are still two samples
        Set<Sample> trainSet = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, List<Sample>> entry : SampleGroups.byClass(dataset).entrySet()) {
            List<Sample> shuffled = new ArrayList<>(entry.getValue());
            Collections.shuffle(shuffled, random);
            trainSet.addAll(shuffled.subList(0, (int) Math.round(shuffled.size() * trainFraction)));
        }
        // both sides keep the dataset's order, so the split reads the same as the source
        List<Sample> train = dataset.samples().stream().filter(trainSet::contains).toList();
        List<Sample> test = dataset.samples().stream().filter(s -> !trainSet.contains(s)).toList();
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("dataset '" + dataset.name() + "' with " + dataset.samples().size()
                    + " samples is too small for a " + percentages() + " split: one side would be empty");
        }
        String name = "random " + percentages();
        return List.of(new Fold(name, dataset.subset(dataset.name() + " " + name + " train", train),
                dataset.subset(dataset.name() + " " + name + " test", test)));
    }

    private String percentages() {
        double trainPercent = trainFraction * 100;
        return format(trainPercent) + "/" + format(100 - trainPercent);
    }

    private static String format(double percent) {
        return Math.abs(percent - Math.rint(percent)) < 1e-9
                ? Long.toString(Math.round(percent))
                : String.format(Locale.ROOT, "%.1f", percent);
    }
}
