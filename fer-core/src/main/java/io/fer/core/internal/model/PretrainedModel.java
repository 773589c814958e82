package io.fer.core.internal.model;

import io.fer.core.internal.AtomicFiles;
import io.fer.core.internal.FerHome;
import io.fer.core.model.ModelFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model that ships inside a jar on the classpath (fer's own, in the {@code fer-zoo} artifact): its model directory,
 * its backbone's Keras weights file and its model card, listed with their SHA-256 in {@code files.sha256}. On first
 * use the files are unpacked into {@code FER_HOME/zoo/} and every checksum is verified; nothing is downloaded.
 */
public final class PretrainedModel {
    /** fer's own expression model: EfficientNet-B0 trained on FER2013. */
    public static final String FER2013_B0 = "fer2013-b0";
    /** Where models live on the classpath: {@code io/fer/zoo/NAME/}. */
    public static final String RESOURCE_ROOT = "io/fer/zoo/";
    /** The list of files and their SHA-256, one {@code "HEX  relative/path"} per line. */
    public static final String INDEX = "files.sha256";
    /** The model directory inside a shipped model. */
    public static final String MODEL = "model";
    /** The backbone's Keras weights file inside a shipped model. */
    public static final String BACKBONE = "backbone.h5";
    /** The model card inside a shipped model. */
    public static final String CARD = "MODEL_CARD.md";

    private static final Logger LOG = LoggerFactory.getLogger(PretrainedModel.class);
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");

    private final String name;
    private final Path folder;

    private PretrainedModel(String name, Path folder) {
        this.name = name;
        this.folder = folder;
    }

    /**
     * The shipped model {@code name}, unpacked and verified; a clear error when no jar on the classpath holds it.
     *
     * @throws ModelFormatException if it is not on the classpath, or a file does not match its checksum
     */
    public static PretrainedModel get(String name) {
        return find(name, Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : PretrainedModel.class.getClassLoader())
                .orElseThrow(() -> new ModelFormatException("fer's pretrained model '" + name + "' is not on the "
                        + "classpath: add the artifact fer-zoo (same group and version as fer-core) to your "
                        + "dependencies"));
    }

    /** {@link #get} of fer's own model, {@link #FER2013_B0}. */
    public static PretrainedModel fer2013() {
        return get(FER2013_B0);
    }

    /** The shipped model {@code name} as {@code loader} finds it, unpacked into {@code FER_HOME/zoo}; empty if absent. */
    public static Optional<PretrainedModel> find(String name, ClassLoader loader) {
        Objects.requireNonNull(name, "name");
        if (!SAFE_PATH.matcher(name).matches() || name.contains("/")) {
            throw new IllegalArgumentException("Not a model name: '" + name + "'");
        }
        String base = RESOURCE_ROOT + name + "/";
        URL index = loader.getResource(base + INDEX);
        if (index == null) {
            return Optional.empty();
        }
        try {
            byte[] indexBytes;
            try (InputStream in = index.openStream()) {
                indexBytes = in.readAllBytes();
            }
            List<String[]> entries = parse(indexBytes, index);
            // one folder per content: another version of the jar never reuses a folder with other files
            String tag = HexFormat.of().formatHex(sha256().digest(indexBytes)).substring(0, 16);
            Path folder = FerHome.resolve("zoo").resolve(name + "-" + tag);
            if (!Files.isRegularFile(folder.resolve(INDEX))) {
                unpack(loader, base, entries, indexBytes, folder);
            }
            return Optional.of(new PretrainedModel(name, folder));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack fer's pretrained model '" + name + "' into FER_HOME/zoo: "
                    + e.getMessage(), e);
        }
    }

    private static List<String[]> parse(byte[] index, URL where) throws IOException {
        List<String[]> entries = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new java.io.ByteArrayInputStream(index),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split("\\s+", 2);
                if (f.length != 2 || !f[0].matches("[0-9a-f]{64}") || !SAFE_PATH.matcher(f[1]).matches()
                        || f[1].contains("..")) {
                    throw new ModelFormatException("Bad line in " + where + ": '" + line + "'");
                }
                entries.add(f);
            }
        }
        return entries;
    }

    private static void unpack(ClassLoader loader, String base, List<String[]> entries, byte[] index, Path folder)
            throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(folder.getParent());
        Path tmp = Files.createTempDirectory(folder.getParent(), "." + folder.getFileName() + ".unpacking-");
        try {
            for (String[] e : entries) {
                URL url = loader.getResource(base + e[1]);
                if (url == null) {
                    throw new ModelFormatException("fer's pretrained model lacks " + base + e[1]
                            + ", which its " + INDEX + " lists");
                }
                Path target = tmp.resolve(e[1]);
                Files.createDirectories(target.getParent());
                MessageDigest md = sha256();
                try (InputStream in = new DigestInputStream(url.openStream(), md)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                String actual = HexFormat.of().formatHex(md.digest());
                if (!actual.equals(e[0])) {
                    throw new ModelFormatException("fer's pretrained model file " + base + e[1] + " has SHA-256 "
                            + actual + ", its " + INDEX + " says " + e[0] + ": the jar is damaged");
                }
            }
            Files.write(tmp.resolve(INDEX), index); // last: its presence marks a complete folder
            try {
                AtomicFiles.move(tmp, folder);
            } catch (java.nio.file.FileSystemException raced) {
                if (!Files.isRegularFile(folder.resolve(INDEX))) {
                    throw raced; // not another JVM that unpacked it first
                }
            }
            LOG.info("Unpacked fer's pretrained model into {} ({} files, {} ms)", folder, entries.size(),
                    (System.nanoTime() - start) / 1_000_000);
        } finally {
            if (Files.exists(tmp)) {
                try (var walk = Files.walk(tmp)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The model's name, e.g. {@code "fer2013-b0"}. */
    public String name() {
        return name;
    }

    /** The unpacked model directory, for {@link io.fer.core.Recognizer#load(Path)}. */
    public Path modelDirectory() {
        return folder.resolve(MODEL);
    }

    /** The backbone's Keras HDF5 weights file: a start for transfer learning. */
    public Path backboneWeights() {
        return folder.resolve(BACKBONE);
    }

    /** The model card (Markdown): data and its terms, recipe, accuracy, limits. */
    public Path modelCard() {
        return folder.resolve(CARD);
    }
}
