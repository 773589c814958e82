package io.fer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.fer.core.face.CropSettings;
import io.fer.core.internal.model.ModelDirectory;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fer pretrain} on a tiny FER2013-layout folder: the model records FER2013's framing for photographs. */
class PretrainCommandTest {
    @TempDir
    Path tmp;

    @Test
    void theModelCropsPhotographsWithFer2013Framing() throws IOException {
        Path data = tmp.resolve("fer2013");
        Fixtures.imageFolder(data.resolve("train"), 3, 1, 7);
        Fixtures.imageFolder(data.resolve("val"), 2, 1, 8);
        Path out = tmp.resolve("run");
        Cli cli = Cli.run("pretrain", "--data", data.toString(), "--out", out.toString(), "--backbone", "cnn",
                "--input-size", "32", "--epochs", "1", "--batch", "4", "--quiet");
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        Path model = out.resolve("model");
        CropSettings crop = ModelDirectory.verify(model).crop();
        assertThat(crop).isEqualTo(CropSettings.fer2013Framing(32));
        // the same command again resumes from the checkpoint: nothing left to train, the same model written
        Cli again = Cli.run("pretrain", "--data", data.toString(), "--out", out.toString(), "--backbone", "cnn",
                "--input-size", "32", "--epochs", "1", "--batch", "4", "--quiet", "--epoch-limit", "0");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).isEqualTo(cli.out());
    }

    @Test
    void rebuildingTheModelOfARunThatNeverStartedIsRefused() {
        Cli cli = Cli.run("pretrain", "--data", tmp.toString(), "--out", tmp.resolve("none").toString(),
                "--epoch-limit", "0", "--quiet");
        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.err()).contains("holds no checkpoint");
    }
}
