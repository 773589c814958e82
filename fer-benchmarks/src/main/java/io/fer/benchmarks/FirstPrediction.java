package io.fer.benchmarks;

import io.fer.core.Prediction;
import io.fer.core.Recognizer;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * The child JVM of {@link StartupTime}: loads a model, predicts one image, and prints how long after the JVM
 * started each step ended ({@code loaded-ms=… first-prediction-ms=…}).
 */
public final class FirstPrediction {
    /** The model argument that loads fer's own model ({@link Recognizer#pretrained()}) instead of a directory. */
    static final String PRETRAINED = "pretrained";

    private FirstPrediction() {}

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        try (Recognizer recognizer = args[0].equals(PRETRAINED) ? Recognizer.pretrained()
                : Recognizer.load(Path.of(args[0]))) {
            long loaded = System.currentTimeMillis() - jvmStart;
            List<Prediction> faces = recognizer.predictAll(Path.of(args[1]));
            long predicted = System.currentTimeMillis() - jvmStart;
            System.out.println("loaded-ms=" + loaded + " first-prediction-ms=" + predicted + " faces=" + faces.size()
                    + " engine=" + recognizer.engine());
        }
    }
}
