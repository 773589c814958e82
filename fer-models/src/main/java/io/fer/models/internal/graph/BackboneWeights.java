package io.fer.models.weights;

import io.fer.models.Backbone;
import io.fer.models.BackboneGraph;
import io.fer.models.keras.KerasWeights;
import io.fer.models.keras.KerasWeightsFile;
import io.fer.models.keras.WeightsCheck;
import java.nio.file.Path;
import org.tensorflow.Session;

/** Loads and saves a backbone's weights as Keras HDF5 files, checking every name and shape before changing anything. */
public final class BackboneWeights {
    private BackboneWeights() {}

    /**
     * Reads {@code file} and writes it into {@code backbone}'s variables. Every missing, extra or mis-shaped weight
     * is reported by name (in one {@link io.fer.models.keras.WeightFileException} naming the file) before any
     * variable changes.
     */
    public static void load(BackboneGraph backbone, Session session, Path file) {
        KerasWeights weights = KerasWeightsFile.read(file);
        WeightsCheck.requireFits(file, weights, backbone.layers());
        backbone.assignWeights(session, weights);
    }

    /** Writes the backbone's current weights as a Keras weights file (atomically). */
    public static void save(BackboneGraph backbone, Session session, Path file) {
        KerasWeightsFile.write(file, backbone.readWeights(session));
    }

    /**
     * The cached (or, if allowed, downloaded and verified) ImageNet weights file of an EfficientNet; offline and not
     * cached, the error names the URL and the path to put the file at.
     */
    public static Path imagenet(Backbone backbone, DownloadPolicy policy) {
        if (!backbone.isEfficientNet()) {
            throw new IllegalArgumentException("The plain CNN has no ImageNet weights; use weights none");
        }
        return ImageNetWeights.standard().resolve(backbone.ordinal(), policy);
    }
}
