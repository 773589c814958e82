package io.fer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fer.core.Expression;
import io.fer.core.Recognizer;
import io.fer.core.internal.model.ModelDirectory;
import io.fer.core.model.ModelFormatException;
import io.fer.models.Backbone;
import io.fer.train.augment.Augmentation;
import io.fer.train.internal.SavingFolders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model directories that lie: tampered manifests, links out of the directory, and saves that would destroy files. */
class TamperedModelDirectoryTest {
    static final List<Expression> CLASSES = List.of(Expression.ANGER, Expression.HAPPY, Expression.NEUTRAL);
    static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

    @TempDir
    static Path shared;
    static Path saved;
    static FerModel model;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainAndSave() {
        model = FerModel.builder().backbone(Backbone.CNN).weights(Weights.none()).inputSize(32)
                .featureExtraction(1, 1e-3).fineTuning(0, 1e-4).batchSize(4).augmentation(Augmentation.none())
                .cropCache(shared.resolve("crops")).quiet().fit(TestImages.patterns(CLASSES, 2, 32, 3));
        saved = shared.resolve("model");
        model.save(saved);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** A copy of the saved model whose manifest {@code edit} changes; its own sum is rewritten to match. */
    Path tampered(Consumer<JsonObject> edit) throws IOException {
        Path dir = copy(saved, tmp.resolve("copy-" + System.nanoTime()));
        Path manifest = dir.resolve(ModelDirectory.MANIFEST);
        JsonObject json = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
        edit.accept(json);
        byte[] bytes = GSON.toJson(json).getBytes(StandardCharsets.UTF_8);
        Files.write(manifest, bytes);
        Files.writeString(dir.resolve(ModelDirectory.MANIFEST_SUM), sha256(bytes) + "  fer-model.json\n");
        return dir;
    }

    static JsonArray array(String... values) {
        JsonArray a = new JsonArray();
        for (String v : values) {
            a.add(v == null ? JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(v));
        }
        return a;
    }

    static void assertRefused(Path dir, String... fragments) {
        assertThatThrownBy(() -> {
            try (Recognizer r = Recognizer.load(dir)) {
                r.labels();
            }
        }).isInstanceOf(ModelFormatException.class).hasMessageContaining(dir.toString())
                .hasMessageContainingAll(fragments).hasMessageNotContaining("constructor")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void theSavedDirectoryHasTheManifestsOwnSumAndLoads() throws IOException {
        assertThat(Files.readString(saved.resolve(ModelDirectory.MANIFEST_SUM)))
                .isEqualTo(sha256(Files.readAllBytes(saved.resolve(ModelDirectory.MANIFEST))) + "  fer-model.json\n");
        try (Recognizer r = Recognizer.load(saved)) {
            assertThat(r.labels()).containsExactly("anger", "happy", "neutral");
        }
    }

    @Test
    void aChangedManifestNoLongerMatchesItsSum() throws IOException {
        Path dir = copy(saved, tmp.resolve("edited"));
        Path manifest = dir.resolve(ModelDirectory.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\"happy\"", "\"sadness\""));
        assertRefused(dir, "was altered", "fer-model.json does not match its SHA-256 in fer-model.json.sha256");
    }

    @Test
    void labelsMustMatchTheGraphsOutputsEvenWithoutTheManifestSum() throws IOException {
        Path fewer = tampered(j -> j.add("labels", array("anger", "happy")));
        Files.delete(fewer.resolve(ModelDirectory.MANIFEST_SUM)); // an older directory: no sum, still checked
        assertRefused(fewer, "labels lists 2 classes but the graph", "outputs 3 probabilities");
        assertRefused(tampered(j -> j.add("labels", array("anger", "happy", "neutral", "sadness"))),
                "labels lists 4 classes", "outputs 3");
    }

    @Test
    void emptyDuplicateOrNullLabelsAreNamed() throws IOException {
        assertRefused(tampered(j -> j.add("labels", new JsonArray())), "labels is [];",
                "it must be a list of 1..1000 distinct, non-empty class names");
        assertRefused(tampered(j -> j.add("labels", array("anger", "anger", "neutral"))), "labels[1]",
                "repeats");
        assertRefused(tampered(j -> j.add("labels", array("anger", null, "neutral"))), "labels[1] is null;",
                "a non-empty class name");
        assertRefused(tampered(j -> j.add("labels", array("anger", " ", "neutral"))), "labels[1]");
    }

    @Test
    void theInputSizeIsCheckedForRangeAndAgainstTheGraph() throws IOException {
        assertRefused(tampered(j -> j.addProperty("inputSize", 4096)), "inputSize is 4096;",
                "it must be 8..1024 pixels");
        assertRefused(tampered(j -> j.addProperty("inputSize", -3)), "inputSize is -3;", "8..1024");
        assertRefused(tampered(j -> j.addProperty("inputSize", "big")), "inputSize is \"big\";");
        assertRefused(tampered(j -> {
            j.addProperty("inputSize", 48);
            j.getAsJsonObject("crop").addProperty("inputSize", 48);
        }), "inputSize is 48 but the graph", "takes images of shape", "32, 32, 3");
    }

    @Test
    void badCropFieldsAreNamedWithTheirRange() throws IOException {
        assertRefused(tampered(j -> j.getAsJsonObject("crop").addProperty("margin", 5)), "crop.margin is 5;",
                "a number 0..2");
        assertRefused(tampered(j -> j.getAsJsonObject("crop").addProperty("verticalShift", 0.7)),
                "crop.verticalShift is 0.7;", "a number -0.5..0.5");
        assertRefused(tampered(j -> j.getAsJsonObject("crop").addProperty("noFacePolicy", "SOMETIMES")),
                "crop.noFacePolicy is \"SOMETIMES\";", "one of [CENTER_CROP, SKIP, FAIL]");
        assertRefused(tampered(j -> j.getAsJsonObject("crop").addProperty("square", "yes")),
                "crop.square is \"yes\";", "true or false");
        assertRefused(tampered(j -> j.getAsJsonObject("crop").addProperty("inputSize", 40)),
                "crop.inputSize is 40;", "equal to inputSize (32)");
        assertRefused(tampered(j -> j.addProperty("format", 2)), "model format 2");
        assertRefused(tampered(j -> j.remove("files")), "lacks the required field files");
    }

    @Test
    void noSymbolicLinkIsFollowedOutOfTheDirectory() throws IOException {
        Path dir = copy(saved, tmp.resolve("linked"));
        Path outside = Files.writeString(tmp.resolve("secret.txt"), "outside");
        Path index = dir.resolve("saved_model/variables/variables.index");
        Files.delete(index);
        Files.createSymbolicLink(index, outside);
        assertRefused(dir, "variables.index is a symbolic link", "follows no link out of it");

        Path manifestLink = copy(saved, tmp.resolve("manifest-link"));
        Path real = Files.move(manifestLink.resolve(ModelDirectory.MANIFEST), tmp.resolve("elsewhere.json"));
        Files.createSymbolicLink(manifestLink.resolve(ModelDirectory.MANIFEST), real);
        assertRefused(manifestLink, "fer-model.json is a symbolic link, not a regular file");
    }

    @Test
    void aModelPathThatIsAFileSaysSo() throws IOException {
        Path file = Files.writeString(tmp.resolve("model.zip"), "zip");
        assertThatThrownBy(() -> Recognizer.load(file)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file + " is a file, not a model directory");
    }

    @Test
    void savingOverAModelFolderHoldingAUsersFileIsRefusedAndChangesNothing() throws IOException {
        Path dir = copy(saved, tmp.resolve("with-notes"));
        Path notes = Files.writeString(dir.resolve("notes.txt"), "my notes");
        assertThatThrownBy(() -> model.save(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(notes.toString()).hasMessageContaining("would be deleted");
        assertThat(notes).hasContent("my notes");
        assertThat(ModelDirectory.verify(dir).labels()).hasSize(3);

        Path users = Files.createDirectories(tmp.resolve("users"));
        Files.writeString(users.resolve("thesis.tex"), "chapter 1");
        assertThatThrownBy(() -> model.save(users)).hasMessageContaining("not a fer model directory")
                .hasMessageContaining("thesis.tex");
        assertThat(users.resolve("thesis.tex")).hasContent("chapter 1");

        Path plain = copy(saved, tmp.resolve("plain"));
        model.save(plain); // nothing but a model: replaced
        ModelDirectory.verify(plain);
    }

    @Test
    void saveDeletesHalfSavedFoldersWhoseProcessIsGoneAndKeepsLiveOnes() throws IOException {
        Path target = tmp.resolve("m");
        Path dead = Files.createDirectories(tmp.resolve(".m.saving-dead"));
        Files.writeString(dead.resolve(SavingFolders.OWNER), "999999999 2001-01-01T00:00:00Z\n");
        Files.writeString(Files.createDirectories(dead.resolve("saved_model")).resolve("half.pb"), "x");
        Path unowned = Files.createDirectories(tmp.resolve(".m.saving-old"));
        Files.setLastModifiedTime(unowned, FileTime.from(Instant.now().minusSeconds(7200)));
        Path live = SavingFolders.create(target);
        Path othersModel = Files.createDirectories(tmp.resolve(".other.saving-dead"));
        model.save(target);
        assertThat(dead).doesNotExist();
        assertThat(unowned).doesNotExist();
        assertThat(live).exists();
        assertThat(othersModel).exists();
        ModelDirectory.verify(target);
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
