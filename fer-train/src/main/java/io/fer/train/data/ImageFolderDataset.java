package io.fer.train.data;

import io.fer.core.Expression;
import io.fer.core.image.ImageDecoding;
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
 * <p>Folder names are read with {@link Expression#fromName} (any case, usual synonyms such as "angry", "sad",
 * "surprised"), or through a mapping given by the caller, which wins. A folder name that is neither is an error
 * listing the accepted names, and so is a class folder without image files. Files beside the class folders,
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

    /** Reads class folders named after expressions; the data set is named after the folder. */
    public static Dataset load(Path dir) throws IOException {
        return load(dir, Map.of());
    }

    /**
     * Reads class folders, naming expressions through {@code mapping} first (folder name, any case, to expression).
     *
     * @throws DatasetException if the folder is missing, a class folder is empty or a folder name is unknown
     */
    public static Dataset load(Path dir, Map<String, Expression> mapping) throws IOException {
        return load(String.valueOf(dir.toAbsolutePath().normalize().getFileName()), dir, mapping, false);
    }

    /**
     * Reads class folders under a name of one's choosing.
     *
     * @param preCropped whether the images are face crops already
     */
    public static Dataset load(String name, Path dir, Map<String, Expression> mapping, boolean preCropped)
            throws IOException {
        return scan(name, dir, mapping, preCropped, null, null);
    }

    /**
     * The shared scan: {@code ids} (may be null) reads subject and sequence from file names, and a file it does not
     * understand is skipped with {@code idPattern} named in the reason.
     */
    static Dataset scan(String name, Path dir, Map<String, Expression> mapping, boolean preCropped, IdParser ids,
            String idPattern) throws IOException {
        DatasetFiles.requireFolder(dir, "The data set folder");
        Map<String, Expression> byFolder = new HashMap<>();
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
            Expression label = Optional.ofNullable(byFolder.get(entryName.trim().toLowerCase(Locale.ROOT)))
                    .or(() -> Expression.fromName(entryName)).orElse(null);
            if (label == null) {
                unknown.add(entryName);
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
                    unknown.stream().map(u -> "\"" + u + "\"").toList()) + " in " + dir.toAbsolutePath()
                    + (unknown.size() > 1 ? " are not expressions" : " is not an expression") + ". Accepted names: "
                    + Expression.acceptedNames() + ". For other folder names, pass a mapping from folder name to "
                    + "expression.");
        }
        if (classFolders == 0) {
            throw new DatasetException("The data set folder " + dir.toAbsolutePath() + " holds no class folders "
                    + "(expected one folder per expression, e.g. happy/ and sad/)");
        }
        return new Dataset(name, DatasetFiles.classesOf(samples), samples, skipped, preCropped);
    }

    private static boolean isHidden(String name) {
        return name.startsWith(".") || name.equals("__MACOSX") || name.equalsIgnoreCase("Thumbs.db");
    }
}
