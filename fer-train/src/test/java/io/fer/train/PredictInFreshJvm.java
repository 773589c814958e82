package io.fer.train;

import io.fer.core.Recognizer;
import io.fer.core.image.ImageDecoding;
import io.fer.core.runtime.ServingEngine;
import java.nio.file.Path;

/** A child process for {@link FreshJvmOnnxRuntimeTest}: loads a model directory on ONNX Runtime and predicts once. */
public final class PredictInFreshJvm {
    private PredictInFreshJvm() {}

    public static void main(String[] args) {
        try (Recognizer r = Recognizer.builder(Path.of(args[0])).engine(ServingEngine.valueOf(args[1])).load()) {
            float[] p = r.probabilities(java.util.List.of(ImageDecoding.fromBufferedImage(TestImages.pattern(0, 32, 1))));
            System.out.println("engine " + r.engine() + " outputs " + p.length);
        }
    }
}
