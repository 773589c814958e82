package io.fer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.fer.core.face.CropSettings;
import io.fer.core.model.ModelDirectory;
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
        CropSettings crop = ModelDirectory.cropSettings(model, ModelDirectory.verify(model));
        assertThat(crop).isEqualTo(CropSettings.fer2013Framing(32));
    }
}
