package io.fer.train.protocol;

import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Cross-dataset evaluation: train on the dataset given to {@link #folds}, test on the one given here, over the
 * classes both have. Both sides are restricted to those common classes, in the training set's order; every sample
 * of another class is listed in its dataset's {@link Dataset#skipped()} with the reason, not silently dropped.
 */
public final class CrossDataset implements Protocol {

    private final Dataset target;

    /** @param target the dataset to test on */
    public CrossDataset(Dataset target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public String description() {
        return "cross-dataset, tested on '" + target.name() + "'";
    }

    @Override
    public List<Fold> folds(Dataset source) {
        SampleGroups.requireLabelsInClasses(source);
        SampleGroups.requireLabelsInClasses(target);
        Set<String> targetClasses = Set.copyOf(target.classes());
        List<String> common = source.classes().stream().filter(targetClasses::contains).toList();
        if (common.size() < 2) {
            throw new IllegalArgumentException("datasets '" + source.name() + "' " + SampleGroups.labels(source.classes())
                    + " and '" + target.name() + "' " + SampleGroups.labels(target.classes()) + " share "
                    + common.size() + " class(es); cross-dataset evaluation needs at least 2");
        }
        String reason = "not one of the classes both '" + source.name() + "' and '" + target.name() + "' have "
                + SampleGroups.labels(common);
        return List.of(new Fold("train " + source.name() + ", test " + target.name(),
                restrict(source, common, reason), restrict(target, common, reason)));
    }

    private static Dataset restrict(Dataset dataset, List<String> classes, String reason) {
        Set<String> keep = Set.copyOf(classes);
        List<Sample> kept = new ArrayList<>();
        List<Dataset.Skipped> dropped = new ArrayList<>();
        for (Sample s : dataset.samples()) {
            if (keep.contains(s.label())) {
                kept.add(s);
            } else {
                dropped.add(new Dataset.Skipped(s.file() == null ? s.id() : s.file().toString(),
                        "class " + s.label() + " is " + reason));
            }
        }
        return new Dataset(dataset.name(), classes, kept, dropped, dataset.preCropped());
    }
}
