package io.fer.train;

import io.fer.core.Recognizer;
import io.fer.core.face.YuNetFaceDetector;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.RecognizerAccess;
import io.fer.core.internal.image.ImageDecoding;
import io.fer.core.runtime.ServingEngine;
import java.nio.file.Path;

/**
 * A child process for {@link FreshJvmOnnxRuntimeTest}: loads a model directory on an engine and predicts once;
 * with a third argument {@code yunet-first} it makes a YuNet detector (its own ONNX Runtime session) before.
 */
public final class PredictInFreshJvm {
    private PredictInFreshJvm() {}

    public static void main(String[] args) {
        if (args.length > 2 && args[2].equals("yunet-first")) {
            try (YuNetFaceDetector yunet = new YuNetFaceDetector()) {
                System.out.println("yunet faces " + yunet.detect(RgbImage.of(64, 64, new byte[64 * 64 * 3])).size());
            }
        }
        try (Recognizer r = Recognizer.builder(Path.of(args[0])).engine(ServingEngine.valueOf(args[1])).load()) {
            float[] p = RecognizerAccess.probabilities(r, java.util.List.of(ImageDecoding.fromBufferedImage(TestImages.pattern(0, 32, 1))));
            System.out.println("engine " + r.engine() + " outputs " + p.length);
        }
    }
}
