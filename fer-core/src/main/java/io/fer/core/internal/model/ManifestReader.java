package io.fer.core.internal.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.fer.core.face.CropSettings;
import io.fer.core.model.ModelFormatException;
import io.fer.core.model.ModelManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code fer-model.json} field by field, so that a bad value is refused with one line naming the field, what
 * it holds and the range it must be in, instead of a reflection error about the whole manifest.
 */
final class ManifestReader {
    /** Smallest and largest input side a model may declare; EfficientNet-B7, the largest backbone, takes 600. */
    static final int MIN_INPUT_SIZE = 8;
    static final int MAX_INPUT_SIZE = 1024;
    /** Most classes a model may declare. */
    static final int MAX_LABELS = 1000;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path file;

    ManifestReader(Path file) {
        this.file = file;
    }

    ModelManifest read(JsonObject json) {
        int format = integer(json, "format", 1, Integer.MAX_VALUE, "a positive whole number");
        if (format != ModelDirectory.FORMAT) {
            throw new ModelFormatException(file.getParent() + " has model format " + format + " (written by fer "
                    + optionalString(json, "libraryVersion") + "); this version reads format "
                    + ModelDirectory.FORMAT);
        }
        List<String> labels = labels(json);
        int inputSize = integer(json, "inputSize", MIN_INPUT_SIZE, MAX_INPUT_SIZE,
                MIN_INPUT_SIZE + ".." + MAX_INPUT_SIZE + " pixels");
        CropSettings crop = cropSettings(optionalObject(json, "crop"), inputSize);
        JsonObject training = optionalObject(json, "training");
        return new ModelManifest(format, optionalString(json, "libraryVersion"), labels, inputSize,
                optionalString(json, "channelOrder"), optionalString(json, "valueRange"),
                optionalString(json, "backbone"), crop, optionalBoolean(json, "mirrorAveraging"), training == null ? null : training.toString(), files(json));
    }

