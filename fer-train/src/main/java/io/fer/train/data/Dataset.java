package io.fer.train.data;

import io.fer.core.Expression;
import io.fer.core.image.UnreadableImageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A labelled set of face images: its samples, the classes it covers (in the order a model's outputs will use),
 * and every file it had to skip, with the reason.
 *
 * @param name a short name for reports, e.g. {@code "jaffe"}
 * @param classes the class labels present, in a fixed order (usually {@link ClassLabels#ORDER})
 * @param samples the images
 * @param skipped files left out and why; never silently dropped
 * @param preCropped whether the images are already face crops (CK+48, synthetic faces), so detection may be skipped
 */
public record Dataset(String name, List<String> classes, List<Sample> samples, List<Skipped> skipped,
        boolean preCropped) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        classes = List.copyOf(classes);
        samples = List.copyOf(samples);
        skipped = List.copyOf(skipped);
    }

    /** A file that was not turned into a sample, and why. */
    public record Skipped(String file, String reason) {
        /** Starts the reason of a file that is not part of the layout at all (a README, {@code .DS_Store}). */
        public static final String IGNORED = "ignored: ";

        /** A file that is not part of the layout, e.g. {@code ignored("README", "not an image file")}. */
        public static Skipped ignored(String file, String why) {
            return new Skipped(file, IGNORED + why);
        }

        /** Whether the file is simply not part of the layout, rather than a data file that could not be used. */
        public boolean isIgnored() {
            return reason.startsWith(IGNORED);
        }
    }

    /** A dataset over a subset of the samples, same classes, no skips. */
    public Dataset subset(String subsetName, List<Sample> subsetSamples) {
        return new Dataset(subsetName, classes, subsetSamples, List.of(), preCropped);
    }

    /**
     * Decodes every sample's image in full and returns this data set without those that fail (a truncated file
     * passes the header check that loading does), listed as skipped with the decoder's reason. Slow on big sets.
     */
    public Dataset decodeAll() {
        List<Sample> good = new ArrayList<>(samples.size());
        List<Skipped> allSkipped = new ArrayList<>(skipped);
        for (Sample s : samples) {
            try {
                s.load();
                good.add(s);
            } catch (IOException | RuntimeException e) {
                allSkipped.add(new Skipped(s.id(), e instanceof UnreadableImageException u ? u.reason()
                        : String.valueOf(e.getMessage())));
            }
        }
        return new Dataset(name, classes, good, allSkipped, preCropped);
    }

    /** Number of samples of each class, in {@link #classes()} order. */
    public Map<String, Integer> countsPerClass() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String e : classes) {
            counts.put(e, 0);
        }
        for (Sample s : samples) {
            counts.merge(s.label(), 1, Integer::sum);
        }
        return counts;
    }

    /** Index of a class label in {@link #classes()}, or -1. */
    public int classIndex(String label) {
        return classes.indexOf(label);
    }

    /** Index of an expression in {@link #classes()}, or -1. */
    public int classIndex(Expression e) {
        return classes.indexOf(e.label());
    }
}
