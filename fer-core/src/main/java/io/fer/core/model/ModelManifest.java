package io.fer.core.model;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * What inference needs to know about a saved model, stored as {@code fer-model.json} beside the SavedModel.
 *
 * @param format the directory format's version ({@link ModelDirectory#FORMAT})
 * @param libraryVersion the fer version that wrote it
 * @param labels class labels in output order (e.g. {@code "happy"})
 * @param inputSize the network's input height and width
 * @param channelOrder always {@code "RGB"}
 * @param valueRange pixel values the network takes, always {@code "0..255"} (it rescales inside)
 * @param backbone {@code b0}..{@code b7} or {@code cnn}
 * @param crop face-cropping settings used in training, so that inference crops the same way
 * @param training a summary of how it was trained (free-form: dataset, epochs, accuracy …)
 * @param files SHA-256 of every file of the SavedModel, keyed by path relative to the directory
 */
public record ModelManifest(int format, String libraryVersion, List<String> labels, int inputSize,
        String channelOrder, String valueRange, String backbone, JsonObject crop, JsonObject training,
        Map<String, String> files) {

    /** Copies the lists; absent ones stay null so that {@link ModelDirectory#verify} can name what is missing. */
    public ModelManifest {
        labels = labels == null ? null : List.copyOf(labels);
        files = files == null ? null : Map.copyOf(files);
    }
}
