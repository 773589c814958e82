package io.fer.train.protocol;

import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Explicit train and test folders: the dataset given to {@link #folds} is the training set, the one given here the
 * test set. One fold. The test set is re-expressed in the training set's class order (the order of the model's
 * outputs); a test label the training set lacks, or a file present in both, is an error.
 */
public final class ExplicitTestSet implements Protocol {

    private final Dataset test;

    /** @param test the held-out dataset */
    public ExplicitTestSet(Dataset test) {
        this.test = Objects.requireNonNull(test, "test");
    }

    @Override
    public String description() {
        return "explicit test set '" + test.name() + "'";
    }

    @Override
    public List<Fold> folds(Dataset train) {
        SampleGroups.requireLabelsInClasses(train);
        SampleGroups.requireLabelsInClasses(test);
        Set<String> trainClasses = Set.copyOf(train.classes());
        for (Sample s : test.samples()) {
            if (!trainClasses.contains(s.label())) {
                throw new IllegalArgumentException("test sample '" + s.id() + "' of '" + test.name() + "' is labelled "
                        + s.label() + ", a class the training set '" + train.name() + "' does not have "
                        + SampleGroups.labels(train.classes()));
            }
        }
        Map<Path, Sample> trainFiles = new HashMap<>();
        train.samples().stream().filter(s -> s.file() != null)
                .forEach(s -> trainFiles.put(s.file().toAbsolutePath().normalize(), s));
        for (Sample s : test.samples()) {
            if (s.file() != null && trainFiles.containsKey(s.file().toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("file " + s.file() + " is in both the training set '" + train.name()
                        + "' and the test set '" + test.name() + "'");
            }
        }
        Dataset testInTrainOrder = new Dataset(test.name(), train.classes(), test.samples(), test.skipped(),
                test.preCropped());
        return List.of(new Fold("test set " + test.name(), train, testInTrainOrder));
    }
}
