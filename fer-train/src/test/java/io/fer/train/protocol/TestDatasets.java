package io.fer.train.protocol;

import io.fer.core.Expression;
import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Small synthetic datasets for the protocol tests; images are never loaded. */
final class TestDatasets {

    private static final Sample.ImageLoader NO_IMAGE = () -> new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);

    private final String name;
    private final List<Expression> classes;
    private final List<Sample> samples = new ArrayList<>();

    private TestDatasets(String name, Expression... classes) {
        this.name = name;
        this.classes = Arrays.asList(classes);
    }

    static TestDatasets named(String name, Expression... classes) {
        return new TestDatasets(name, classes);
    }

    /** Adds {@code count} samples of {@code label} for {@code subject} (null: unknown), one sequence per call. */
    TestDatasets add(String subject, Expression label, int count) {
        String sequence = subject == null ? null : subject + "_" + label.label();
        for (int i = 0; i < count; i++) {
            String id = (subject == null ? "anon" : subject) + "/" + label.label() + "/" + samples.size() + ".png";
            samples.add(new Sample(id, label.label(), subject, sequence, Path.of("/data", name, id), NO_IMAGE));
        }
        return this;
    }

    Dataset build() {
        return new Dataset(name, classes.stream().map(Expression::label).toList(), samples, List.of(), false);
    }

    static List<String> ids(Dataset dataset) {
        return dataset.samples().stream().map(Sample::id).toList();
    }

    static long count(Dataset dataset, String label) {
        return dataset.samples().stream().filter(s -> s.label().equals(label)).count();
    }

    static long count(Dataset dataset, Expression label) {
        return count(dataset, label.label());
    }
}
