package io.fer.examples.snippets;

import io.fer.core.Recognizer;
import io.fer.models.Backbone;
import io.fer.train.Evaluation;
import io.fer.train.FerModel;
import io.fer.train.ProtocolRun;
import io.fer.train.RecognizerEvaluation;
import io.fer.train.data.Dataset;
import io.fer.train.data.JaffeDataset;
import io.fer.train.protocol.SubjectKFold;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Subject-independent 10-fold cross-validation on JAFFE, then one saved fold model re-evaluated (README's example). */
public final class CrossValidateOnJaffe {
    private CrossValidateOnJaffe() {}

    public static void main(String[] args) throws IOException {
        Dataset jaffe = JaffeDataset.load(Path.of("data/jaffe"));
        ProtocolRun.Outcome run = ProtocolRun.run(jaffe, new SubjectKFold(10, 42),
                () -> FerModel.builder().backbone(Backbone.B0).freezeUntil(-6),   // a fresh builder per fold
                Path.of("runs/jaffe-b0"), "B0 on JAFFE", Map.of("data", "JAFFE"), ProtocolRun.Listener.NONE);
        System.out.printf("pooled accuracy %.3f, mean %.3f%n", run.pooledAccuracy(), run.results().accuracy().mean());

        // a saved model directory, evaluated as an application runs it (crops, detector and all)
        Path fold1 = run.folds().get(0).folder().resolve(ProtocolRun.MODEL);
        try (Recognizer recognizer = Recognizer.load(fold1)) {
            Evaluation e = RecognizerEvaluation.evaluate(recognizer, jaffe, null, RecognizerEvaluation.Progress.NONE);
            System.out.println(e.accuracy());
        }
    }
}
