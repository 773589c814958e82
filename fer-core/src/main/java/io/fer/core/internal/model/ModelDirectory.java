package io.fer.core.internal.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.fer.core.Recognizer;
import io.fer.core.internal.AtomicFiles;
import io.fer.core.model.ModelForm;
import io.fer.core.model.ModelFormatException;
import io.fer.core.model.ModelManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The layout of a saved model: the serving network in one or both {@linkplain ModelForm forms}, {@code saved_model/}
 * (a serving-only TensorFlow SavedModel: input {@code images}, NHWC float RGB 0..255; output {@code probabilities})
 * and {@code model.onnx} (the same network for ONNX Runtime), {@code fer-model.json} ({@link ModelManifest}), whose
 * SHA-256 sums cover every file of each form, and {@code fer-model.json.sha256}, the manifest's own sum.
 */
public final class ModelDirectory {
    /** The format version this library writes and reads. */
    public static final int FORMAT = 1;
    /** The manifest's file name. */
    public static final String MANIFEST = "fer-model.json";
    /** The manifest's own SHA-256, in {@code sha256sum} format, so that a changed manifest is refused too. */
    public static final String MANIFEST_SUM = "fer-model.json.sha256";
    /** The largest manifest read. */
    static final int MAX_MANIFEST_BYTES = 1 << 20;
    /** The SavedModel's sub-folder. */
    public static final String SAVED_MODEL = "saved_model";
    /**
     * The ONNX form of the serving network (same input and output; EfficientNet models saved by this version),
     * beside the SavedModel or alone ({@link ModelForm}). Directories without it load on TensorFlow. Its SHA-256 is
     * in the manifest.
     */
    public static final String ONNX = "model.onnx";
    /** The serving signature's input: NHWC float RGB 0..255. */
    public static final String INPUT = "images";
    /** The serving signature's output: class probabilities, {@code [batch, classes]}. */
    public static final String OUTPUT = "probabilities";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private ModelDirectory() {}

    /**
     * Reads the manifest of {@code dir} and checks that it is complete and unaltered: a format this version reads,
     * every field in its range, the manifest's own SHA-256 ({@value #MANIFEST_SUM}) when there is one, every listed
     * file present with its SHA-256, at least one {@linkplain ModelForm form} of the network, no file of either form
     * left unlisted, and nothing in the directory that is a symbolic link or a special file (a link could make fer
     * read and hash a file outside the directory).
     *
     * <p>Directories written before the manifest had its own sum have no {@value #MANIFEST_SUM}; they still load,
     * with their manifest checked field by field and against the graph ({@code Recognizer.load}), not by a sum.
     */
    public static ModelManifest verify(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ModelFormatException(Files.exists(dir)
                    ? dir + " is a file, not a model directory (a fer model is a folder holding " + MANIFEST + " and "
                            + SAVED_MODEL + "/ or " + ONNX + ")"
                    : "Model directory " + dir + " does not exist");
        }
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.exists(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
            throw new ModelFormatException(dir + " is not a fer model directory: " + MANIFEST + " is missing");
        }
        byte[] manifestBytes = readSmallRegularFile(manifestFile);
        checkManifestSum(dir, manifestBytes);
        JsonObject json;
        try {
            JsonElement root = JsonParser.parseString(new String(manifestBytes, StandardCharsets.UTF_8));
            if (!root.isJsonObject()) {
                throw new ModelFormatException(manifestFile + " is not a fer manifest: it holds no JSON object");
            }
            json = root.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new ModelFormatException(manifestFile + " is not valid JSON: " + e.getMessage(), e);
        }
        ModelManifest m = new ManifestReader(manifestFile).read(json);
        if (ModelForm.of(m).isEmpty()) {
            throw new ModelFormatException(manifestFile + " lists no network: a model directory holds "
                    + SAVED_MODEL + "/, " + ONNX + " or both, each file with its SHA-256 under \"files\"");
        }
        Map<String, String> actual = files(dir);
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

