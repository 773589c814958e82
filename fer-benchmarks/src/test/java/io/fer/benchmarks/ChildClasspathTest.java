package io.fer.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StartupTime's child classpath leaves out exactly TensorFlow's native jars and reports their share. */
class ChildClasspathTest {
    @TempDir
    Path tmp;

    @Test
    void withoutTensorFlowNativesDropsOnlyThem() throws Exception {
        Path cpu = Files.write(tmp.resolve("tensorflow-core-native-1.0.0-linux-x86_64.jar"), new byte[3_000_000]);
        Path gpu = Files.write(tmp.resolve("tensorflow-native-cu121-2.16.1-linux-x86_64.jar"), new byte[10]);
        Path javaPart = Files.write(tmp.resolve("tensorflow-core-native-1.0.0.jar"), new byte[1_000_000]);
        Path ort = Files.write(tmp.resolve("onnxruntime-1.22.0.jar"), new byte[2_000_000]);
        String all = String.join(File.pathSeparator, cpu.toString(), gpu.toString(), javaPart.toString(),
                ort.toString(), tmp.resolve("classes").toString());
        assertThat(ChildClasspath.of(all, true)).isEqualTo(all);
        assertThat(ChildClasspath.of(all, false)).isEqualTo(String.join(File.pathSeparator, javaPart.toString(),
                ort.toString(), tmp.resolve("classes").toString()));
        assertThat(ChildClasspath.describe(all)).startsWith("classpath: 4 jars, 6.0 MB (TensorFlow natives 3.0 MB)")
                .contains("3.0 MB  tensorflow-core-native-1.0.0-linux-x86_64.jar");
    }
}
