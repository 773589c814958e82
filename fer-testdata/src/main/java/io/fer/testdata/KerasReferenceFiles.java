package io.fer.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Keras EfficientNet reference data (see {@code keras-efficientnet/README.md} beside this class) as a folder of
 * files, for tests. From {@code target/classes} the files are used in place; from a jar they are copied once per JVM
 * into a temporary folder that is deleted when the JVM exits.
 */
public final class KerasReferenceFiles {
    /** Every file of the reference data. */
    public static final List<String> FILES = List.of("README.md", "layers.tsv", "summary.tsv",
            "weights-hashes.tsv", "b0_reference_outputs.json", "efficientnetb0_notop.layout.h5");
    private static final String FOLDER = "keras-efficientnet/";

    private static Path dir;

    private KerasReferenceFiles() {}

    /** The folder holding {@link #FILES}. */
    public static synchronized Path dir() {
        if (dir == null) {
            dir = locate();
        }
        return dir;
    }

    /** One file of the reference data, e.g. {@code file("layers.tsv")}. */
    public static Path file(String name) {
        if (!FILES.contains(name)) {
            throw new IllegalArgumentException("no reference file " + name + "; there are " + FILES);
        }
        return dir().resolve(name);
    }

    private static Path locate() {
        URL url = KerasReferenceFiles.class.getResource(FOLDER + "layers.tsv");
        if (url == null) {
            throw new IllegalStateException("fer-testdata is on the classpath without its " + FOLDER + " resources");
        }
        try {
            if (url.getProtocol().equals("file")) {
                return Path.of(url.toURI()).getParent();
            }
            return copyOut();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the Keras reference data out of " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path copyOut() throws IOException {
        Path tmp = Files.createTempDirectory("fer-keras-reference");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(tmp)));
        for (String name : FILES) {
            try (InputStream in = KerasReferenceFiles.class.getResourceAsStream(FOLDER + name)) {
                if (in == null) {
                    throw new IOException("resource " + FOLDER + name + " missing");
                }
                Files.copy(in, tmp.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return tmp;
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
