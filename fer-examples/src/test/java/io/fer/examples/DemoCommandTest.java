package io.fer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.fer.core.internal.model.ModelDirectory;
import io.fer.train.eval.EvaluationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fer demo}, shrunk to a few people and one epoch per phase. */
@Tag("slow")
class DemoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void theDemoSaysItIsSyntheticWritesReportAndModelAndPredictsSampleScenes() throws IOException {
        Path out = tmp.resolve("demo");
        Cli cli = Cli.run("demo", "--out", out.toString(), "--identities", "4", "--input-size", "24", "--epochs",
                "1,1", "--quiet");
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(cli.err()).isEmpty();
        assertThat(cli.out()).contains("SYNTHETIC", "not photographs of people");

        JsonObject report = TrainEvaluatePredictTest.json(out.resolve(EvaluationReport.REPORT_JSON));
        int tested = report.get("total").getAsInt();
        assertThat(tested).isEqualTo(8 * 2); // one held-out person, 8 expressions x 2 images
        assertThat(cli.out()).contains(String.format(Locale.ROOT, "Held-out accuracy: %.2f %% (%d of %d images",
                100 * report.get("accuracy").getAsDouble(), report.get("correct").getAsInt(), tested));
        assertThat(report.getAsJsonObject("info").get("data").getAsString()).contains("SYNTHETIC");
        for (String f : List.of(EvaluationReport.SUMMARY_MD, EvaluationReport.CLASSIFICATION_REPORT,
                EvaluationReport.METRICS_CSV, EvaluationReport.CONFUSION_MATRIX_PNG,
                EvaluationReport.TRAINING_CURVES_PNG)) {
            assertThat(out.resolve(f)).as(f).isNotEmptyFile();
        }
        boolean anyWrong = report.get("correct").getAsInt() < tested;
        assertThat(Files.exists(out.resolve(EvaluationReport.MISCLASSIFIED_PNG))).isEqualTo(anyWrong);
        assertThat(ModelDirectory.verify(out.resolve("model")).backbone()).isEqualTo("cnn");

        List<Path> samples;
        try (Stream<Path> files = Files.list(out.resolve("samples"))) {
            samples = files.sorted().toList();
        }
        assertThat(samples).hasSize(8);
        // and fer's own model (fer-zoo) on a real photograph
        assertThat(out.resolve("real-photo").resolve("astronaut.jpg")).isRegularFile();
        assertThat(cli.out()).contains("A real photograph", "Recognizer.pretrained()");
        for (Path s : samples) {
            assertThat(cli.out()).contains("samples/" + s.getFileName());
        }
        assertThat(cli.out()).containsPattern("\\d of 8 right");
    }
}
