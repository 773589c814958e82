package io.fer.train.data;

import io.fer.core.Expression;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * FER2013 (Goodfellow et al. 2013): 48x48 grey web faces with seven expressions, in either of the two layouts users
 * download: a folder with {@code train/} and {@code val/} and/or {@code test/}, a folder per class named as FER2013
 * names them (angry, disgust, fear, happy, neutral, sad, surprise), or Kaggle's {@code fer2013.csv} (columns
 * {@code emotion,pixels,Usage}; emotion 0..6 = angry, disgust, fear, happy, sad, surprise, neutral; Usage Training,
 * PublicTest or PrivateTest), read as a stream. The images are face crops already, so they are not face-detected.
 *
 * @param train the Training split
 * @param validation PublicTest ({@code val/}, or the CSV's PublicTest rows), if present
 * @param test PrivateTest ({@code test/}, or the CSV's PrivateTest rows), if present
 */
public record Fer2013Dataset(Dataset train, Optional<Dataset> validation, Optional<Dataset> test) {

    /** FER2013's emotion codes in order. */
    private static final List<Expression> CODES = List.of(Expression.ANGER, Expression.DISGUST, Expression.FEAR,
            Expression.HAPPY, Expression.SADNESS, Expression.SURPRISE, Expression.NEUTRAL);
    private static final int SIDE = 48;

    /** Reads a FER2013 folder or CSV file; errors name the file, a bad CSV row its line number. */
    public static Fer2013Dataset load(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return loadCsv(path);
        }
        DatasetFiles.requireFolder(path, "The FER2013 folder");
        Path train = path.resolve("train");
        if (!Files.isDirectory(train)) {
            throw new DatasetException("The FER2013 folder " + path.toAbsolutePath() + " has no train/ folder "
                    + "(expected train/ and val/ or test/, each with a folder per class, or Kaggle's fer2013.csv)");
        }
        Optional<Dataset> val = side(path, "val");
        if (val.isEmpty()) {
            val = side(path, "validation");
        }
        Optional<Dataset> test = side(path, "test");
        Dataset trainSet = ImageFolderDataset.load("fer2013-train", train, Map.of(), true);
        return aligned(trainSet, val, test);
    }

    /** Whether {@code path} is one split's folder (class folders, no {@code train/}) rather than the whole set. */
    public static boolean isSplitFolder(Path path) {
        return Files.isDirectory(path) && !Files.isDirectory(path.resolve("train"));
    }

    /** One split's folder (a folder per class, e.g. {@code fer2013/val}), read as pre-cropped faces. */
    public static Dataset split(Path dir) throws IOException {
        return ImageFolderDataset.load("fer2013-" + dir.toAbsolutePath().normalize().getFileName(), dir, Map.of(),
                true);
    }

    /** The classes of the three splits made one list (the union, in {@link ClassLabels#ORDER}). */
    private static Fer2013Dataset aligned(Dataset train, Optional<Dataset> val, Optional<Dataset> test) {
        Set<String> union = new HashSet<>();
        union.addAll(train.classes());
        val.ifPresent(d -> union.addAll(d.classes()));
        test.ifPresent(d -> union.addAll(d.classes()));
        List<String> classes = ClassLabels.ordered(union);
        return new Fer2013Dataset(withClasses(train, classes), val.map(d -> withClasses(d, classes)),
                test.map(d -> withClasses(d, classes)));
    }

    private static Dataset withClasses(Dataset d, List<String> classes) {
        return new Dataset(d.name(), classes, d.samples(), d.skipped(), true);
    }

    private static Optional<Dataset> side(Path root, String name) throws IOException {
        Path dir = root.resolve(name);
        return Files.isDirectory(dir) ? Optional.of(ImageFolderDataset.load("fer2013-" + name, dir, Map.of(), true))
                : Optional.empty();
    }

    /** Reads Kaggle's {@code fer2013.csv}. */
    static Fer2013Dataset loadCsv(Path csv) throws IOException {
        List<Sample> train = new ArrayList<>();
        List<Sample> publicTest = new ArrayList<>();
        List<Sample> privateTest = new ArrayList<>();
        List<Dataset.Skipped> skipped = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.US_ASCII)) {
            String header = in.readLine();
            if (header == null) {
                throw new DatasetException("FER2013 file " + csv.toAbsolutePath() + " is empty");
            }
            String[] columns = header.trim().toLowerCase(Locale.ROOT).split(",");
            int emotion = indexOf(columns, "emotion", csv);
            int pixels = indexOf(columns, "pixels", csv);
            int usage = indexOf(columns, "usage", csv);
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String id = "line " + lineNo;
                String[] f = line.split(",", -1);
                if (f.length != columns.length) {
                    skipped.add(new Dataset.Skipped(id, "has " + f.length + " fields, the header " + columns.length));
                    continue;
                }
                int code;
                try {
                    code = Integer.parseInt(f[emotion].trim());
                } catch (NumberFormatException e) {
                    skipped.add(new Dataset.Skipped(id, "emotion '" + f[emotion] + "' is not a number 0..6"));
                    continue;
                }
                if (code < 0 || code >= CODES.size()) {
                    skipped.add(new Dataset.Skipped(id, "emotion " + code + " is not one of 0..6"));
                    continue;
                }
                byte[] grey = parsePixels(f[pixels]);
                if (grey == null) {
                    skipped.add(new Dataset.Skipped(id, "pixels are not " + SIDE * SIDE
                            + " space-separated numbers 0..255"));
                    continue;
                }
                List<Sample> target = switch (f[usage].trim()) {
                    case "Training" -> train;
                    case "PublicTest" -> publicTest;
                    case "PrivateTest" -> privateTest;
                    default -> null;
                };
                if (target == null) {
                    skipped.add(new Dataset.Skipped(id, "Usage '" + f[usage].trim()
                            + "' is not Training, PublicTest or PrivateTest"));
                    continue;
                }
                target.add(new Sample(id, CODES.get(code).label(), null, null, null, () -> image(grey)));
            }
        }
        if (train.isEmpty()) {
            throw new DatasetException("FER2013 file " + csv.toAbsolutePath() + " has no usable Training row"
                    + (skipped.isEmpty() ? "" : " (" + skipped.size() + " bad rows, the first: "
                            + skipped.get(0).file() + " " + skipped.get(0).reason() + ")"));
        }
        return aligned(dataset("fer2013-train", train, skipped), optional("fer2013-publictest", publicTest),
                optional("fer2013-privatetest", privateTest));
    }

    private static Optional<Dataset> optional(String name, List<Sample> samples) {
        return samples.isEmpty() ? Optional.empty() : Optional.of(dataset(name, samples, List.of()));
    }

    private static Dataset dataset(String name, List<Sample> samples, List<Dataset.Skipped> skipped) {
        return new Dataset(name, DatasetFiles.classesOf(samples), samples, skipped, true);
    }

    private static int indexOf(String[] columns, String name, Path csv) throws DatasetException {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].trim().equals(name)) {
                return i;
            }
        }
        throw new DatasetException("FER2013 file " + csv.toAbsolutePath() + " has no '" + name
                + "' column (expected the header emotion,pixels,Usage)");
    }

    /** The 2,304 grey values of a row, or null when they are not exactly that many numbers 0..255. */
    static byte[] parsePixels(String text) {
        byte[] out = new byte[SIDE * SIDE];
        int n = 0;
        int value = -1;
        for (int i = 0, len = text.length(); i <= len; i++) {
            char c = i < len ? text.charAt(i) : ' ';
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else if (c == ' ' || c == '"') {
                if (value >= 0) {
                    if (n == out.length) {
                        return null;
                    }
                    out[n++] = (byte) value;
                    value = -1;
                }
            } else {
                return null;
            }
        }
        return n == out.length ? out : null;
    }

    private static BufferedImage image(byte[] grey) {
        BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setDataElements(0, 0, SIDE, SIDE, grey);
        return img;
    }
}
