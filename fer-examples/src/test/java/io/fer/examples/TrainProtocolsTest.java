package io.fer.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.google.gson.JsonObject;
import io.fer.core.internal.model.ModelDirectory;
import io.fer.models.Backbone;
import io.fer.models.weights.ImageNetWeights;
import io.fer.train.eval.EvaluationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fer train} under several protocols, and the checks it makes before training. */
class TrainProtocolsTest {
    @TempDir
    Path tmp;

    @Test
    void subjectKFoldSavesAModelPerFoldAndPoolsTheReports() throws IOException {
        Path data = tmp.resolve("ckplus48");
        int images = Fixtures.ckPlus48(data, 4, 1, 11);
        Path out = tmp.resolve("kfold");
        Cli cli = Cli.run("train", "--dataset", "ckplus48", "--data", data.toString(), "--backbone", "cnn",
                "--input-size", "24", "--epochs", "1,1", "--protocol", "subject-kfold:2", "--quiet",
                "--crop-cache", tmp.resolve("crops").toString(), "--out", out.toString());
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        for (String fold : new String[] {"fold-01", "fold-02"}) {
            assertThat(ModelDirectory.verify(out.resolve(fold).resolve("model")).inputSize()).isEqualTo(24);
            assertThat(out.resolve(fold).resolve(EvaluationReport.TRAINING_CURVES_PNG)).isNotEmptyFile();
        }
        assertThat(out.resolve(EvaluationReport.FOLDS_CSV)).isNotEmptyFile();
        JsonObject pooled = TrainEvaluatePredictTest.json(out.resolve(EvaluationReport.REPORT_JSON));
        assertThat(pooled.get("total").getAsInt()).isEqualTo(images); // every image tested exactly once
        JsonObject cv = pooled.getAsJsonObject("cross_validation");
        assertThat(cv.getAsJsonArray("folds")).hasSize(2);
        double mean = cv.getAsJsonObject("accuracy").get("mean").getAsDouble();
        double std = cv.getAsJsonObject("accuracy").get("std").getAsDouble();
        assertThat(cli.out()).contains("subject-independent 2-fold", "fold 1/2", "fold 2/2", "pooled")
                .contains(String.format(Locale.ROOT, "%.2f ± %.2f %%", 100 * mean, 100 * std))
                .contains(String.format(Locale.ROOT, "%.2f %%", 100 * pooled.get("accuracy").getAsDouble()));
    }

    @Test
    void foldersProtocolTrainsOnTrainAndTestsOnTest() throws IOException {
        Path data = tmp.resolve("split");
        Fixtures.imageFolder(data.resolve("train"), 4, 1, 21);
        int testImages = Fixtures.imageFolder(data.resolve("test"), 2, 1, 22);
        Path out = tmp.resolve("folders");
        Cli cli = Cli.run("train", "--dataset", "folder", "--data", data.toString(), "--backbone", "cnn",
                "--input-size", "24", "--epochs", "0,1", "--protocol", "folders", "--quiet",
                "--crop-cache", tmp.resolve("crops").toString(), "--out", out.toString());
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        JsonObject report = TrainEvaluatePredictTest.json(out.resolve(EvaluationReport.REPORT_JSON));
        assertThat(report.get("total").getAsInt()).isEqualTo(testImages);
        assertThat(report.getAsJsonObject("info").get("protocol").getAsString()).contains("explicit test set");
    }

    @Test
    void imagenetWeightsOfflineStopBeforeAnythingIsCroppedOrTrained() throws IOException {
        ImageNetWeights weights = ImageNetWeights.standard();
        assumeThat(weights.cachedPath(Backbone.B0)).as("B0's ImageNet weights are cached in the test FER_HOME").doesNotExist();
        Path data = tmp.resolve("faces");
        Fixtures.imageFolder(data, 2, 1, 31);
        Path crops = tmp.resolve("crops");
        Path out = tmp.resolve("out");
        Cli cli = Cli.run("train", "--dataset", "folder", "--data", data.toString(), "--backbone", "b0",
                "--weights", "imagenet", "--epochs", "1,1", "--crop-cache", crops.toString(), "--out", out.toString());
        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
        assertThat(cli.err().lines()).hasSize(1);
        assertThat(cli.err()).startsWith("fer train: ").contains(weights.url(Backbone.B0).toString())
                .contains(weights.cachedPath(Backbone.B0).toString()).contains("--allow-download");
        assertThat(cli.err()).doesNotContain("phase 1");
        assertThat(cli.out()).isEmpty();
        assertThat(crops).doesNotExist();
        assertThat(out).doesNotExist();
        assertThat(weights.cachedPath(Backbone.B0)).doesNotExist();
    }

    @Test
    void aMissingWeightsFileIsNamed() throws IOException {
        Path file = tmp.resolve("mine.h5");
        Cli cli = Cli.run("train", "--dataset", "synthetic", "--backbone", "b0", "--weights", file.toString(),
                "--out", tmp.resolve("out").toString());
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).startsWith("fer train: ").contains(file.toString());
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void datasetPrintsTheSummaryWithIgnoredFiles() throws IOException {
        Path data = tmp.resolve("faces");
        int images = Fixtures.imageFolder(data, 2, 2, 41);
        Files.writeString(data.resolve("README.txt"), "not an image");
        Cli cli = Cli.run("dataset", "folder", data.toString());
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(cli.out()).contains(images + " images", "3 classes", "happy", "sadness", "surprise", "48x48",
                "Ignored (1)", "README.txt");

        Path jaffe = tmp.resolve("jaffe");
        int jaffeImages = Fixtures.jaffe(jaffe, 2, 1, 42);
        Cli j = Cli.run("dataset", "jaffe", jaffe.toString());
        assertThat(j.exitCode()).as(j.toString()).isZero();
        assertThat(j.out()).contains("Data set jaffe: " + jaffeImages + " images", "2 subjects");
    }
}
