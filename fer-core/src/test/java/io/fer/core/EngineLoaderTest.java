package io.fer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.internal.model.ModelDirectory;
import io.fer.core.model.ModelForm;
import io.fer.core.model.ModelFormatException;
import io.fer.core.model.ModelManifest;
import io.fer.core.runtime.ServingEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine chosen for a directory by the forms its manifest lists, and the refusals naming the fix. */
class EngineLoaderTest {
    private static final String SUM = "0".repeat(64);

    @TempDir
    Path dir;

    private static ModelManifest manifest(Map<String, String> files) {
        return new ModelManifest(ModelDirectory.FORMAT, "test", List.of("happy", "sadness"), 32, "RGB", "0..255",
                "b0", io.fer.core.face.CropSettings.builder().inputSize(32).build(), false, null, files);
    }

    @Test
    void theManifestSaysWhichFormsADirectoryHolds() {
        assertThat(ModelForm.of(manifest(Map.of(ModelDirectory.ONNX, SUM)))).containsExactly(ModelForm.ONNX);
        assertThat(ModelForm.of(manifest(Map.of("saved_model/saved_model.pb", SUM,
                "saved_model/variables/variables.index", SUM)))).containsExactly(ModelForm.SAVED_MODEL);
        assertThat(ModelForm.of(manifest(Map.of("saved_model/saved_model.pb", SUM, ModelDirectory.ONNX, SUM))))
                .containsExactly(ModelForm.SAVED_MODEL, ModelForm.ONNX);
        assertThat(ModelForm.of(manifest(Map.of("notes.txt", SUM)))).isEmpty();
    }

    @Test
    void anOnnxOnlyDirectoryServesOnOnnxRuntimeAndTensorFlowIsRefusedWithTheFix() {
        ModelManifest onnxOnly = manifest(Map.of(ModelDirectory.ONNX, SUM));
        assertThat(EngineLoader.resolve(dir, onnxOnly, ServingEngine.AUTO)).isEqualTo(ServingEngine.ONNX_RUNTIME);
        assertThat(EngineLoader.resolve(dir, onnxOnly, ServingEngine.ONNX_RUNTIME))
                .isEqualTo(ServingEngine.ONNX_RUNTIME);
        assertThatThrownBy(() -> EngineLoader.resolve(dir, onnxOnly, ServingEngine.TENSORFLOW))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("saved_model/")
                .hasMessageContaining("ServingEngine.ONNX_RUNTIME or AUTO");
    }

    @Test
    void aSavedModelOnlyDirectoryServesOnTensorFlowAsBefore() {
        ModelManifest savedModelOnly = manifest(Map.of("saved_model/saved_model.pb", SUM));
        assertThat(EngineLoader.resolve(dir, savedModelOnly, ServingEngine.AUTO)).isEqualTo(ServingEngine.TENSORFLOW);
        assertThatThrownBy(() -> EngineLoader.resolve(dir, savedModelOnly, ServingEngine.ONNX_RUNTIME))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("model.onnx")
                .hasMessageContaining(dir.toString());
    }

    @Test
    void aManifestThatListsNoNetworkIsRefusedByName() throws Exception {
        Files.writeString(dir.resolve(ModelDirectory.MANIFEST), """
                {"format": 1, "libraryVersion": "test", "labels": ["happy", "sadness"], "inputSize": 32,
                 "channelOrder": "RGB", "valueRange": "0..255", "backbone": "b0",
                 "files": {"notes.txt": "%s"}}""".formatted(SUM));
        assertThatThrownBy(() -> ModelDirectory.verify(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(dir.resolve(ModelDirectory.MANIFEST).toString())
                .hasMessageContaining("lists no network");
    }
}
