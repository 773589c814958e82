package io.fer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fer.core.Expression;
import io.fer.core.Recognizer;
import io.fer.models.Backbone;
import io.fer.train.augment.Augmentation;
import io.fer.train.data.Dataset;
import io.fer.train.eval.EvaluationReport;
import io.fer.train.eval.SamplePrediction;
import io.fer.train.protocol.Fold;
import io.fer.train.protocol.SubjectKFold;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-validation as library API: one model per fold, each saved with its report, the pooled report beside them;
 * and the saved models evaluated through the Recognizer agree with the in-memory evaluation.
 */
class ProtocolRunTest {
    static final List<Expression> CLASSES = List.of(Expression.HAPPY, Expression.SADNESS, Expression.SURPRISE);

    @TempDir
    Path tmp;

    static FerModelBuilder recipe() {
        return FerModel.builder().backbone(Backbone.CNN).weights(Weights.none()).inputSize(32).freezeUntil(0)
                .featureExtraction(0, 1e-3).fineTuning(2, 3e-3).batchSize(4).augmentation(Augmentation.none())
                .validationFraction(0).seed(5).cropCache(null).quiet();
    }

    @Test
    @Tag("slow")
    void trainsEveryFoldSavesItsModelAndReportAndPoolsTheTestPredictions() throws IOException {
        Dataset data = TestImages.patterns(CLASSES, 4, 32, 3); // subjects s0..s3
        List<String> heard = new ArrayList<>();
        int[] builders = {0};
        ProtocolRun.Listener listener = new ProtocolRun.Listener() {
            @Override
            public void started(List<Fold> folds) {
                heard.add("started " + folds.size());
            }

            @Override
            public void foldStarted(Fold fold, int index) {
                heard.add("fold " + index);
            }

            @Override
            public void foldFinished(ProtocolRun.FoldOutcome outcome) {
                heard.add("done " + outcome.name());
            }
        };
        Path out = tmp.resolve("run");
        ProtocolRun.Outcome o = ProtocolRun.run(data, new SubjectKFold(2, 7), () -> {
            builders[0]++;
            return recipe();
        }, out, "patterns", Map.of("data", "generated"), listener);

        assertThat(builders[0]).isEqualTo(2);
        assertThat(heard).containsExactly("started 2", "fold 0", "done " + o.folds().get(0).name(), "fold 1",
                "done " + o.folds().get(1).name());
        assertThat(o.folds()).hasSize(2);
        long tested = 0;
        for (int i = 0; i < 2; i++) {
            ProtocolRun.FoldOutcome f = o.folds().get(i);
            assertThat(f.folder()).isEqualTo(out.resolve("fold-0" + (i + 1)));
            assertThat(f.folder().resolve(ProtocolRun.MODEL).resolve("fer-model.json")).isRegularFile();
            assertThat(f.folder().resolve(EvaluationReport.REPORT_JSON)).isRegularFile();
            assertThat(Files.readString(f.folder().resolve(EvaluationReport.SUMMARY_MD))).contains(f.name())
                    .contains("generated");
            tested += f.testImages();
        }
        assertThat(tested).isEqualTo(data.samples().size()); // every sample is tested exactly once
        assertThat(o.pooled().total()).isEqualTo(tested);
        assertThat(o.results().accuracy().mean()).isBetween(0.0, 1.0);
        assertThat(Files.readString(out.resolve(EvaluationReport.SUMMARY_MD))).contains("pooled over 2 folds");

        // the first fold's saved model, run as an application runs it, says what the model in memory said
        ProtocolRun.FoldOutcome first = o.folds().get(0);
        Dataset test = testSet(data, first);
        try (Recognizer recognizer = Recognizer.load(first.folder().resolve(ProtocolRun.MODEL))) {
            Evaluation viaRecognizer = RecognizerEvaluation.evaluate(recognizer, test, null,
                    RecognizerEvaluation.Progress.NONE);
            assertThat(viaRecognizer.matrix().total()).isEqualTo(first.testImages());
            for (int i = 0; i < first.testImages(); i++) {
                SamplePrediction saved = viaRecognizer.predictions().get(i);
                SamplePrediction inMemory = first.evaluation().predictions().get(i);
                assertThat(saved.sampleId()).isEqualTo(inMemory.sampleId());
                assertThat(saved.trueIndex()).isEqualTo(inMemory.trueIndex());
                double[] p = inMemory.probabilities();
                double[] q = saved.probabilities();
                for (int k = 0; k < p.length; k++) {
                    assertThat(q[k]).as(saved.sampleId()).isCloseTo(p[k], within(1e-3));
                }
            }
        }
    }

    @Test
    void aFolderWithSomeoneElsesFilesIsRefusedBeforeAnyTraining() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(out.resolve("notes.txt"), "keep me");
        assertThatThrownBy(() -> ProtocolRun.run(TestImages.patterns(CLASSES, 4, 32, 3), new SubjectKFold(2, 7),
                () -> {
                    throw new AssertionError("no fold may train");
                }, out, "patterns", Map.of(), ProtocolRun.Listener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notes.txt");
        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("keep me");
    }

    /** The samples a fold tested, in the order the fold's evaluation lists them. */
    private static Dataset testSet(Dataset data, ProtocolRun.FoldOutcome fold) {
        List<String> ids = fold.evaluation().predictions().stream().map(SamplePrediction::sampleId).toList();
        var samples = ids.stream().map(id -> data.samples().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow()).toList();
        return new Dataset(data.name(), data.classes(), samples, List.of(), data.preCropped());
    }
}
