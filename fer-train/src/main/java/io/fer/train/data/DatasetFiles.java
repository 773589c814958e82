package io.fer.train.data;

import io.fer.core.image.UnreadableImageException;
import io.fer.core.internal.image.ImageDecoding;
import io.fer.train.data.Dataset.Skipped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Folder listing and checks that the data set adapters share. */
final class DatasetFiles {
    private DatasetFiles() {}

    /** The folder, or a {@link DatasetException} saying it is missing or not a folder. */
    static Path requireFolder(Path dir, String what) throws DatasetException {
        if (!Files.exists(dir)) {
            throw new DatasetException(what + " " + dir.toAbsolutePath() + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(what + " " + dir.toAbsolutePath() + " is a file, not a folder");
        }
        return dir;
    }

    /** The entries of a folder, sorted by name, so that every run sees the same order. */
    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    /** The path of {@code file} relative to {@code root}, with {@code /} separators: a sample id. */
    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /**
     * Reads an image file's header; if that fails, lists the file as skipped with the decoder's reason.
     *
     * @return whether the file can be used
     */
    static boolean headerReadable(Path file, String id, List<Skipped> skipped) {
        try {
            ImageDecoding.readInfo(file);
            return true;
        } catch (UnreadableImageException e) {
            skipped.add(new Skipped(id, e.reason()));
            return false;
        }
    }

    /** The labels that have samples, in {@link ClassLabels#ORDER}. */
    static List<String> classesOf(List<Sample> samples) {
        return ClassLabels.ordered(samples.stream().map(Sample::label).collect(Collectors.toSet()));
    }
}
