package io.fer.sample;

import io.fer.core.Prediction;
import io.fer.core.Recognizer;
import io.fer.core.face.CropSettings.NoFacePolicy;
import io.fer.core.image.UnreadableImageException;
import java.nio.file.Path;
import java.util.List;

/** Prints the expression of every face in each image: {@code java -jar app.jar MODEL_DIR IMAGE...}. */
public final class RecognizeExpressions {
    private RecognizeExpressions() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: java -jar app.jar MODEL_DIR IMAGE...");
            System.exit(2);
        }
        try (Recognizer recognizer = Recognizer.load(Path.of(args[0]), NoFacePolicy.SKIP)) {
            for (int i = 1; i < args.length; i++) {
                Path image = Path.of(args[i]);
                try {
                    List<Prediction> faces = recognizer.predictAll(image);   // one result per face found
                    for (Prediction p : faces) {
                        System.out.printf("%s %s %.2f at %s%n", image, p.label(), p.confidence(), p.face());
                    }
                    if (faces.isEmpty()) {
                        System.out.println(image + " no face");
                    }
                } catch (UnreadableImageException e) {
                    System.err.println(image + ": " + e.getMessage());   // the other images still run
                }
            }
        }
    }
}
