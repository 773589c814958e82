package io.fer.train.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The folder layouts fer reads into one {@link Dataset}, by the names the command line uses. */
public enum DatasetLayout {
    /** {@link JaffeDataset}. */
    JAFFE("jaffe"),
    /** {@link CkPlusDataset}, the paper's protocol. */
    CK_PLUS("ckplus", "ck+"),
    /** {@link CkPlus48Dataset}. */
    CK_PLUS_48("ckplus48", "ck+48"),
    /** {@link ImageFolderDataset}, one folder per class. */
    FOLDERS("folders", "folder"),
    /**
     * {@link Fer2013Dataset}: its Training split (of a folder of splits, or of Kaggle's CSV), or the one split a
     * folder of class folders holds (e.g. {@code fer2013/val}, to evaluate on PublicTest).
     */
    FER2013("fer2013");

    private final String[] names;

    DatasetLayout(String... names) {
        this.names = names;
    }

    /** The main name, e.g. {@code "ckplus48"}. */
    public String label() {
        return names[0];
    }

    /** Reads a folder in this layout. */
    public Dataset load(Path dir) throws IOException {
        return switch (this) {
            case JAFFE -> JaffeDataset.load(dir);
            case CK_PLUS -> CkPlusDataset.load(dir);
            case CK_PLUS_48 -> CkPlus48Dataset.load(dir);
            case FOLDERS -> ImageFolderDataset.load(dir);
            case FER2013 -> Fer2013Dataset.isSplitFolder(dir) ? Fer2013Dataset.split(dir)
                    : Fer2013Dataset.load(dir).train();
        };
    }

    /** The layout of a name such as {@code "jaffe"} or {@code "CK+"}, any case. */
    public static Optional<DatasetLayout> fromName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(l -> Arrays.asList(l.names).contains(n)).findFirst();
    }

    /** Every accepted name, for error messages. */
    public static String acceptedNames() {
        return Arrays.stream(values()).map(l -> String.join(" / ", l.names)).collect(Collectors.joining(", "));
    }
}
