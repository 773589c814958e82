package io.fer.train.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A data set that comes split already, as in the paper's layout: {@code train/} and {@code test/}, each one folder
 * per class ({@link ImageFolderDataset}). Both sides share one class list (the union, in {@link ClassLabels#ORDER}),
 * so that class indices mean the same on both.
 *
 * @param train the training side
 * @param test the test side
 */
public record TrainTestDatasets(Dataset train, Dataset test) {

    public TrainTestDatasets {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }

    /** Reads {@code root/train} and {@code root/test}, class folders named after expressions. */
    public static TrainTestDatasets load(Path root) throws IOException {
        return load(root, Map.of());
    }

    /**
     * Reads {@code root/train} and {@code root/test}, naming classes through {@code mapping} first (folder name to label).
     *
     * @throws DatasetException if a side is missing or does not follow the class-folder layout
     */
    public static TrainTestDatasets load(Path root, Map<String, String> mapping) throws IOException {
        DatasetFiles.requireFolder(root, "The data set folder");
        String name = String.valueOf(root.toAbsolutePath().normalize().getFileName());
        Dataset train = side(root, "train", name, mapping);
        Dataset test = side(root, "test", name, mapping);
        Set<String> union = new HashSet<>();
        union.addAll(train.classes());
        union.addAll(test.classes());
        List<String> classes = ClassLabels.ordered(union);
        return new TrainTestDatasets(withClasses(train, classes), withClasses(test, classes));
    }

    private static Dataset side(Path root, String side, String name, Map<String, String> mapping)
            throws IOException {
        Path dir = root.resolve(side);
        if (!Files.isDirectory(dir)) {
            throw new DatasetException("The data set folder " + root.toAbsolutePath() + " has no " + side
                    + " folder (expected train/ and test/, each with one folder per class)");
        }
        return ImageFolderDataset.load(name + "-" + side, dir, mapping, false);
    }

    private static Dataset withClasses(Dataset d, List<String> classes) {
        return new Dataset(d.name(), classes, d.samples(), d.skipped(), d.preCropped());
    }
}
