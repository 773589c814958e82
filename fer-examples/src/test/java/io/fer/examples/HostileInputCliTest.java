package io.fer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fer.core.internal.model.ModelDirectory;
import io.fer.train.eval.EvaluationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line given damaged and hostile files: a truncated image with a valid header and a GIF claiming
 * 40000x40000 pixels inside the training folder, file names that hold newlines and ANSI escapes, a user's folder as
 * {@code --out}, and a file as {@code --model}.
 */
class HostileInputCliTest {
    /** 35 bytes: a GIF whose header claims 40000 x 40000 pixels (1.6 GB decoded). */
    static final byte[] GIF_BOMB = {'G', 'I', 'F', '8', '9', 'a', 0x40, (byte) 0x9C, 0x40, (byte) 0x9C,
        (byte) 0x80, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x2C, 0, 0, 0, 0, 0x40, (byte) 0x9C, 0x40,
        (byte) 0x9C, 0, 0x02, 0x02, 0x44, 0x01, 0, 0x3B};

    @TempDir
    static Path tmp;
    static Path data;
    static Path truncated;
    static Path bomb;
    static Path run;
    static Cli train;

    @BeforeAll
    static void trainOnAFolderWithDamagedImages() throws IOException {
        data = tmp.resolve("faces");
        Fixtures.imageFolder(data, 4, 2, 9);
        Path donor = pngs(data.resolve("happy")).get(0);
        byte[] png = Files.readAllBytes(donor);
        truncated = Files.write(data.resolve("happy").resolve("truncated.png"),
                Arrays.copyOf(png, png.length / 2));
        bomb = Files.write(data.resolve("sadness").resolve("bomb.gif"), GIF_BOMB);
        run = tmp.resolve("run");
        train = Cli.run("train", "--dataset", "folder", "--data", data.toString(), "--backbone", "cnn",
                "--input-size", "24", "--epochs", "1,0", "--batch", "8", "--protocol", "random:0.75", "--quiet",
                "--crop-cache", tmp.resolve("crops").toString(), "--out", run.toString());
    }

    @Test
    void aTruncatedImageIsSkippedAndNamedAndTheModelIsStillSaved() {
        assertThat(train.exitCode()).as(train.toString()).isZero();
        assertThat(run.resolve("model").resolve(ModelDirectory.MANIFEST)).exists();
        assertThat(train.err()).contains(truncated.toString().substring(data.toString().length() + 1))
                .contains("unreadable");
    }

    @Test
    void evaluateSkipsAndListsTheTruncatedImageInsteadOfStopping() throws IOException {
        Path out = tmp.resolve("evaluation");
        Cli cli = Cli.run("evaluate", "--model", run.resolve("model").toString(), "--dataset", "folder", "--data",
                data.toString(), "--crop-cache", tmp.resolve("crops-eval").toString(), "--out", out.toString());
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(cli.err()).contains("truncated.png").contains("unreadable");
        JsonObject report = JsonParser.parseString(Files.readString(out.resolve(EvaluationReport.REPORT_JSON)))
                .getAsJsonObject();
        assertThat(report.get("total").getAsInt()).isEqualTo(24); // 4 people x 2 x 3 classes; the bomb not listed
    }

    @Test
    void datasetVerifyFindsTheTruncatedImageThatTheHeaderScanPasses() {
        Cli plain = Cli.run("dataset", "folder", data.toString());
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.out()).contains("bomb.gif").contains("megapixels").doesNotContain("truncated.png");
        Cli verify = Cli.run("dataset", "folder", data.toString(), "--verify");
        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
        assertThat(verify.out()).contains("Unreadable (1)").contains("truncated.png");
        assertThat(verify.err()).contains("1 image(s) cannot be decoded");
    }

    @Test
    void predictAnswersTheOtherImagesWhenOneIsABomb() throws IOException {
        Path good = pngs(data.resolve("surprise")).get(0);
        Cli cli = Cli.run("predict", "--json", "--model", run.resolve("model").toString(), bomb.toString(),
                good.toString());
        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
        JsonArray images = JsonParser.parseString(cli.out()).getAsJsonObject().getAsJsonArray("images");
        assertThat(images.get(0).getAsJsonObject().get("error").getAsString()).contains(bomb.toString())
                .contains("40000x40000");
        assertThat(images.get(1).getAsJsonObject().getAsJsonArray("faces")).hasSize(1);
        assertThat(cli.err()).contains("bomb.gif").contains("megapixels");
    }

    @Test
    void fileNamesWithNewlinesAndEscapesCannotForgeRowsOrReachTheTerminal() throws IOException {
        Path good = pngs(data.resolve("surprise")).get(0);
        String evilName = "evil\nforged.png  0,0 1×1  happy  1.000\u001b[2J\u001b[31m.png";
        Path evil = Files.copy(good, tmp.resolve(evilName));
        Path missingEvil = tmp.resolve("gone\n\u001b]0;title\u0007.png");
        Cli table = Cli.run("predict", "--model", run.resolve("model").toString(), evil.toString(),
                missingEvil.toString());
        assertThat(table.exitCode()).as(table.toString()).isEqualTo(1);
        assertThat(table.out().lines().toList()).hasSize(3); // header, one row per image
        assertThat(table.out()).doesNotContain("\u001b").contains("evil\\nforged.png").contains("\\x1b[2J");
        assertThat(table.err()).doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(table.err().lines().toList()).hasSize(1);

        Cli json = Cli.run("predict", "--json", "--model", run.resolve("model").toString(), evil.toString());
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.out()).doesNotContain("\u001b");
        JsonObject root = JsonParser.parseString(json.out()).getAsJsonObject();
        assertThat(root.getAsJsonArray("images").get(0).getAsJsonObject().get("file").getAsString())
                .isEqualTo(evil.toString());
    }

    @Test
    void aModelPathThatIsAFileIsNamedAsAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("model.txt"), "not a model");
        Cli cli = Cli.run("predict", "--model", file.toString(), "x.png");
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains(file + " is a file, not a model directory");
    }

    @Test
    void aUsersFolderIsNotUsedForReportsAndKeepsItsFiles() throws IOException {
        Path users = Files.createDirectories(tmp.resolve("my-results"));
        Path summary = Files.writeString(users.resolve("summary.md"), "my own summary");
        Cli cli = Cli.run("evaluate", "--model", run.resolve("model").toString(), "--dataset", "folder", "--data",
                data.toString(), "--out", users.toString());
        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
        assertThat(cli.err()).contains("Refusing to write a run into " + users).contains(summary.toString());
        assertThat(summary).hasContent("my own summary");
        try (Stream<Path> files = Files.list(users)) {
            assertThat(files).containsExactly(summary);
        }
        Cli again = Cli.run("train", "--dataset", "folder", "--data", data.toString(), "--backbone", "cnn",
                "--out", users.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("Refusing to write a run into " + users);
    }

    @Test
    void anEarlierRunFolderMayBeWrittenAgain() throws IOException {
        Path out = tmp.resolve("evaluation-twice");
        for (int i = 0; i < 2; i++) {
            Cli cli = Cli.run("evaluate", "--model", run.resolve("model").toString(), "--dataset", "folder",
                    "--data", data.toString(), "--crop-cache", tmp.resolve("crops-eval").toString(), "--out",
                    out.toString(), "--quiet");
            assertThat(cli.exitCode()).as(cli.toString()).isZero();
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    static List<Path> pngs(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
    }
}
