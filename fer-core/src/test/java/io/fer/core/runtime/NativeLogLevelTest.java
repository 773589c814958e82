package io.fer.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.internal.FerHome;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLogLevelTest {

    @Test
    void quietByDefaultAPropertyChoosesAndTheEnvironmentWins() {
        assertThat(NativeLogLevel.choose(null, null)).isEqualTo("2");
        assertThat(NativeLogLevel.choose(null, " 0 ")).isEqualTo("0");
        assertThat(NativeLogLevel.choose("1", "3")).isNull();
        assertThatThrownBy(() -> NativeLogLevel.choose(null, "verbose"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fer.tensorflow.logLevel")
                .hasMessageContaining("verbose");
    }

    /** TensorFlow prints INFO lines when its library loads unless the level, set from Java, says otherwise. */
    @Test
    void tensorFlowsOwnLogFollowsTheLevelSetFromJava(@TempDir Path tmp) throws Exception {
        String quiet = runChild(tmp, null);
        assertThat(quiet).contains("TensorFlow 2.16").contains("djl.offline=true")
                .contains("io.fer.core.runtime.TensorFlowRuntime - TensorFlow 2.16")
                .doesNotContain("I tensorflow/").doesNotContain("W tensorflow/");
        String verbose = runChild(tmp, "0");
        assertThat(verbose).contains("I tensorflow/");
    }

    /** Output and errors of a fresh JVM that loads TensorFlow, with no TF_CPP_MIN_LOG_LEVEL in its environment. */
    private static String runChild(Path tmp, String level) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dfer.home=" + FerHome.path());
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        command.add("-Dorg.slf4j.simpleLogger.log.ai.djl=error");
        if (level != null) {
            command.add("-D" + NativeLogLevel.PROPERTY + "=" + level);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LoadTensorFlowMain.class.getName());
        File out = tmp.resolve("child-" + level + ".txt").toFile();
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out);
        pb.environment().remove(NativeLogLevel.ENV);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish in 120 s");
        }
        String text = Files.readString(out.toPath(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }
}
