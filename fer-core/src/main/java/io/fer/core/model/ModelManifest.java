package io.fer.core.model;

import io.fer.core.Recognizer;
import io.fer.core.face.CropSettings;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What inference needs to know about a saved model, stored as {@code fer-model.json} beside the network. Read with
 * every field checked when a model directory is loaded ({@code Recognizer.manifest()} gives it).
 *
 * @param format the directory format's version (1)
 * @param libraryVersion the fer version that wrote it
 * @param labels class labels in output order (e.g. {@code "happy"})
 * @param inputSize the network's input height and width
 * @param channelOrder always {@code "RGB"}
 * @param valueRange pixel values the network takes, always {@code "0..255"} (it rescales inside)
 * @param backbone {@code b0}..{@code b7} or {@code cnn}
 * @param crop face-cropping settings used in training, so that inference crops the same way: parsed and checked, with
 *     fields a manifest lacks read as fer wrote them before the field existed (never null)
 * @param mirrorAveraging whether a Recognizer classifies each face together with its left-right mirror image, in the
 *     same forward pass, and answers with the mean of the two (test-time augmentation: more accurate for models
 *     trained with flips, at twice the network's work per face); false for manifests without the field
 * @param trainingJson a summary of how it was trained, as the JSON text of an object (free-form: dataset, epochs,
 *     accuracy …), or null when the manifest has none
 * @param files SHA-256 of every file of the network, keyed by path relative to the directory
 */
public record ModelManifest(int format, String libraryVersion, List<String> labels, int inputSize,
        String channelOrder, String valueRange, String backbone, CropSettings crop, boolean mirrorAveraging,
        String trainingJson, Map<String, String> files) {

    /** Copies the lists; absent ones stay null so that the directory's check can name what is missing. */
    public ModelManifest {
        Objects.requireNonNull(crop, "crop");
        labels = labels == null ? null : List.copyOf(labels);
        files = files == null ? null : Map.copyOf(files);
    }

    /** This manifest with {@code value} as its {@link #mirrorAveraging()} setting and everything else the same. */
    public ModelManifest withMirrorAveraging(boolean value) {
        return new ModelManifest(format, libraryVersion, labels, inputSize, channelOrder, valueRange, backbone, crop,
                value, trainingJson, files);
    }
}
