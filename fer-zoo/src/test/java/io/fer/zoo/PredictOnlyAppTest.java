package io.fer.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that only predicts needs fer-core and fer-zoo, not TensorFlow's natives: a fresh JVM whose classpath
 * lacks them (as with README's Maven exclusion) predicts a photograph with {@code Recognizer.pretrained()} on ONNX
 * Runtime, and never starts TensorFlow: no class of DJL's TensorFlow loader or TF Java's native bindings loads (the
 * child's class-loading log says so) and no TensorFlow library is mapped into the process (its memory map says so).
 */
@Tag("slow")
class PredictOnlyAppTest {
    /** TensorFlow's native artifacts: the CPU build fer-core depends on, and DJL's CUDA build. */
    static final Pattern TF_NATIVES = Pattern.compile(".*(tensorflow-core-native-[^" + Pattern.quote(File.separator)
            + "]*-(linux|macosx|windows)-[^" + Pattern.quote(File.separator) + "]*\\.jar|tensorflow-native-cu.*)");
    /**
     * Classes that only load when TensorFlow starts: DJL's native loader and NDManager, TF Java's native bindings and
     * fer's loaded runtime. (DJL's engine registry loads the class {@code TfEngine} itself in every JVM; that starts
     * nothing.)
     */
    static final List<String> TF_CLASSES = List.of("ai.djl.tensorflow.engine.javacpp.LibUtils ",
            "ai.djl.tensorflow.engine.TfNDManager ", "org.tensorflow.internal.c_api.", "org.tensorflow.TensorFlow ",
            "io.fer.core.runtime.TensorFlowRuntime$Loaded ");

    @TempDir
    Path tmp;

    @Test
    void thePretrainedModelPredictsInAJvmWithoutTensorFlowsNatives() throws Exception {
        Path photo = tmp.resolve("astronaut.jpg");
        try (InputStream in = PredictOnlyAppTest.class.getResourceAsStream("astronaut-256.jpg")) {
            Files.copy(in, photo);
        }
        List<String> parent = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        List<String> child = parent.stream().filter(e -> !TF_NATIVES.matcher(e).matches()).toList();
        assertThat(parent.size() - child.size()).as("this build puts TensorFlow's CPU natives on the test classpath "
                + "(fer-core's default profile); the child leaves them out").isPositive();

        Path log = tmp.resolve("classes.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Xlog:class+load=info:file=" + log, "-cp", String.join(File.pathSeparator, child),
                "-Dfer.home=" + tmp.resolve("fer-home"), "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                PredictWithoutTensorFlow.class.getName(), photo.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("engine ONNX_RUNTIME faces 1", "tensorflow libraries mapped 0").containsPattern("face (neutral|anger|disgust|fear|"
                + "happy|sadness|surprise) 0\\.\\d+").doesNotContain("download");

        List<String> loaded = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(loaded).as("the class-loading log").anyMatch(l -> l.contains("ai.onnxruntime.OrtSession "));
        for (String tfClass : TF_CLASSES) {
            int at = IntStream.range(0, loaded.size()).filter(i -> loaded.get(i).contains(tfClass)).findFirst()
                    .orElse(-1);
            // on failure, the classes loaded just before it say which code path started TensorFlow
            assertThat(at).as("TensorFlow must not load (%s), but it did after:%n%s", tfClass, at < 0 ? ""
                    : String.join("\n", loaded.subList(Math.max(0, at - 60), at + 1))).isNegative();
        }
    }
}
