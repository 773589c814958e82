package io.fer.train.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CK+48: 981 face crops of 48x48 pixels from CK+ in seven class folders ({@code anger contempt disgust fear happy
 * sadness surprise}), named like {@code S010_004_00000017.png} (subject S010, sequence 004, frame 17).
 *
 * <p>Read as {@link ImageFolderDataset} does, with subject ({@code S010}) and sequence ({@code S010_004}) taken from
 * each file name; a file whose name does not follow the pattern is skipped and listed, since a sample of unknown
 * subject could leak between the sides of a subject-independent split. The data set is marked pre-cropped.
 */
public final class CkPlus48Dataset {
    private static final Pattern NAME = Pattern.compile("(S\\d+)_(\\d+)_(\\d+)\\.[A-Za-z]+",
            Pattern.CASE_INSENSITIVE);

    private CkPlus48Dataset() {}

    /**
     * Reads the CK+48 folder (the one holding {@code anger/}, {@code happy/} …).
     *
     * @throws DatasetException if the folder is missing, a class folder is empty or a folder name is unknown
     */
    public static Dataset load(Path dir) throws IOException {
        return ImageFolderDataset.scan("ckplus48", dir, Map.of(), true, CkPlus48Dataset::ids,
                "CK+48's S010_004_00000017.png");
    }

    static Optional<ImageFolderDataset.Ids> ids(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        String subject = "S" + m.group(1).substring(1);
        return Optional.of(new ImageFolderDataset.Ids(subject, subject + "_" + m.group(2)));
    }
}
