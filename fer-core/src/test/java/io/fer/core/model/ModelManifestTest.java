package io.fer.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.face.CropSettings.NoFacePolicy;
import io.fer.core.face.CropSettings;
import io.fer.core.face.DetectorSettings;
import io.fer.core.internal.model.ModelDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest type parses its crop settings and training summary itself; no JSON type leaves it. */
class ModelManifestTest {
    @TempDir
    Path dir;

    /** A directory whose manifest holds {@code crop} (a JSON object, or null for none) beside a stand-in network. */
    private Path directory(String crop) throws Exception {
        byte[] onnx = "not a network: verify checks sums, not graphs".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve(ModelDirectory.ONNX), onnx);
        String json = "{\"format\": 1, \"libraryVersion\": \"test\", \"labels\": [\"happy\", \"sadness\"],"
                + " \"inputSize\": 48, \"backbone\": \"b0\"," + (crop == null ? "" : " \"crop\": " + crop + ",")
                + " \"training\": {\"dataset\": \"d\", \"epochs\": 3},"
                + " \"files\": {\"model.onnx\": \"" + ModelDirectory.sha256(dir.resolve(ModelDirectory.ONNX)) + "\"}}";
        Files.writeString(dir.resolve(ModelDirectory.MANIFEST), json);
        return dir;
    }

    @Test
    void cropSettingsAreParsedWithEveryField() throws Exception {
        ModelManifest m = ModelDirectory.verify(directory("{\"inputSize\": 48, \"margin\": 0.25, \"square\": false,"
                + " \"detectFaces\": true, \"noFacePolicy\": \"FAIL\", \"align\": true, \"verticalShift\": 0.1,"
                + " \"detector\": {\"kind\": \"YUNET\", \"scoreThreshold\": 0.8, \"minFaceSize\": 30,"
                + " \"maxFaces\": 5, \"workingSize\": 320}}"));
        assertThat(m.crop()).isEqualTo(CropSettings.builder().inputSize(48).margin(0.25).square(false)
                .detectFaces(true).noFacePolicy(NoFacePolicy.FAIL).align(true).verticalShift(0.1)
                .detector(new DetectorSettings(DetectorSettings.Kind.YUNET, 0.8, 30, 5, 320, null)).build());
        assertThat(m.trainingJson()).isEqualTo("{\"dataset\":\"d\",\"epochs\":3}");
    }

    @Test
    void fieldsAnOldManifestLacksReadAsFerWroteThemBefore() throws Exception {
        CropSettings legacy = CropSettings.builder().inputSize(48).detector(DetectorSettings.haar()).align(false)
                .noFacePolicy(NoFacePolicy.CENTER_CROP).build();
        assertThat(ModelDirectory.verify(directory(null)).crop()).isEqualTo(legacy);
        assertThat(ModelDirectory.verify(directory("{\"margin\": 0.3}")).crop())
                .isEqualTo(legacy.toBuilder().margin(0.3).build());
    }

    @Test
    void aBadCropFieldIsRefusedWhenTheManifestIsReadNamingIt() throws Exception {
        assertThatThrownBy(() -> ModelDirectory.verify(directory("{\"margin\": \"wide\"}")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(ModelDirectory.MANIFEST).hasMessageContaining("crop.margin is \"wide\"");
        assertThatThrownBy(() -> ModelDirectory.verify(directory("{\"detector\": {\"kind\": \"EYES\"}}")))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("crop.detector.kind is \"EYES\"");
        assertThatThrownBy(() -> ModelDirectory.verify(directory("[1]")))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("crop is [1]");
    }

    @Test
    void aWrittenManifestReadsBackEqual() throws Exception {
        ModelManifest read = ModelDirectory.verify(directory("{\"margin\": 0.2, \"detectFaces\": false}"));
        Path copy = Files.createDirectory(dir.resolve("copy"));
        Files.copy(dir.resolve(ModelDirectory.ONNX), copy.resolve(ModelDirectory.ONNX));
        ModelDirectory.writeManifest(copy, read);
        assertThat(ModelDirectory.verify(copy)).isEqualTo(read);
        assertThat(Files.readString(copy.resolve(ModelDirectory.MANIFEST))).contains("\"detectFaces\": false")
                .contains("\"training\": {").doesNotContain("\\\"dataset");
    }

    @Test
    void aTrainingSummaryThatIsNoJsonObjectIsNotWritten() {
        ModelManifest m = new ModelManifest(1, "test", List.of("a", "b"), 48, "RGB", "0..255", "b0",
                CropSettings.builder().inputSize(48).build(), false, "[1, 2]", Map.of());
        assertThatThrownBy(() -> ModelDirectory.writeManifest(dir, m)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> new ModelManifest(1, "test", List.of("a"), 48, "RGB", "0..255", "b0", null, false, null,
                Map.of())).isInstanceOf(NullPointerException.class).hasMessageContaining("crop");
    }
}
