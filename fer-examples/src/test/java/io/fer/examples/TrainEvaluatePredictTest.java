package io.fer.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fer.core.internal.model.ModelDirectory;
import io.fer.train.eval.EvaluationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fer train} on a class-folder fixture, then {@code fer evaluate} and {@code fer predict} on its model. */
@Tag("slow")
class TrainEvaluatePredictTest {
    @TempDir
    static Path tmp;
    static Path data;
    static int images;
    static Path run;
    static Cli train;

    @BeforeAll
    static void train() throws IOException {
        data = tmp.resolve("faces");
        images = Fixtures.imageFolder(data, 6, 2, 5);
        Files.writeString(data.resolve("README.txt"), "not an image");
        run = tmp.resolve("run");
        train = Cli.run("train", "--dataset", "folder", "--data", data.toString(), "--backbone", "cnn",
                "--input-size", "32", "--epochs", "1,1", "--batch", "8", "--protocol", "random:0.75",
                "--crop-cache", tmp.resolve("crops").toString(), "--out", run.toString());
    }

    @Test
    void trainSavesTheModelWritesEveryReportFileAndPrintsTheSummary() throws IOException {
        assertThat(train.exitCode()).as(train.toString()).isZero();
        assertThat(ModelDirectory.verify(run.resolve("model")).labels()).containsExactly("happy", "sadness",
                "surprise");
        for (String f : List.of(EvaluationReport.CLASSIFICATION_REPORT, EvaluationReport.METRICS_CSV,
                EvaluationReport.CONFUSION_MATRIX_CSV, EvaluationReport.PREDICTIONS_CSV, EvaluationReport.REPORT_JSON,
                EvaluationReport.SUMMARY_MD, EvaluationReport.CONFUSION_MATRIX_PNG,
                EvaluationReport.TRAINING_CURVES_PNG)) {
            assertThat(run.resolve(f)).as(f).isNotEmptyFile();
        }
        JsonObject report = json(run.resolve(EvaluationReport.REPORT_JSON));
        double accuracy = report.get("accuracy").getAsDouble();
        int tested = report.get("total").getAsInt();
        assertThat(tested).isEqualTo(images / 4); // random:0.75 of 12 images per class
        assertThat(report.getAsJsonObject("info").get("protocol").getAsString()).contains("random");
        assertThat(report.getAsJsonArray("history")).hasSize(2);
        assertThat(train.out()).contains("Protocol: stratified random split 75/25")
                .contains(String.format(Locale.ROOT, "%.2f %%", 100 * accuracy))
                .contains(run.toString());
        assertThat(train.err()).contains("phase 1 (feature extraction)", "phase 2 (fine-tuning)");
    }

    @Test
    void quietSilencesTheProgressButNotTheResult() {
        Path quietRun = tmp.resolve("quiet-run");
        Cli cli = Cli.run("train", "--dataset", "folder", "--data", data.toString(), "--backbone", "cnn",
                "--input-size", "24", "--epochs", "1,0", "--protocol", "random:0.75", "--quiet",
                "--crop-cache", tmp.resolve("crops").toString(), "--out", quietRun.toString());
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(cli.err()).isEmpty();
        assertThat(cli.out()).contains("accuracy", "fold");
        assertThat(quietRun.resolve("model").resolve(ModelDirectory.MANIFEST)).exists();
    }

    @Test
    void evaluateRunsTheSavedModelOverTheWholeDataSet() throws IOException {
        Path out = tmp.resolve("evaluation");
        Cli cli = Cli.run("evaluate", "--model", run.resolve("model").toString(), "--dataset", "folder", "--data",
                data.toString(), "--crop-cache", tmp.resolve("crops").toString(), "--out", out.toString());
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        JsonObject report = json(out.resolve(EvaluationReport.REPORT_JSON));
        assertThat(report.get("total").getAsInt()).isEqualTo(images);
        assertThat(report.getAsJsonArray("predictions")).hasSize(images);
        assertThat(cli.out()).contains("precision", "recall", "f1-score", "macro avg")
                .contains(String.format(Locale.ROOT, "Accuracy %.2f %% on %d images",
                        100 * report.get("accuracy").getAsDouble(), images));
        assertThat(out.resolve(EvaluationReport.CONFUSION_MATRIX_PNG)).isNotEmptyFile();
    }

    @Test
    void predictPrintsATableOfFacesExpressionsAndConfidences() throws IOException {
        List<Path> files = someImages(2);
        Cli cli = Cli.run("predict", "--model", run.resolve("model").toString(), files.get(0).toString(),
                files.get(1).toString());
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        List<String> lines = cli.out().lines().toList();
        assertThat(lines.get(0)).contains("image", "face", "expression", "confidence");
        assertThat(lines).hasSize(3);
        for (int i = 0; i < 2; i++) {
            assertThat(lines.get(i + 1)).startsWith(files.get(i).toString()).containsPattern("happy|sadness|surprise")
                    .containsPattern("\\d+,\\d+ \\d+×\\d+").containsPattern("0\\.\\d{3}|1\\.000");
        }
    }

