package io.fer.train.data;

import io.fer.core.Expression;
import java.util.List;
import java.util.Objects;

/**
 * A labelled set of face images: its samples, the classes it covers (in the order a model's outputs will use),
 * and every file it had to skip, with the reason.
 *
 * @param name a short name for reports, e.g. {@code "jaffe"}
 * @param classes the expressions present, in a fixed order (usually {@link Expression} order)
 * @param samples the images
 * @param skipped files left out and why; never silently dropped
 * @param preCropped whether the images are already face crops (CK+48, synthetic faces), so detection may be skipped
 */
public record Dataset(String name, List<Expression> classes, List<Sample> samples, List<Skipped> skipped,
        boolean preCropped) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        classes = List.copyOf(classes);
        samples = List.copyOf(samples);
        skipped = List.copyOf(skipped);
    }

    /** A file that was not turned into a sample, and why. */
    public record Skipped(String file, String reason) {}

    /** A dataset over a subset of the samples, same classes, no skips. */
    public Dataset subset(String subsetName, List<Sample> subsetSamples) {
        return new Dataset(subsetName, classes, subsetSamples, List.of(), preCropped);
    }

    /** Index of an expression in {@link #classes()}, or -1. */
    public int classIndex(Expression e) {
        return classes.indexOf(e);
    }
}
