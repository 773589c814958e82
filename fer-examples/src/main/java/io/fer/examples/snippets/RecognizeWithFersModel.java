package io.fer.examples.snippets;

import io.fer.core.Recognizer;
import io.fer.core.image.UnreadableImageException;
import java.nio.file.Path;

/** Recognises expressions with fer's own pretrained model (README's example; needs fer-core and fer-zoo). */
public final class RecognizeWithFersModel {
    private RecognizeWithFersModel() {}

    public static void main(String[] args) throws UnreadableImageException {
        try (Recognizer recognizer = Recognizer.pretrained()) {   // fer-zoo's model, unpacked and verified once
            recognizer.predictAll(Path.of("photo.jpg")).forEach(System.out::println);
        }
    }
}