    @Test
    void predictJsonHasEveryFaceWithBoxExpressionConfidenceAndAllProbabilities() throws IOException {
        List<Path> files = someImages(3);
        List<String> args = new ArrayList<>(List.of("predict", "--json", "--model", run.resolve("model").toString()));
        files.forEach(f -> args.add(f.toString()));
        Cli cli = Cli.run(args.toArray(String[]::new));
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        JsonObject root = JsonParser.parseString(cli.out()).getAsJsonObject();
        assertThat(labels(root.getAsJsonArray("labels"))).containsExactly("happy", "sadness", "surprise");
        JsonArray results = root.getAsJsonArray("images");
        assertThat(results).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonObject image = results.get(i).getAsJsonObject();
            assertThat(image.get("file").getAsString()).isEqualTo(files.get(i).toString());
            assertThat(image.get("error").isJsonNull()).isTrue();
            JsonArray faces = image.getAsJsonArray("faces");
            assertThat(faces).isNotEmpty();
            for (JsonElement f : faces) {
                JsonObject face = f.getAsJsonObject();
                JsonObject box = face.getAsJsonObject("box");
                assertThat(box.keySet()).containsExactlyInAnyOrder("x", "y", "width", "height");
                assertThat(box.get("width").getAsInt()).isPositive();
                JsonObject p = face.getAsJsonObject("probabilities");
                assertThat(p.keySet()).containsExactly("happy", "sadness", "surprise");
                double sum = 0;
                double max = 0;
                String best = null;
                for (String label : p.keySet()) {
                    double v = p.get(label).getAsDouble();
                    sum += v;
                    if (v > max) {
                        max = v;
                        best = label;
                    }
                }
                assertThat(sum).isCloseTo(1.0, within(1e-4));
                assertThat(face.get("expression").getAsString()).isEqualTo(best);
                assertThat(face.get("confidence").getAsDouble()).isCloseTo(max, within(1e-6));
                assertThat(face.get("face_detected").isJsonPrimitive()).isTrue();
                assertThat(face.get("uncertain").getAsBoolean()).isFalse();
                if (face.get("face_detected").getAsBoolean()) {
                    // the default detector, YuNet, gives five landmarks and a score
                    assertThat(face.getAsJsonObject("landmarks").keySet()).containsExactly("right_eye", "left_eye",
                            "nose", "right_mouth", "left_mouth");
                    assertThat(face.getAsJsonObject("landmarks").getAsJsonArray("left_eye")).hasSize(2);
                    assertThat(face.get("detector_score").getAsDouble()).isBetween(0.0, 1.0);
                }
            }
        }
    }

    @Test
    void anUnreadableImageIsReportedByNameAndTheOthersStillPredicted() throws IOException {
        Path good = someImages(1).get(0);
        Path broken = tmp.resolve("broken.png");
        Files.writeString(broken, "this is not a PNG");
        Path missing = tmp.resolve("missing.jpg");
        Cli cli = Cli.run("predict", "--json", "--model", run.resolve("model").toString(), broken.toString(),
                good.toString(), missing.toString());
        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
        assertThat(cli.err()).contains("fer predict: ").contains(broken.toString()).contains(missing.toString());
        JsonArray results = JsonParser.parseString(cli.out()).getAsJsonObject().getAsJsonArray("images");
        assertThat(results.get(0).getAsJsonObject().get("error").getAsString()).contains(broken.toString());
        assertThat(results.get(0).getAsJsonObject().getAsJsonArray("faces")).isEmpty();
        assertThat(results.get(1).getAsJsonObject().getAsJsonArray("faces")).isNotEmpty();
        assertThat(results.get(2).getAsJsonObject().get("error").getAsString()).contains(missing.toString());

        Cli table = Cli.run("predict", "--model", run.resolve("model").toString(), broken.toString());
        assertThat(table.exitCode()).isEqualTo(1);
        assertThat(table.out()).contains(broken.toString()).contains("unreadable");
    }

    @Test
    void aMissingModelDirectoryIsNamed() {
        Path nowhere = tmp.resolve("no-model");
        Cli cli = Cli.run("predict", "--model", nowhere.toString(), "x.png");
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).startsWith("fer predict: ").contains(nowhere.toString());
    }

    private static List<Path> someImages(int n) throws IOException {
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(p -> p.toString().endsWith(".png")).sorted().limit(n).toList();
        }
    }

    private static List<String> labels(JsonArray array) {
        List<String> labels = new ArrayList<>();
        array.forEach(e -> labels.add(e.getAsString()));
        return labels;
    }

    static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }
}
