package io.fer.core.model;

import io.fer.core.internal.model.ModelDirectory;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A form in which a model directory holds its serving network. A directory holds one or both; its manifest lists
 * the SHA-256 of every file of each, and so says which forms it has ({@link #of(ModelManifest)}).
 */
public enum ModelForm {
    /** {@value ModelDirectory#SAVED_MODEL}/: a TensorFlow SavedModel, served by TensorFlow (CPU or GPU). */
    SAVED_MODEL,
    /** {@value ModelDirectory#ONNX}: the same network in ONNX form, served by ONNX Runtime. */
    ONNX;

    /** Whether {@code path} (relative to the model directory, '/'-separated) is a file of this form. */
    public boolean owns(String path) {
        return this == ONNX ? path.equals(ModelDirectory.ONNX) : path.startsWith(ModelDirectory.SAVED_MODEL + "/");
    }

    /** The forms whose files {@code manifest} lists. */
    public static Set<ModelForm> of(ModelManifest manifest) {
        return of(manifest.files());
    }

    /** The forms among {@code files} (paths relative to the model directory). */
    public static Set<ModelForm> of(Map<String, String> files) {
        Set<ModelForm> forms = EnumSet.noneOf(ModelForm.class);
        for (String f : files.keySet()) {
            for (ModelForm form : values()) {
                if (form.owns(f)) {
                    forms.add(form);
                }
            }
        }
        return forms;
    }
}
