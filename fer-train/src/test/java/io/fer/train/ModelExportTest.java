package io.fer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.Expression;
import io.fer.core.Recognizer;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.RecognizerAccess;
import io.fer.core.internal.image.ImageDecoding;
import io.fer.core.internal.model.ModelDirectory;
import io.fer.core.model.ModelForm;
import io.fer.core.model.ModelFormatException;
import io.fer.core.model.ModelManifest;
import io.fer.core.runtime.ServingEngine;
import io.fer.models.Backbone;
import io.fer.train.augment.Augmentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX-only model directories written by {@link ModelExport}: only {@code model.onnx} and the manifest, served by
 * ONNX Runtime exactly as the full directory is, refused by TensorFlow by name, and verified like any other.
 */
@Tag("slow")
class ModelExportTest {
    static final List<Expression> CLASSES = List.of(Expression.ANGER, Expression.HAPPY);

    @TempDir
    static Path shared;
    static Path full;
    static Path onnxOnly;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainSaveAndExport() {
        full = shared.resolve("full");
        try (FerModel model = FerModel.builder().backbone(Backbone.B0).weights(Weights.none()).inputSize(32)
                .featureExtraction(1, 1e-3).fineTuning(0, 1e-4).batchSize(4).augmentation(Augmentation.none())
                .cropCache(null).quiet().fit(TestImages.patterns(CLASSES, 2, 32, 3))) {
            model.save(full);
        }
        onnxOnly = shared.resolve("onnx-only");
        ModelExport.withForms(full, onnxOnly, EnumSet.of(ModelForm.ONNX));
    }

    private static RgbImage image() {
        return ImageDecoding.fromBufferedImage(TestImages.pattern(1, 32, 5));
    }

    @Test
    void holdsTheSameModelOnnxAndAManifestThatListsJustIt() throws Exception {
        try (Stream<Path> files = Files.list(onnxOnly)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    ModelDirectory.ONNX, ModelDirectory.MANIFEST, ModelDirectory.MANIFEST_SUM);
        }
        assertThat(Files.mismatch(full.resolve(ModelDirectory.ONNX), onnxOnly.resolve(ModelDirectory.ONNX)))
                .isEqualTo(-1L);
        ModelManifest source = ModelDirectory.verify(full);
        ModelManifest copy = ModelDirectory.verify(onnxOnly);
        assertThat(ModelForm.of(source)).containsExactly(ModelForm.SAVED_MODEL, ModelForm.ONNX);
        assertThat(ModelForm.of(copy)).containsExactly(ModelForm.ONNX);
        assertThat(copy.files()).containsOnlyKeys(ModelDirectory.ONNX)
                .containsEntry(ModelDirectory.ONNX, source.files().get(ModelDirectory.ONNX));
        assertThat(copy.labels()).isEqualTo(source.labels());
        assertThat(copy.crop()).isEqualTo(source.crop());
        assertThat(copy.trainingJson()).isEqualTo(source.trainingJson());
    }

    @Test
    void autoServesItOnOnnxRuntimeWithTheFullDirectorysProbabilities() {
        float[] expected;
        try (Recognizer r = Recognizer.builder(full).engine(ServingEngine.ONNX_RUNTIME).load()) {
            expected = RecognizerAccess.probabilities(r, List.of(image()));
        }
        try (Recognizer r = Recognizer.load(onnxOnly)) {
            assertThat(r.engine()).isEqualTo(ServingEngine.ONNX_RUNTIME);
            assertThat(RecognizerAccess.probabilities(r, List.of(image()))).containsExactly(expected);
        }
    }

    @Test
    void mirrorAveragingIsKeptOrSetAndNothingElseChanges() throws Exception {
        Path mirrored = tmp.resolve("mirrored");
        ModelExport.withForms(onnxOnly, mirrored, EnumSet.of(ModelForm.ONNX), true);
        ModelManifest source = ModelDirectory.verify(onnxOnly);
        ModelManifest copy = ModelDirectory.verify(mirrored);
        assertThat(source.mirrorAveraging()).isFalse();
        assertThat(copy).isEqualTo(source.withMirrorAveraging(true));
        Path kept = tmp.resolve("kept");
        ModelExport.withForms(mirrored, kept, EnumSet.of(ModelForm.ONNX));
        assertThat(ModelDirectory.verify(kept).mirrorAveraging()).as("kept from the source").isTrue();
        try (Recognizer r = Recognizer.load(kept)) {
            assertThat(r.mirrorAveraging()).isTrue();
        }
    }

    @Test
    void tensorFlowIsRefusedNamingTheDirectoryAndTheFix() {
        assertThatThrownBy(() -> Recognizer.builder(onnxOnly).engine(ServingEngine.TENSORFLOW).load())
                .isInstanceOf(ModelFormatException.class).hasMessageContaining(onnxOnly.toString())
                .hasMessageContaining("ONNX_RUNTIME or AUTO").hasMessageContaining("FerModel.save");
    }

    @Test
    void anAlteredOrPaddedOnnxOnlyDirectoryIsRefused() throws Exception {
        Path altered = tmp.resolve("altered");
        ModelExport.withForms(onnxOnly, altered, EnumSet.of(ModelForm.ONNX));
        Files.write(altered.resolve(ModelDirectory.ONNX), new byte[] {0}, StandardOpenOption.APPEND);
        assertThatThrownBy(() -> Recognizer.load(altered)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model.onnx does not match its SHA-256");

        Path padded = tmp.resolve("padded");
        ModelExport.withForms(onnxOnly, padded, EnumSet.of(ModelForm.ONNX));
        Files.createDirectories(padded.resolve("saved_model"));
        Files.writeString(padded.resolve("saved_model/saved_model.pb"), "not a graph");
        assertThatThrownBy(() -> Recognizer.load(padded)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("saved_model/saved_model.pb").hasMessageContaining("does not list");
    }

    @Test
    void aFormTheSourceLacksOrAForeignTargetIsRefusedAndTheTargetKept() throws Exception {
        assertThatThrownBy(() -> ModelExport.withForms(onnxOnly, tmp.resolve("tf"), EnumSet.of(ModelForm.SAVED_MODEL)))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining(onnxOnly.toString())
                .hasMessageContaining("SAVED_MODEL");
        assertThat(tmp.resolve("tf")).doesNotExist();

        Path mine = tmp.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("thesis.txt"), "mine");
        assertThatThrownBy(() -> ModelExport.withForms(full, mine, EnumSet.of(ModelForm.ONNX)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("thesis.txt");
        assertThat(mine.resolve("thesis.txt")).hasContent("mine");

        assertThatThrownBy(() -> ModelExport.withForms(full, full, EnumSet.of(ModelForm.ONNX)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("onto itself");
        assertThatThrownBy(() -> ModelExport.withForms(full, tmp.resolve("none"), EnumSet.noneOf(ModelForm.class)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exportingBothFormsReproducesTheFullDirectorysFiles() {
        Path both = tmp.resolve("both");
        ModelExport.withForms(full, both, EnumSet.allOf(ModelForm.class));
        assertThat(ModelDirectory.verify(both).files()).isEqualTo(ModelDirectory.verify(full).files());
    }
}
