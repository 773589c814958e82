package io.fer.train.protocol;

import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Checks and groupings the protocols share. */
final class SampleGroups {

    private SampleGroups() {}

    /** Fails on a sample whose label is not one of the dataset's classes: stratifying it would be meaningless. */
    static void requireLabelsInClasses(Dataset dataset) {
        Set<String> classes = Set.copyOf(dataset.classes());
        for (Sample s : dataset.samples()) {
            if (!classes.contains(s.label())) {
                throw new IllegalArgumentException("sample '" + s.id() + "' of dataset '" + dataset.name()
                        + "' is labelled " + s.label() + ", which is not one of its classes "
                        + labels(dataset.classes()));
            }
        }
    }

    /** Samples by class, in the dataset's class order, each list in dataset order. */
    static Map<String, List<Sample>> byClass(Dataset dataset) {
        Map<String, List<Sample>> byClass = new LinkedHashMap<>();
        dataset.classes().forEach(c -> byClass.put(c, new ArrayList<>()));
        dataset.samples().forEach(s -> byClass.get(s.label()).add(s));
        return byClass;
    }

    /**
     * Samples by subject id, sorted by id so that the grouping does not depend on file order.
     *
     * @param protocol the protocol's name, for the error
     * @throws IllegalArgumentException naming the first sample without a subject id
     */
    static TreeMap<String, List<Sample>> bySubject(Dataset dataset, String protocol) {
        TreeMap<String, List<Sample>> bySubject = new TreeMap<>();
        for (Sample s : dataset.samples()) {
            String subject = s.subjectId().filter(id -> !id.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                    "sample '" + s.id() + "'" + (s.file() == null ? "" : " (" + s.file() + ")") + " of dataset '"
                            + dataset.name() + "' has no subject id, but protocol " + protocol
                            + " needs one for every sample"));
            bySubject.computeIfAbsent(subject, k -> new ArrayList<>()).add(s);
        }
        return bySubject;
    }

    static String labels(List<String> classes) {
        return classes.toString();
    }
}
