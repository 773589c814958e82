package io.fer.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.fer.models.Backbone;
import io.fer.models.weights.ImageNetWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fer experiment}: tables as Markdown and JSON, the paper's figure only where it gives one. */
@Tag("slow")
class ExperimentCommandTest {
    @TempDir
    Path tmp;

    @Test
    void table1TrainsTheCnnAtEachInputSize() throws IOException {
        Path data = tmp.resolve("faces");
        Fixtures.imageFolder(data, 4, 1, 51);
        Path out = tmp.resolve("experiments");
        Cli cli = Cli.run("experiment", "table1", "--dataset", "folder", "--data", data.toString(), "--input-sizes",
                "32,24", "--epochs", "1,1", "--protocol", "random:0.75", "--quiet", "--crop-cache",
                tmp.resolve("crops").toString(), "--out", out.toString());
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        JsonObject table = TrainEvaluatePredictTest.json(out.resolve("table1.json"));
        JsonArray rows = table.getAsJsonArray("rows");
        assertThat(rows).hasSize(2);
        String md = Files.readString(out.resolve("table1.md"));
        assertThat(md).contains("Table 1", "stratified random split 75/25");
        for (int i = 0; i < 2; i++) {
            JsonObject row = rows.get(i).getAsJsonObject();
            int size = i == 0 ? 32 : 24;
            assertThat(row.get("backbone").getAsString()).isEqualTo("cnn");
            assertThat(row.get("input_size").getAsInt()).isEqualTo(size);
            assertThat(row.get("paper_accuracy").isJsonNull()).isTrue();
            String line = md.lines().filter(l -> l.startsWith("| CNN | " + size + "×" + size)).findFirst()
                    .orElseThrow();
            assertThat(line).contains(String.format(Locale.ROOT, "%.2f %%", 100 * row.get("accuracy").getAsDouble()))
                    .endsWith("|  |");
            assertThat(Path.of(row.get("folder").getAsString()).resolve("model")).isDirectory();
        }
        assertThat(cli.out()).isEqualTo(md + "Written: " + out.resolve("table1.md") + ", " + out.resolve("table1.json")
                + "; each row's models and reports under " + out.resolve("table1") + System.lineSeparator());
    }

    @Test
    void table2OnJaffeShowsThePapersFigureBesideTheFineTunedRowOnly() throws IOException {
        Path data = tmp.resolve("jaffe");
        Fixtures.jaffe(data, 4, 1, 61);
        Path out = tmp.resolve("experiments");
        Cli cli = Cli.run("experiment", "table2", "--dataset", "jaffe", "--data", data.toString(), "--weights",
                "none", "--input-size", "32", "--epochs", "1,1", "--protocol", "subject-kfold:2", "--quiet",
                "--crop-cache", tmp.resolve("crops").toString(), "--out", out.toString());
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        JsonArray rows = TrainEvaluatePredictTest.json(out.resolve("table2.json")).getAsJsonArray("rows");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getAsJsonObject().get("epochs").getAsString()).isEqualTo("1,0");
        assertThat(rows.get(0).getAsJsonObject().get("paper_accuracy").isJsonNull()).isTrue();
        assertThat(rows.get(1).getAsJsonObject().get("epochs").getAsString()).isEqualTo("1,1");
        assertThat(rows.get(1).getAsJsonObject().get("paper_accuracy").getAsDouble()).isEqualTo(1.0);
        assertThat(rows.get(1).getAsJsonObject().get("folds").getAsInt()).isEqualTo(2);
        String md = Files.readString(out.resolve("table2.md"));
        assertThat(md).contains("| EfficientNet-B0 | feature extraction + fine-tuning |").contains("| 100.00 % |")
                .contains("subject-independent 2-fold").contains("random 90/10");
    }

    @Test
    void table4ListsPerClassF1OfB0() throws IOException {
        Path data = tmp.resolve("faces");
        Fixtures.imageFolder(data, 4, 1, 71);
        Path out = tmp.resolve("experiments");
        Cli cli = Cli.run("experiment", "table4", "--dataset", "folder", "--data", data.toString(), "--weights",
                "none", "--input-size", "32", "--epochs", "1,1", "--protocol", "random:0.75", "--quiet",
                "--crop-cache", tmp.resolve("crops").toString(), "--out", out.toString());
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        JsonObject row = TrainEvaluatePredictTest.json(out.resolve("table4.json")).getAsJsonArray("rows").get(0)
                .getAsJsonObject();
        JsonArray classes = row.getAsJsonArray("classes");
        assertThat(classes).hasSize(3);
        String md = Files.readString(out.resolve("table4.md"));
        for (int i = 0; i < 3; i++) {
            JsonObject c = classes.get(i).getAsJsonObject();
            assertThat(c.get("paper_f1").isJsonNull()).isTrue();
            assertThat(md).contains("| " + c.get("class").getAsString() + " | ")
                    .contains(String.format(Locale.ROOT, "%.3f", c.get("f1").getAsDouble()));
        }
        assertThat(md).contains("accuracy (paper): not given");
    }

    @Test
    void table3ChecksEveryBackbonesWeightsBeforeTraining() throws IOException {
        assumeThat(ImageNetWeights.standard().cachedPath(Backbone.B6)).as("B6's weights are cached in the test FER_HOME")
                .doesNotExist();
        Path out = tmp.resolve("experiments");
        Cli cli = Cli.run("experiment", "table3", "--dataset", "synthetic", "--backbones", "b6,b7", "--out",
                out.toString());
        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
        assertThat(cli.err()).startsWith("fer experiment: ").contains("efficientnetb6_notop.h5")
                .doesNotContain("phase 1");
        assertThat(out).doesNotExist();
    }
}
