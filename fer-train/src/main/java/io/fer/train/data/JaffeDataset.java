package io.fer.train.data;

import io.fer.core.Expression;
import io.fer.core.internal.image.ImageDecoding;
import io.fer.train.data.Dataset.Skipped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Japanese Female Facial Expression data set (JAFFE): one folder of 213 grey palette TIFFs of 10 subjects
 * posing 7 expressions, named {@code SUBJECT.CODEn.NUMBER.tiff}, e.g. {@code KA.AN1.39.tiff} (subject KA, anger,
 * first take, image 39).
 *
 * <p>Codes: AN anger, DI disgust, FE fear, HA happy, NE neutral, SA sadness, SU surprise. Files that are not images
 * (the README) are listed as ignored; an image whose name does not follow the pattern, whose code is unknown or whose
 * header cannot be read is listed as skipped. JAFFE has no sequences, so samples carry only the subject.
 */
public final class JaffeDataset {
    /** JAFFE's expression codes. */
    public static final Map<String, Expression> CODES = Map.of(
            "AN", Expression.ANGER, "DI", Expression.DISGUST, "FE", Expression.FEAR, "HA", Expression.HAPPY,
            "NE", Expression.NEUTRAL, "SA", Expression.SADNESS, "SU", Expression.SURPRISE);

    private static final Pattern NAME = Pattern.compile("([A-Za-z]{2})\\.([A-Za-z]{2})(\\d+)\\.(\\d+)\\.[A-Za-z]+");
    private static final String KNOWN = "AN anger, DI disgust, FE fear, HA happy, NE neutral, SA sadness, "
            + "SU surprise";

    private JaffeDataset() {}

    /**
     * Reads the JAFFE folder (the one holding the {@code .tiff} files).
     *
     * @throws DatasetException if the folder is missing or holds no JAFFE image
     */
    public static Dataset load(Path dir) throws IOException {
        DatasetFiles.requireFolder(dir, "The JAFFE folder");
        List<Sample> samples = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path file : DatasetFiles.list(dir)) {
            String name = file.getFileName().toString();
            if (Files.isDirectory(file)) {
                skipped.add(Skipped.ignored(name, "a folder; JAFFE keeps every image in one folder"));
                continue;
            }
            if (!ImageDecoding.hasImageExtension(name)) {
                skipped.add(Skipped.ignored(name, "not an image file"));
                continue;
            }
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                skipped.add(new Skipped(name, "name does not follow JAFFE's SUBJECT.CODEn.NUMBER.tiff"));
                continue;
            }
            String code = m.group(2).toUpperCase(Locale.ROOT);
            Expression label = CODES.get(code);
            if (label == null) {
                skipped.add(new Skipped(name, "unknown expression code \"" + m.group(2) + "\" (known: " + KNOWN
                        + ")"));
                continue;
            }
            if (DatasetFiles.headerReadable(file, name, skipped)) {
                samples.add(Sample.ofFile(name, label, m.group(1).toUpperCase(Locale.ROOT), null, file));
            }
        }
        if (samples.isEmpty()) {
            throw new DatasetException("No JAFFE image (SUBJECT.CODEn.NUMBER.tiff, e.g. KA.AN1.39.tiff) in "
                    + dir.toAbsolutePath() + (skipped.isEmpty() ? "" : "; " + skipped.size() + " file(s) skipped"));
        }
        return new Dataset("jaffe", DatasetFiles.classesOf(samples), samples, skipped, false);
    }
}
