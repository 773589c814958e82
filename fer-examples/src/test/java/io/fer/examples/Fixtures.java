package io.fer.examples;

import io.fer.core.Expression;
import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import io.fer.train.data.synthetic.SyntheticFaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/** Small data set folders of synthetic faces, written in the layouts the command line reads. */
final class Fixtures {
    /** Three expressions keep the fixtures small. */
    static final List<Expression> CLASSES = List.of(Expression.HAPPY, Expression.SADNESS, Expression.SURPRISE);
    private static final Map<String, String> JAFFE_CODES = Map.of("happy", "HA", "sadness", "SA", "surprise", "SU");

    private Fixtures() {}

    static Dataset faces(int identities, int perClass, long seed) {
        return SyntheticFaces.builder().identities(identities).imagesPerClass(perClass).imageSize(48)
                .classes(CLASSES).seed(seed).build();
    }

    /** One folder per class ({@code happy/syn000_happy_0.png}); returns the number of images. */
    static int imageFolder(Path dir, int identities, int perClass, long seed) throws IOException {
        return SyntheticFaces.writeImageFolder(faces(identities, perClass, seed), dir).size();
    }

    /** CK+48's layout: class folders of {@code S100_001_00000001.png}, so subjects are known. */
    static int ckPlus48(Path dir, int identities, int perClass, long seed) throws IOException {
        Dataset d = faces(identities, perClass, seed);
        for (Sample s : d.samples()) {
            int person = Integer.parseInt(s.subject().substring(3));
            int frame = Integer.parseInt(s.id().substring(s.id().lastIndexOf('_') + 1));
            Path file = dir.resolve(s.label()).resolve(String.format(Locale.ROOT, "S%03d_%03d_%08d.png",
                    100 + person, 1 + CLASSES.indexOf(Expression.fromName(s.label()).orElseThrow()), frame + 1));
            write(s, file, "png");
        }
        return d.samples().size();
    }

    /** JAFFE's layout: one folder of {@code AB.HA1.7.tiff} files (TIFF, as JAFFE has). */
    static int jaffe(Path dir, int identities, int perClass, long seed) throws IOException {
        Dataset d = faces(identities, perClass, seed);
        int number = 1;
        for (Sample s : d.samples()) {
            int person = Integer.parseInt(s.subject().substring(3));
            String subject = "" + (char) ('A' + person / 26) + (char) ('A' + person % 26);
            int take = 1 + Integer.parseInt(s.id().substring(s.id().lastIndexOf('_') + 1));
            write(s, dir.resolve(subject + "." + JAFFE_CODES.get(s.label()) + take + "." + number++ + ".tiff"), "tiff");
        }
        return d.samples().size();
    }

    private static void write(Sample s, Path file, String format) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(s.load(), format, file.toFile())) {
            throw new IOException("no " + format + " writer for " + file);
        }
    }
}
