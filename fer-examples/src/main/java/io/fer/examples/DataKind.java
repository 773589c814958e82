package io.fer.examples;

import io.fer.train.data.Dataset;
import io.fer.train.data.DatasetLayout;
import io.fer.train.data.TrainTestDatasets;
import io.fer.train.data.synthetic.SyntheticFaces;
import io.fer.train.protocol.ProtocolSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A kind of data set as the command line names it: a folder layout ({@code jaffe}, {@code ckplus}, {@code ckplus48},
 * {@code folder}) read from a directory, or {@code synthetic}, fer's generated faces.
 *
 * @param name the name given on the command line, lower case
 * @param layout the folder layout; null for synthetic faces
 */
record DataKind(String name, DatasetLayout layout) {

    /** What the command line accepts, for help texts. */
    static final String NAMES = "jaffe, ckplus, ckplus48, folder, fer2013, synthetic";
    /** Identities of {@code --dataset synthetic}. */
    static final int SYNTHETIC_IDENTITIES = 24;
    /** Images per identity and class of {@code --dataset synthetic}. */
    static final int SYNTHETIC_IMAGES_PER_CLASS = 2;
    /** Side of the face crops of {@code --dataset synthetic}. */
    static final int SYNTHETIC_IMAGE_SIZE = 96;

    /** Whether the data are generated rather than read. */
    boolean synthetic() {
        return layout == null;
    }

    /** Parses a data set kind; the error lists the accepted names. */
    static DataKind parse(String text) {
        String n = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (n.equals(SyntheticFaces.NAME)) {
            return new DataKind(n, null);
        }
        return DatasetLayout.fromName(n).map(l -> new DataKind(n, l)).orElseThrow(() ->
                new IllegalArgumentException("unknown data set '" + text + "'; use one of " + NAMES));
    }

    /**
     * Reads the data set from {@code dir}, or generates synthetic faces (24 identities, 2 face crops per identity and
     * expression, 96 pixels, seeded), for which {@code dir} must be null.
     */
    Dataset load(Path dir, long seed) throws IOException {
        if (synthetic()) {
            return SyntheticFaces.builder().identities(SYNTHETIC_IDENTITIES).imagesPerClass(SYNTHETIC_IMAGES_PER_CLASS)
                    .imageSize(SYNTHETIC_IMAGE_SIZE).seed(seed).build();
        }
        return layout.load(dir);
    }

    /** A data set and, for protocols that need one, the second data set (the test folder, or the other data set). */
    record Loaded(Dataset main, Dataset second) {}

    /**
     * Loads what {@code protocol} needs: for {@code folders}, {@code dir/train} as the main data set and
     * {@code dir/test} as the second; for {@code cross:KIND:DIR2}, {@code dir} and then {@code DIR2} read as KIND;
     * otherwise just {@code dir}.
     */
    Loaded load(Path dir, ProtocolSpec protocol, long seed) throws IOException {
        if (protocol instanceof ProtocolSpec.Folders) {
            if (synthetic()) {
                throw new IllegalArgumentException("protocol folders needs a data folder with train/ and test/, "
                        + "not generated synthetic faces");
            }
            if (layout == DatasetLayout.FER2013) {
                // FER2013's own splits: Training, and PublicTest (val/) or else PrivateTest (test/)
                io.fer.train.data.Fer2013Dataset fer = io.fer.train.data.Fer2013Dataset.load(dir);
                return new Loaded(fer.train(), fer.validation().or(fer::test).orElseThrow(() ->
                        new IllegalArgumentException("FER2013 at " + dir + " has no val/ or test/ split")));
            }
            if (layout == DatasetLayout.FOLDERS) {
                TrainTestDatasets sides = TrainTestDatasets.load(dir);
                return new Loaded(sides.train(), sides.test());
            }
            return new Loaded(layout.load(dir.resolve("train")), layout.load(dir.resolve("test")));
        }
        Dataset main = load(dir, seed);
        if (protocol instanceof ProtocolSpec.Cross cross) {
            DataKind other = parse(cross.dataset());
            return new Loaded(main, other.load(other.synthetic() ? null : cross.dir(), seed + 1));
        }
        return new Loaded(main, null);
    }

    /** Converts {@code --dataset} values. */
    static final class Converter implements ITypeConverter<DataKind> {
        @Override
        public DataKind convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
