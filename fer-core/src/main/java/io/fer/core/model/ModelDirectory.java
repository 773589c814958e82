package io.fer.core.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The layout of a saved model: {@code saved_model/} (a serving-only TensorFlow SavedModel: input {@code images},
 * NHWC float RGB 0..255; output {@code probabilities}) and {@code fer-model.json} ({@link ModelManifest}), whose
 * SHA-256 sums cover every SavedModel file.
 */
public final class ModelDirectory {
    /** The format version this library writes and reads. */
    public static final int FORMAT = 1;
    /** The manifest's file name. */
    public static final String MANIFEST = "fer-model.json";
    /** The SavedModel's sub-folder. */
    public static final String SAVED_MODEL = "saved_model";
    /** The serving signature's input: NHWC float RGB 0..255. */
    public static final String INPUT = "images";
    /** The serving signature's output: class probabilities, {@code [batch, classes]}. */
    public static final String OUTPUT = "probabilities";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private ModelDirectory() {}

    /**
     * Reads the manifest of {@code dir} and checks that it is complete and unaltered: a format this version reads,
     * every listed file present with its SHA-256, and no SavedModel file left unlisted.
     */
    public static ModelManifest verify(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ModelFormatException("Model directory " + dir + " does not exist");
        }
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new ModelFormatException(dir + " is not a fer model directory: " + MANIFEST + " is missing");
        }
        ModelManifest m;
        try {
            m = GSON.fromJson(Files.readString(manifestFile, StandardCharsets.UTF_8), ModelManifest.class);
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read " + manifestFile + ": " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new ModelFormatException(manifestFile + " is not valid JSON: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ModelFormatException(manifestFile + " is not a fer manifest: " + e.getMessage(), e);
        }
        if (m == null || m.format() == 0 || m.labels() == null || m.files() == null || m.inputSize() <= 0) {
            throw new ModelFormatException(manifestFile + " lacks required fields (format, labels, inputSize, files)");
        }
        if (m.format() != FORMAT) {
            throw new ModelFormatException(dir + " has model format " + m.format() + " (written by fer "
                    + m.libraryVersion() + "); this version reads format " + FORMAT);
        }
        Map<String, String> actual = checksums(dir.resolve(SAVED_MODEL), dir);
        for (Map.Entry<String, String> e : m.files().entrySet()) {
            String sum = actual.get(e.getKey());
            if (sum == null) {
                throw new ModelFormatException(dir + " is incomplete: " + e.getKey() + " is missing");
            }
            if (!sum.equals(e.getValue())) {
                throw new ModelFormatException(dir + " was altered: " + e.getKey()
                        + " does not match its SHA-256 in " + MANIFEST);
            }
        }
        for (String f : actual.keySet()) {
            if (!m.files().containsKey(f)) {
                throw new ModelFormatException(dir + " has a file its manifest does not list: " + f);
            }
        }
        return m;
    }

    /** Writes {@code manifest} into {@code dir}. */
    public static void writeManifest(Path dir, ModelManifest manifest) throws IOException {
        Files.writeString(dir.resolve(MANIFEST), GSON.toJson(manifest), StandardCharsets.UTF_8);
    }

    /** SHA-256 of every regular file under {@code folder}, keyed by path relative to {@code base} with '/'. */
    public static Map<String, String> checksums(Path folder, Path base) {
        Map<String, String> sums = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return sums;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                sums.put(base.relativize(f).toString().replace('\\', '/'), sha256(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + folder, e);
        }
        return sums;
    }

    /** Hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
