package io.fer.models.internal.graph;

import io.fer.models.internal.keras.KerasWeights;
import io.fer.models.internal.keras.KerasWeightsFile;
import io.fer.models.internal.keras.WeightsCheck;
import java.nio.file.Path;
import org.tensorflow.Session;

/** Loads and saves a backbone's weights as Keras HDF5 files, checking every name and shape before changing anything. */
public final class BackboneWeights {
    private BackboneWeights() {}

    /**
     * Reads {@code file} and writes it into {@code backbone}'s variables. Every missing, extra or mis-shaped weight
     * is reported by name (in one {@link io.fer.models.WeightFileException} naming the file) before any variable
     * changes.
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
}
