package io.fer.zoo;

import io.fer.core.Prediction;
import io.fer.core.Recognizer;
import java.nio.file.Path;
import java.util.List;

/**
 * The child JVM of {@link PredictOnlyAppTest}: an application that only predicts, with fer's pretrained model
 * ({@code java -cp … PredictWithoutTensorFlow PHOTO}).
 */
public final class PredictWithoutTensorFlow {
    private PredictWithoutTensorFlow() {}

    /** How many of this process's memory mappings are a TensorFlow library (Linux: /proc/self/maps). */
    static long tensorFlowLibrariesMapped() throws java.io.IOException {
        Path maps = Path.of("/proc/self/maps");
        if (!java.nio.file.Files.isReadable(maps)) {
            return 0; // not Linux: the class-loading log alone decides
        }
        try (var lines = java.nio.file.Files.lines(maps)) {
            return lines.filter(l -> l.contains("tensorflow")).count();
        }
    }

    public static void main(String[] args) throws Exception {
        try (Recognizer r = Recognizer.pretrained()) {
            List<Prediction> faces = r.predictAll(Path.of(args[0]));
            System.out.println("engine " + r.engine() + " faces " + faces.size());
            for (Prediction p : faces) {
                System.out.println("face " + p.label() + " " + p.confidence());
            }
            System.out.println("tensorflow libraries mapped " + tensorFlowLibrariesMapped());
        }
    }
}
