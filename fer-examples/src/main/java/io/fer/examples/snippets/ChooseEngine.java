package io.fer.examples.snippets;

import io.fer.core.Recognizer;
import io.fer.core.runtime.EngineThreads;
import io.fer.core.runtime.ServingEngine;
import java.nio.file.Path;

/** Chooses the serving engine and its threads (README's example). */
public final class ChooseEngine {
    private ChooseEngine() {}

    public static void main(String[] args) {
        try (Recognizer r = Recognizer.builder(Path.of("models/my-b0"))
                .engine(ServingEngine.ONNX_RUNTIME)          // or TENSORFLOW, AUTO (the default)
                .threads(new EngineThreads(2, 1))            // intra-op, inter-op
                .load()) {
            System.out.println(r.engine());                  // the engine it runs on
        }
    }
}