    /**
     * The crop settings of a manifest, each field checked. A field a manifest lacks reads as fer wrote it before the
     * field existed (Haar detection, box crops, centre crop when no face is found), so old model directories crop
     * exactly as they always did; a manifest with no crop settings at all gets those at its input size.
     */
    private CropSettings cropSettings(JsonObject c, int inputSize) {
        CropSettings.Builder b = CropSettings.builder().detector(io.fer.core.face.DetectorSettings.haar())
                .align(false).noFacePolicy(CropSettings.NoFacePolicy.CENTER_CROP);
        if (c == null) {
            return b.inputSize(inputSize).build();
        }
        int size = c.has("inputSize") ? integer(c, "crop.inputSize", "inputSize", MIN_INPUT_SIZE, MAX_INPUT_SIZE,
                MIN_INPUT_SIZE + ".." + MAX_INPUT_SIZE + " pixels") : inputSize;
        if (size != inputSize) {
            throw bad("crop.inputSize", String.valueOf(size), "equal to inputSize (" + inputSize
                    + "): the network takes " + inputSize + " px");
        }
        b.inputSize(size);
        if (c.has("margin")) {
            JsonElement v = c.get("margin");
            if (!isNumber(v) || !(v.getAsDouble() >= 0 && v.getAsDouble() <= 2)) {
                throw bad("crop.margin", v.toString(), "a number 0..2 (a fraction of the face box)");
            }
            b.margin(v.getAsDouble());
        }
        if (c.has("square")) {
            b.square(bool(c, "square"));
        }
        if (c.has("detectFaces")) {
            b.detectFaces(bool(c, "detectFaces"));
        }
        if (c.has("noFacePolicy") && !c.get("noFacePolicy").isJsonNull()) {
            JsonElement v = c.get("noFacePolicy");
            CropSettings.NoFacePolicy policy = null;
            if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
                for (CropSettings.NoFacePolicy p : CropSettings.NoFacePolicy.values()) {
                    if (p.name().equals(v.getAsString())) {
                        policy = p;
                    }
                }
            }
            if (policy == null) {
                throw bad("crop.noFacePolicy", v.toString(), "one of " + java.util.Arrays.toString(
                        CropSettings.NoFacePolicy.values()));
            }
            b.noFacePolicy(policy);
        }
        if (c.has("align")) {
            b.align(bool(c, "align"));
        }
        if (c.has("verticalShift")) {
            JsonElement v = c.get("verticalShift");
            if (!isNumber(v) || !(v.getAsDouble() >= -0.5 && v.getAsDouble() <= 0.5)) {
                throw bad("crop.verticalShift", v.toString(), "a number -0.5..0.5 (a fraction of the crop)");
            }
            b.verticalShift(v.getAsDouble());
        }
        if (c.has("detector") && !c.get("detector").isJsonNull()) {
            b.detector(detector(c.get("detector")));
        }
        return b.build();
    }

    private io.fer.core.face.DetectorSettings detector(JsonElement v) {
        if (!v.isJsonObject()) {
            throw bad("crop.detector", abbreviate(v), "an object with kind, scoreThreshold, minFaceSize, maxFaces, "
                    + "workingSize");
        }
        JsonObject d = v.getAsJsonObject();
        io.fer.core.face.DetectorSettings.Kind kind = null;
        JsonElement k = d.get("kind");
        if (k != null && isString(k)) {
            for (io.fer.core.face.DetectorSettings.Kind x : io.fer.core.face.DetectorSettings.Kind.values()) {
                if (x.name().equals(k.getAsString())) {
                    kind = x;
                }
            }
        }
        if (kind == null) {
            throw bad("crop.detector.kind", k == null ? "missing" : k.toString(), "one of "
                    + java.util.Arrays.toString(io.fer.core.face.DetectorSettings.Kind.values()));
        }
        io.fer.core.face.DetectorSettings base = kind == io.fer.core.face.DetectorSettings.Kind.HAAR
                ? io.fer.core.face.DetectorSettings.haar() : io.fer.core.face.DetectorSettings.yunet();
        double score = base.scoreThreshold();
        if (d.has("scoreThreshold")) {
            JsonElement s = d.get("scoreThreshold");
            if (!isNumber(s) || !(s.getAsDouble() >= 0 && s.getAsDouble() <= 1)) {
                throw bad("crop.detector.scoreThreshold", s.toString(), "a number 0..1");
            }
            score = s.getAsDouble();
        }
        int min = d.has("minFaceSize") ? integer(d, "crop.detector.minFaceSize", "minFaceSize", 1, 100_000,
                "1..100000 pixels") : base.minFaceSize();
        int max = d.has("maxFaces") ? integer(d, "crop.detector.maxFaces", "maxFaces", 1, 10_000, "1..10000")
                : base.maxFaces();
        int work = d.has("workingSize") ? integer(d, "crop.detector.workingSize", "workingSize", 0, 100_000,
                "0 (never downscale) or 32..100000 pixels") : base.workingSize();
        if (work != 0 && work < 32) {
            throw bad("crop.detector.workingSize", String.valueOf(work), "0 (never downscale) or 32..100000 pixels");
        }
        String customId = d.has("customId") && isString(d.get("customId")) ? d.get("customId").getAsString() : null;
        if (kind == io.fer.core.face.DetectorSettings.Kind.CUSTOM && (customId == null || customId.isBlank())) {
            throw bad("crop.detector.customId", "missing", "the id of the application's detector");
        }
        return new io.fer.core.face.DetectorSettings(kind, score, min, max, work, customId);
    }

    private List<String> labels(JsonObject json) {
        JsonElement v = require(json, "labels");
        String range = "a list of 1.." + MAX_LABELS + " distinct, non-empty class names";
        if (!v.isJsonArray() || v.getAsJsonArray().isEmpty() || v.getAsJsonArray().size() > MAX_LABELS) {
            throw bad("labels", abbreviate(v), range);
        }
        JsonArray array = v.getAsJsonArray();
        List<String> labels = new ArrayList<>(array.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonElement e = array.get(i);
            if (!isString(e) || e.getAsString().isBlank()) {
                throw bad("labels[" + i + "]", e.toString(), "a non-empty class name");
            }
            if (!seen.add(e.getAsString())) {
                throw bad("labels[" + i + "]", e.toString(), "distinct from the other labels (it repeats one)");
            }
            labels.add(e.getAsString());
        }
        return labels;
    }

    private Map<String, String> files(JsonObject json) {
        JsonElement v = require(json, "files");
        if (!v.isJsonObject() || v.getAsJsonObject().isEmpty()) {
            throw bad("files", abbreviate(v), "an object of the network's file paths (saved_model/…, model.onnx) and their SHA-256 sums");
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
            JsonElement sum = e.getValue();
            if (!isString(sum) || !SHA256.matcher(sum.getAsString()).matches()) {
                throw bad("files[\"" + e.getKey() + "\"]", sum.toString(), "64 lower-case hex digits (SHA-256)");
            }
            files.put(e.getKey(), sum.getAsString());
        }
        return files;
    }

    private int integer(JsonObject json, String name, int min, int max, String range) {
        return integer(json, name, name, min, max, range);
    }

    private int integer(JsonObject json, String shownName, String name, int min, int max, String range) {
        JsonElement v = require(json, shownName, name);
        if (!isNumber(v)) {
            throw bad(shownName, abbreviate(v), range);
        }
        double d = v.getAsDouble();
        if (d != Math.rint(d) || d < min || d > max) {
            throw bad(shownName, v.toString(), range);
        }
        return (int) d;
    }

    private boolean bool(JsonObject c, String name) {
        JsonElement v = c.get(name);
        if (!(v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean())) {
            throw bad("crop." + name, abbreviate(v), "true or false");
        }
        return v.getAsBoolean();
    }

    private JsonElement require(JsonObject json, String name) {
        return require(json, name, name);
    }

    private JsonElement require(JsonObject json, String shownName, String name) {
        JsonElement v = json.get(name);
        if (v == null || v.isJsonNull()) {
            throw new ModelFormatException(file + " lacks the required field " + shownName);
        }
        return v;
    }

    private String optionalString(JsonObject json, String name) {
        JsonElement v = json.get(name);
        if (v == null || v.isJsonNull()) {
            return null;
        }
        if (!isString(v)) {
            throw bad(name, abbreviate(v), "a string");
        }
        return v.getAsString();
    }

    private boolean optionalBoolean(JsonObject json, String name) {
        JsonElement v = json.get(name);
        if (v == null || v.isJsonNull()) {
            return false;
        }
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isBoolean()) {
            throw bad(name, abbreviate(v), "true or false");
        }
        return v.getAsBoolean();
    }

    private JsonObject optionalObject(JsonObject json, String name) {
        JsonElement v = json.get(name);
        if (v == null || v.isJsonNull()) {
            return null;
        }
        if (!v.isJsonObject()) {
            throw bad(name, abbreviate(v), "an object");
        }
        return v.getAsJsonObject();
    }

    private ModelFormatException bad(String field, String value, String range) {
        return new ModelFormatException(String.format(Locale.ROOT, "%s: %s is %s; it must be %s", file, field,
                value, range));
    }

    private static boolean isString(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    }

    private static boolean isNumber(JsonElement e) {
        return e.isJsonPrimitive() && ((JsonPrimitive) e).isNumber();
    }

    private static String abbreviate(JsonElement e) {
        String s = e.toString();
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
