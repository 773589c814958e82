package io.fer.train.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fer.train.eval.TrainingPhase;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationReportTest {

    private static final List<String> LABELS = List.of("anger", "fear", "happy");

    @TempDir
    static Path out;
    static List<Path> written;

    /** The ten predictions behind {@link ClassificationMetricsTest#threeClasses()}, in two folds. */
    static List<SamplePrediction> predictions() {
        int[][] truePredicted = {{0, 0}, {0, 0}, {0, 2}, {1, 0}, {2, 2},
                                 {0, 0}, {0, 2}, {2, 0}, {2, 2}, {2, 2}};
        List<SamplePrediction> predictions = new ArrayList<>();
        for (int i = 0; i < truePredicted.length; i++) {
            double[] p = {0.1, 0.1, 0.1};
            p[truePredicted[i][1]] = 0.8;
            predictions.add(new SamplePrediction("img" + i + ".png", "/data/img" + i + ".png",
                    i < 5 ? "fold 1/2" : "fold 2/2", truePredicted[i][0], truePredicted[i][1], p));
        }
        return predictions;
    }

    static List<EpochMetrics> history() {
        List<EpochMetrics> history = new ArrayList<>();
        for (int e = 1; e <= 4; e++) {
            history.add(new EpochMetrics(TrainingPhase.FEATURE_EXTRACTION, e, 1.5 / e, 0.4 + 0.05 * e, 1.6 / e, 0.35 + 0.05 * e, 2.0));
        }
        for (int e = 1; e <= 6; e++) {
            history.add(new EpochMetrics(TrainingPhase.FINE_TUNING, e, 0.4 / e, 0.7 + 0.04 * e, 0.5 / e, 0.6 + 0.03 * e, 3.0));
        }
        return history;
    }

    static BufferedImage face(Color color) {
        BufferedImage image = new BufferedImage(48, 64, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 48, 64);
        g.dispose();
        return image;
    }

    static EvaluationReport.Builder fullReport() {
        List<SamplePrediction> predictions = predictions();
        FoldResults folds = new FoldResults(List.of(
                new FoldResults.FoldResult("fold 1/2", ConfusionMatrix.of(LABELS, predictions.subList(0, 5))),
                new FoldResults.FoldResult("fold 2/2", ConfusionMatrix.of(LABELS, predictions.subList(5, 10)))));
        return EvaluationReport.builder(ConfusionMatrix.of(LABELS, predictions))
                .title("B0 on tiny")
                .info("model", "EfficientNet-B0")
                .info("protocol", "subject-independent 2-fold (seed 1)")
                .predictions(predictions)
                .folds(folds)
                .history(history())
                .misclassifiedImages(Map.of("img2.png", face(Color.RED), "img3.png", face(Color.GREEN),
                        "img7.png", face(Color.BLUE)));
    }

    @BeforeAll
    static void writeReport() throws IOException {
        written = fullReport().build().writeTo(out.resolve("run"));
    }

    @Test
    void writesEveryFile() {
        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly(
                "classification_report.txt", "metrics.csv", "confusion_matrix.csv", "predictions.csv", "folds.csv",
                "report.json", "summary.md", "confusion_matrix.png", "training_curves.png", "misclassified.png");
        assertThat(written).allSatisfy(p -> assertThat(p).isRegularFile().isNotEmptyFile());
    }

    @Test
    void textReportIsScikitLearnsLayout() throws IOException {
        assertThat(Files.readString(out.resolve("run/classification_report.txt")))
                .isEqualTo(ClassificationReportText.format(ClassificationMetricsTest.threeClasses().metrics()))
                .contains("weighted avg       0.54      0.60      0.57        10\n");
    }

    @Test
    void csvFilesHoldMetricsMatrixPredictionsAndFolds() throws IOException {
        assertThat(Files.readAllLines(out.resolve("run/metrics.csv"))).containsExactly(
                "class,precision,recall,f1-score,support",
                "anger,0.6,0.6,0.6,5",
                "fear,0.0,0.0,0.0,1",
                "happy,0.6,0.75," + (2 * 0.6 * 0.75 / 1.35) + ",4",
                "accuracy,,,0.6,10",
                "macro avg," + (1.2 / 3) + "," + (1.35 / 3) + "," + ((0.6 + 2 * 0.6 * 0.75 / 1.35) / 3) + ",10",
                "weighted avg," + ((3.0 + 4 * 0.6) / 10) + ",0.6," + ((3.0 + 4 * (2 * 0.6 * 0.75 / 1.35)) / 10)
                        + ",10");
        assertThat(Files.readAllLines(out.resolve("run/confusion_matrix.csv"))).containsExactly(
                "true\\predicted,anger,fear,happy", "anger,3,0,2", "fear,1,0,0", "happy,1,0,3");
        List<String> predictions = Files.readAllLines(out.resolve("run/predictions.csv"));
        assertThat(predictions).hasSize(11);
        assertThat(predictions.get(0))
                .isEqualTo("sample_id,file,fold,true,predicted,correct,confidence,p_anger,p_fear,p_happy");
        assertThat(predictions.get(3)).isEqualTo("img2.png,/data/img2.png,fold 1/2,anger,happy,false,0.8,0.1,0.1,0.8");
        // fold 1: [[2,0,1],[1,0,0],[0,0,1]] -> 3 of 5 right; fold 2: [[1,0,1],[0,0,0],[1,0,2]] -> 3 of 5
        assertThat(Files.readAllLines(out.resolve("run/folds.csv"))).hasSize(3)
                .element(1).asString().startsWith("fold 1/2,5,3,0.6,");
    }

    @Test
    void jsonHoldsEverything() throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("run/report.json"))).getAsJsonObject();

        assertThat(json.get("title").getAsString()).isEqualTo("B0 on tiny");
        assertThat(json.getAsJsonObject("info").get("model").getAsString()).isEqualTo("EfficientNet-B0");
        assertThat(json.get("accuracy").getAsDouble()).isEqualTo(0.6);
        assertThat(json.getAsJsonArray("classes").get(2).getAsJsonObject().get("recall").getAsDouble())
                .isEqualTo(0.75);
        assertThat(json.getAsJsonObject("macro_avg").get("precision").getAsDouble()).isCloseTo(0.4, within(1e-12));
        assertThat(json.getAsJsonArray("confusion_matrix").toString()).isEqualTo("[[3,0,2],[1,0,0],[1,0,3]]");
        JsonObject cv = json.getAsJsonObject("cross_validation");
        assertThat(cv.getAsJsonObject("accuracy").get("mean").getAsDouble()).isCloseTo(0.6, within(1e-12));
        assertThat(cv.getAsJsonObject("accuracy").get("std").getAsDouble()).isCloseTo(0, within(1e-12));
        assertThat(cv.getAsJsonArray("folds")).hasSize(2);
        assertThat(json.getAsJsonArray("history")).hasSize(10);
        JsonObject firstFineTuning = json.getAsJsonArray("history").get(4).getAsJsonObject();
        assertThat(firstFineTuning.get("phase_name").getAsString()).isEqualTo("fine-tuning");
        assertThat(firstFineTuning.get("train_loss").getAsDouble()).isEqualTo(0.4);
        JsonObject prediction = json.getAsJsonArray("predictions").get(3).getAsJsonObject();
        assertThat(prediction.get("true").getAsString()).isEqualTo("fear");
        assertThat(prediction.get("predicted").getAsString()).isEqualTo("anger");
        assertThat(prediction.getAsJsonObject("probabilities").get("anger").getAsDouble()).isEqualTo(0.8);
        assertThat(json.getAsJsonArray("misclassified_shown").toString())
                .isEqualTo("[\"img2.png\",\"img3.png\",\"img7.png\"]");
    }

    @Test
    void markdownSummarisesTheRun() throws IOException {
        String md = Files.readString(out.resolve("run/summary.md"));

        assertThat(md).startsWith("# B0 on tiny\n")
                .contains("| model | EfficientNet-B0 |")
                .contains("**Accuracy: 60.00 %** (6 of 10 test samples) · macro F1 0.42 · weighted F1 0.57")
                .contains("**Over 2 folds** (mean ± standard deviation): accuracy 60.00 % ± 0.00")
                .contains("| happy | 0.60 | 0.75 | 0.67 | 4 |")
                .contains("| anger | **3** | 0 | 2 |")
                .contains("| 1: feature extraction | 4 |", "| 2: fine-tuning | 6 |")
                .contains("Showing 3 of 4 misclassified test samples (3 with an image).")
                .contains("![Confusion matrix](confusion_matrix.png)", "![Training curves](training_curves.png)",
                        "![Misclassified](misclassified.png)");
    }

    @Test
    void imagesDecodeWithSaneSizes() throws IOException {
        BufferedImage heatMap = ImageIO.read(out.resolve("run/confusion_matrix.png").toFile());
        assertThat(heatMap.getWidth()).isBetween(400, 1200);
        assertThat(heatMap.getHeight()).isBetween(400, 1200);
        BufferedImage curves = ImageIO.read(out.resolve("run/training_curves.png").toFile());
        assertThat(curves.getWidth()).isEqualTo(TrainingCurvesChart.WIDTH);
        assertThat(curves.getHeight()).isEqualTo(TrainingCurvesChart.HEIGHT);
        BufferedImage sheet = ImageIO.read(out.resolve("run/misclassified.png").toFile());
        assertThat(sheet.getWidth()).isBetween(400, 1200);
        assertThat(sheet.getHeight()).isBetween(150, 400);
    }

    @Test
    void withoutHistoryFoldsOrImagesOnlyTheCoreFilesAreWritten() throws IOException {
        ConfusionMatrix matrix = ClassificationMetricsTest.threeClasses();
        List<Path> files = EvaluationReport.builder(matrix).build().writeTo(out.resolve("bare"));

        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(
                "classification_report.txt", "metrics.csv", "confusion_matrix.csv", "predictions.csv",
                "report.json", "summary.md", "confusion_matrix.png");
        assertThat(Files.readAllLines(out.resolve("bare/predictions.csv"))).hasSize(1);
        assertThat(Files.readString(out.resolve("bare/summary.md"))).startsWith("# Evaluation\n")
                .doesNotContain("training_curves.png");
    }

    @Test
    void inconsistentInputsAreRejectedWithTheCulpritNamed() {
        List<SamplePrediction> predictions = predictions();
        ConfusionMatrix other = new ConfusionMatrix(LABELS, new long[][] {{5, 0, 0}, {0, 1, 0}, {0, 0, 4}});
        assertThatThrownBy(() -> EvaluationReport.builder(other).predictions(predictions).build())
                .hasMessageContaining("10 predictions add up to");
        assertThatThrownBy(() -> fullReport().misclassifiedImages(Map.of("img0.png", face(Color.RED))).build())
                .hasMessageContaining("'img0.png'").hasMessageContaining("not a misclassified");
        List<SamplePrediction> shortProbabilities = List.of(new SamplePrediction("s", null, null, 0, 0, new double[] {1, 0}));
        assertThatThrownBy(() -> EvaluationReport.builder(ConfusionMatrix.of(LABELS, new int[] {0}, new int[] {0}))
                .predictions(shortProbabilities).build())
                .hasMessageContaining("sample 's' has 2 probabilities for 3 classes");
        List<SamplePrediction> twice = List.of(predictions.get(0), predictions.get(0));
        assertThatThrownBy(() -> EvaluationReport.builder(ConfusionMatrix.of(LABELS, twice)).predictions(twice)
                .build()).hasMessageContaining("'img0.png' is predicted twice in fold 1/2");
        FoldResults wrongFolds = new FoldResults(List.of(new FoldResults.FoldResult("f", other)));
        assertThatThrownBy(() -> EvaluationReport.builder(ClassificationMetricsTest.threeClasses()).folds(wrongFolds)
                .build()).hasMessageContaining("folds pool to");
    }
}
