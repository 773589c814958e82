package io.fer.train.data;

import io.fer.core.internal.image.ImageDecoding;
import io.fer.train.data.Dataset.Skipped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A data set laid out as one folder per class ({@code happy/}, {@code sad/} …), as most downloads and one's own
 * photos are.
 *
 * <p>Each class folder's name is its label ({@link ClassLabels#of}): fer's expressions under their usual names and
 * synonyms (any case: "Angry", "sad", "surprised") become those expressions, and any other name ("pain", "yawn") is
 * a class of its own. A mapping given by the caller (folder name, any case, to label) wins. A class folder without
 * image files is an error, and so is a folder name that cannot be a label (blank, too long, control characters). Files beside the class folders,
 * sub-folders inside them, hidden entries and non-image files are listed as ignored; images whose header cannot be
 * read are listed as skipped. Subjects are unknown in this layout.
 */
public final class ImageFolderDataset {
    private ImageFolderDataset() {}

    /** Subject and sequence ids that a layout reads from a file name. */
    record Ids(String subject, String sequence) {}

    /** Reads ids from a file name; empty when the name does not follow the layout's pattern. */
    @FunctionalInterface
    interface IdParser {
        Optional<Ids> parse(String fileName);
    }

    /** Reads one class folder per label; the data set is named after the folder. */
    public static Dataset load(Path dir) throws IOException {
        return load(dir, Map.of());
    }

    /**
     * Reads class folders, naming classes through {@code mapping} first (folder name, any case, to label).
     *
     * @throws DatasetException if the folder is missing, a class folder is empty or a folder name cannot be a label
     */
    public static Dataset load(Path dir, Map<String, String> mapping) throws IOException {
        return load(String.valueOf(dir.toAbsolutePath().normalize().getFileName()), dir, mapping, false);
    }

    /**
     * Reads class folders under a name of one's choosing.
     *
     * @param preCropped whether the images are face crops already
     */
    public static Dataset load(String name, Path dir, Map<String, String> mapping, boolean preCropped)
            throws IOException {
        return scan(name, dir, mapping, preCropped, null, null);
    }

    /**
     * The shared scan: {@code ids} (may be null) reads subject and sequence from file names, and a file it does not
     * understand is skipped with {@code idPattern} named in the reason.
     */
    static Dataset scan(String name, Path dir, Map<String, String> mapping, boolean preCropped, IdParser ids,
            String idPattern) throws IOException {
        DatasetFiles.requireFolder(dir, "The data set folder");
        Map<String, String> byFolder = new HashMap<>();
        mapping.forEach((k, v) -> byFolder.put(k.trim().toLowerCase(Locale.ROOT), v));
        List<Sample> samples = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        int classFolders = 0;
        for (Path entry : DatasetFiles.list(dir)) {
            String entryName = entry.getFileName().toString();
            if (isHidden(entryName)) {
                skipped.add(Skipped.ignored(entryName, "hidden"));
                continue;
            }
            if (!Files.isDirectory(entry)) {
                skipped.add(Skipped.ignored(entryName, "a file beside the class folders"));
                continue;
            }
            String label;
            try {
                label = ClassLabels.of(byFolder.getOrDefault(entryName.trim().toLowerCase(Locale.ROOT), entryName));
            } catch (IllegalArgumentException e) {
                unknown.add(entryName + "\" (" + e.getMessage() + ")");
                continue;
            }
            classFolders++;
            int images = 0;
            for (Path file : DatasetFiles.list(entry)) {
                String fileName = file.getFileName().toString();
                String id = entryName + "/" + fileName;
                if (isHidden(fileName)) {
                    skipped.add(Skipped.ignored(id, "hidden"));
                } else if (Files.isDirectory(file)) {
                    skipped.add(Skipped.ignored(id, "a folder inside a class folder; not searched"));
                } else if (!ImageDecoding.hasImageExtension(fileName)) {
                    skipped.add(Skipped.ignored(id, "not an image file"));
                } else {
                    images++;
                    Ids found = ids == null ? new Ids(null, null) : ids.parse(fileName).orElse(null);
                    if (found == null) {
                        skipped.add(new Skipped(id, "name does not follow " + idPattern));
                    } else if (DatasetFiles.headerReadable(file, id, skipped)) {
                        samples.add(Sample.ofFile(id, label, found.subject(), found.sequence(), file));
                    }
                }
            }
            if (images == 0) {
                throw new DatasetException("Class folder " + entry.toAbsolutePath() + " holds no image files ("
                        + String.join(", ", ImageDecoding.IMAGE_EXTENSIONS.stream().sorted().toList()) + ")");
            }
        }
        if (!unknown.isEmpty()) {
            throw new DatasetException("Folder" + (unknown.size() > 1 ? "s " : " ") + String.join(", ",
                    unknown.stream().map(u -> "\"" + u).toList()) + " in " + dir.toAbsolutePath()
                    + (unknown.size() > 1 ? " cannot be class labels" : " cannot be a class label")
                    + ". Rename the folder or pass a mapping from folder name to label.");
        }
        if (classFolders == 0) {
            throw new DatasetException("The data set folder " + dir.toAbsolutePath() + " holds no class folders "
                    + "(expected one folder per class, e.g. happy/ and sad/)");
        }
        return new Dataset(name, DatasetFiles.classesOf(samples), samples, skipped, preCropped);
    }

    private static boolean isHidden(String name) {
        return name.startsWith(".") || name.equals("__MACOSX") || name.equalsIgnoreCase("Thumbs.db");
    }
}