    /** Writes {@code manifest} into {@code dir}, with its SHA-256 beside it in {@value #MANIFEST_SUM}. */
    public static void writeManifest(Path dir, ModelManifest manifest) throws IOException {
        byte[] bytes = GSON.toJson(toJson(manifest)).getBytes(StandardCharsets.UTF_8);
        write(dir.resolve(MANIFEST), bytes);
        write(dir.resolve(MANIFEST_SUM), (sha256(bytes) + "  " + MANIFEST + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The manifest as JSON, field by field in the order fer has always written them; null fields are left out, the
     * crop settings are written as their record's fields and the training summary as the object its text holds.
     */
    private static JsonObject toJson(ModelManifest m) {
        JsonObject json = new JsonObject();
        json.addProperty("format", m.format());
        json.addProperty("libraryVersion", m.libraryVersion());
        json.add("labels", GSON.toJsonTree(m.labels()));
        json.addProperty("inputSize", m.inputSize());
        json.addProperty("channelOrder", m.channelOrder());
        json.addProperty("valueRange", m.valueRange());
        json.addProperty("backbone", m.backbone());
        json.add("crop", GSON.toJsonTree(m.crop()));
        if (m.mirrorAveraging()) {
            // written only when set, so that directories without it stay byte for byte as fer wrote them before
            json.addProperty("mirrorAveraging", true);
        }
        if (m.trainingJson() != null) {
            JsonElement training;
            try {
                training = JsonParser.parseString(m.trainingJson());
            } catch (JsonParseException e) {
                throw new IllegalArgumentException("The training summary is not valid JSON: " + e.getMessage(), e);
            }
            if (!training.isJsonObject()) {
                throw new IllegalArgumentException("The training summary must be a JSON object, got "
                        + m.trainingJson());
            }
            json.add("training", training);
        }
        json.add("files", GSON.toJsonTree(m.files() == null ? null : new TreeMap<>(m.files())));
        json.entrySet().removeIf(e -> e.getValue().isJsonNull());
        return json;
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new IOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code name} is one of the entries a model directory holds. */
    public static boolean isModelEntry(String name) {
        return name.equals(MANIFEST) || name.equals(MANIFEST_SUM) || name.equals(SAVED_MODEL) || name.equals(ONNX);
    }

    private static void checkManifestSum(Path dir, byte[] manifest) {
        Path sumFile = dir.resolve(MANIFEST_SUM);
        if (!Files.exists(sumFile, LinkOption.NOFOLLOW_LINKS)) {
            return; // written before manifests had their own sum: see verify's javadoc
        }
        String text = new String(readSmallRegularFile(sumFile), StandardCharsets.UTF_8).strip();
        String expected = text.split("\\s+", 2)[0];
        if (!expected.matches("[0-9a-f]{64}")) {
            throw new ModelFormatException(sumFile + " does not hold a SHA-256 (64 hex digits, then the file name)");
        }
        if (!expected.equals(sha256(manifest))) {
            throw new ModelFormatException(dir + " was altered: " + MANIFEST + " does not match its SHA-256 in "
                    + MANIFEST_SUM);
        }
    }

    /** The bytes of a regular file (not a link) of at most {@link #MAX_MANIFEST_BYTES}. */
    private static byte[] readSmallRegularFile(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile()) {
                throw new ModelFormatException(file + " is " + kind(a) + ", not a regular file: a model directory "
                        + "holds only regular files and folders");
            }
            if (a.size() > MAX_MANIFEST_BYTES) {
                throw new ModelFormatException(file + " has " + a.size() + " bytes, more than the "
                        + MAX_MANIFEST_BYTES + " a manifest may have");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String kind(BasicFileAttributes a) {
        return a.isSymbolicLink() ? "a symbolic link" : a.isDirectory() ? "a folder" : "a special file";
    }

    /**
     * SHA-256 of every file of the network in {@code dir}: the SavedModel's files and, when present, {@value #ONNX}
     * (what a manifest's {@code files} lists).
     */
    public static Map<String, String> files(Path dir) {
        Map<String, String> sums = checksums(dir.resolve(SAVED_MODEL), dir);
        Path onnx = dir.resolve(ONNX);
        try {
            if (Files.exists(onnx, LinkOption.NOFOLLOW_LINKS)) {
                BasicFileAttributes a = Files.readAttributes(onnx, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!a.isRegularFile()) {
                    throw new ModelFormatException(onnx + " is " + kind(a) + ", not a regular file: a model directory"
                            + " holds only regular files and folders");
                }
                sums.put(ONNX, sha256(onnx));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + onnx, e);
        }
        return sums;
    }

    /**
     * SHA-256 of every regular file under {@code folder}, keyed by path relative to {@code base} with '/'. Links
     * are not followed: a symbolic link or special file anywhere below is a {@link ModelFormatException}.
     */
    public static Map<String, String> checksums(Path folder, Path base) {
        Map<String, String> sums = new TreeMap<>();
        try {
            if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                return sums;
            }
            BasicFileAttributes top = Files.readAttributes(folder, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!top.isDirectory()) {
                throw new ModelFormatException(folder + " is " + (top.isRegularFile() ? "a file" : kind(top))
                        + ", not a folder");
            }
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    if (!attrs.isRegularFile()) {
                        throw new ModelFormatException(f + " is " + kind(attrs) + ": a model directory holds only "
                                + "regular files and folders, and fer follows no link out of it");
                    }
                    sums.put(base.relativize(f).toString().replace('\\', '/'), sha256(f));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + folder, e);
        }
        return sums;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
