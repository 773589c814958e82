package io.fer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.fer.core.internal.model.ModelDirectory;
import io.fer.core.internal.model.PretrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fer export}: package.sh's way to the zoo's ONNX-only directory, on the shipped model itself. */
class ExportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void copiesTheOnnxFormAndRefusesAFormTheSourceLacks() throws Exception {
        Path shipped = PretrainedModel.fer2013().modelDirectory();
        Path out = tmp.resolve("onnx");
        Cli ok = Cli.run("export", "--model", shipped.toString(), "--out", out.toString(), "--forms", "ONNX");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains(out.toString(), "[ONNX]");
        assertThat(ModelDirectory.verify(out).files()).isEqualTo(ModelDirectory.verify(shipped).files());
        assertThat(Files.mismatch(out.resolve(ModelDirectory.ONNX), shipped.resolve(ModelDirectory.ONNX))).isEqualTo(-1L);

        Path tf = tmp.resolve("tf");
        Cli refused = Cli.run("export", "--model", shipped.toString(), "--out", tf.toString(), "--forms", "SAVED_MODEL");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("fer export: ", shipped.toString(), "SAVED_MODEL");
        assertThat(tf).doesNotExist();

        Cli usage = Cli.run("export", "--model", shipped.toString(), "--out", tf.toString(), "--forms", "PICKLE");
        assertThat(usage.exitCode()).isEqualTo(2);
    }
}
