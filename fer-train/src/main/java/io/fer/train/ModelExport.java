package io.fer.train;

import io.fer.core.internal.model.ModelDirectory;
import io.fer.core.model.ModelForm;
import io.fer.core.model.ModelFormatException;
import io.fer.core.model.ModelManifest;
import io.fer.train.internal.StagedFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a copy of a saved model directory holding only some of its {@linkplain ModelForm forms}, e.g. an ONNX-only
 * directory ({@code model.onnx}, no {@code saved_model/}) that ONNX Runtime serves without TensorFlow's natives and
 * that is half the size. Nothing is retrained or re-exported: the kept files are copied byte for byte and the
 * manifest (labels, crop settings, training summary) is rewritten with the sums of just those files.
 *
 * <pre>{@code
 * ModelExport.withForms(Path.of("models/my-b0"), Path.of("models/my-b0-onnx"), EnumSet.of(ModelForm.ONNX));
 * }</pre>
 */
public final class ModelExport {
    private ModelExport() {}

    /**
     * Copies the model directory {@code source} (verified first) to {@code target} with only {@code forms}. The
     * target is built beside itself and moved into place at the end, as {@link FerModel#save} does, and replaces
     * only an empty folder or a fer model directory.
     *
     * @throws ModelFormatException if the source is not a valid model directory or lacks one of {@code forms}
     * @throws IllegalArgumentException if {@code forms} is empty, the target is the source, or the target holds
     *     files that are not a fer model
     */
    public static void withForms(Path source, Path target, Set<ModelForm> forms) {
        export(source, target, forms, null);
    }

    /**
     * Like {@link #withForms(Path, Path, Set)}, with {@code mirrorAveraging} as the copy's {@linkplain
     * ModelManifest#mirrorAveraging() mirror averaging} setting (the network is the same; a Recognizer then classifies
     * each face with its mirror image by default).
     */
    public static void withForms(Path source, Path target, Set<ModelForm> forms, boolean mirrorAveraging) {
        export(source, target, forms, mirrorAveraging);
    }

    private static void export(Path source, Path target, Set<ModelForm> forms, Boolean mirrorAveraging) {
        Objects.requireNonNull(forms, "forms");
        if (forms.isEmpty()) {
            throw new IllegalArgumentException("A model directory needs at least one form of its network ("
                    + Set.of(ModelForm.values()) + ")");
        }
        Path from = source.toAbsolutePath().normalize();
        Path to = target.toAbsolutePath().normalize();
        if (from.equals(to)) {
            throw new IllegalArgumentException("Cannot export " + from + " onto itself: choose another target");
        }
        ModelManifest m = ModelDirectory.verify(from);
        Set<ModelForm> missing = EnumSet.copyOf(forms);
        missing.removeAll(ModelForm.of(m));
        if (!missing.isEmpty()) {
            throw new ModelFormatException(from + " does not hold the form(s) " + missing + " (it has "
                    + ModelForm.of(m) + "); save the model again with FerModel.save to get both");
        }
        try {
            FerModel.checkReplaceable(to);
            try (StagedFolder staged = StagedFolder.begin(to)) {
                Path tmp = staged.path();
                for (String file : m.files().keySet()) {
                    if (forms.stream().anyMatch(f -> f.owns(file))) {
                        Path dest = tmp.resolve(file);
                        Files.createDirectories(dest.getParent());
                        Files.copy(from.resolve(file), dest);
                    }
                }
                Map<String, String> sums = ModelDirectory.files(tmp);
                for (Map.Entry<String, String> e : sums.entrySet()) {
                    if (!e.getValue().equals(m.files().get(e.getKey()))) {
                        // the source changed between verifying and copying
                        throw new ModelFormatException(from + " changed while it was copied: " + e.getKey()
                                + " no longer matches its SHA-256");
                    }
                }
                ModelDirectory.writeManifest(tmp, new ModelManifest(m.format(), m.libraryVersion(), m.labels(),
                        m.inputSize(), m.channelOrder(), m.valueRange(), m.backbone(), m.crop(),
                        mirrorAveraging != null ? mirrorAveraging : m.mirrorAveraging(), m.trainingJson(), sums));
                ModelDirectory.verify(tmp);
                staged.commit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot export " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }
}
