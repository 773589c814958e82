package io.fer.train.protocol;

import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Leave-one-subject-out: one fold per subject (in subject-id order, named {@code "subject KA"}), testing on that
 * person and training on everyone else.
 */
public final class LeaveOneSubjectOut implements Protocol {

    @Override
    public String description() {
        return "leave-one-subject-out";
    }

    @Override
    public List<Fold> folds(Dataset dataset) {
        SampleGroups.requireLabelsInClasses(dataset);
        Map<String, List<Sample>> bySubject = SampleGroups.bySubject(dataset, "loso");
        if (bySubject.size() < 2) {
            throw new IllegalArgumentException("dataset '" + dataset.name() + "' has " + bySubject.size()
                    + " subject(s); leave-one-subject-out needs at least 2");
        }
        List<Fold> folds = new ArrayList<>(bySubject.size());
        for (String subject : bySubject.keySet()) {
            String name = "subject " + subject;
            folds.add(new Fold(name,
                    dataset.subset(dataset.name() + " without " + subject,
                            dataset.samples().stream().filter(s -> !subject.equals(s.subject())).toList()),
                    dataset.subset(dataset.name() + " " + name, bySubject.get(subject))));
        }
        return folds;
    }
}
