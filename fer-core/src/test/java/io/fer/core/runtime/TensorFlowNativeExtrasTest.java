package io.fer.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorFlowNativeExtrasTest {
    @TempDir
    Path tmp;

    /** The layout of tensorflow-core-native-1.0.0-linux-arm64.jar: OpenMP beside TensorFlow's own libraries. */
    @Test
    void findsOpenMpBesideTensorFlowInTheArm64Layout() throws IOException {
        String dir = "org/tensorflow/internal/c_api/linux-arm64/";
        Path jar = jar("arm64.jar", dir + "libjnitensorflow.so", dir + "libtensorflow_cc.so.2",
                dir + "libtensorflow_framework.so.2", dir + "libomp-e9212f90.so.5", dir + "include/tensorflow/c/c_api.h",
                "org/tensorflow/internal/c_api/linux-x86_64/libother.so");
        assertEquals(List.of("libomp-e9212f90.so.5"), extrasIn(jar, "linux-arm64"));
    }

    @Test
    void macosAndWindowsNamesAreRecognised() throws IOException {
        String mac = "org/tensorflow/internal/c_api/macosx-arm64/";
        assertEquals(List.of("libomp.dylib"), extrasIn(jar("mac.jar", mac + "libjnitensorflow.dylib",
                mac + "libtensorflow_cc.2.dylib", mac + "libtensorflow_framework.2.dylib", mac + "libomp.dylib"),
                "macosx-arm64"));
        String win = "org/tensorflow/internal/c_api/windows-x86_64/";
        assertEquals(List.of(), extrasIn(jar("win.jar", win + "jnitensorflow.dll", win + "tensorflow_cc.dll",
                win + "tensorflow_cc.lib"), "windows-x86_64"));
    }

    /** The x86-64 jar the tests run with holds TensorFlow's libraries only: nothing extra to load. */
    @Test
    void theLinuxX8664JarHasNoExtras() throws IOException {
        URL jni = getClass().getClassLoader().getResource(NativePlatform.tensorFlowJniResource("linux-x86_64"));
        assertNotNull(jni, "tensorflow-core-native linux-x86_64 is on the test classpath");
        assertEquals(List.of(), TensorFlowNativeExtras.extras(jni));
    }

    private List<String> extrasIn(Path jar, String platform) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            URL jni = loader.getResource(NativePlatform.tensorFlowJniResource(platform));
            assertNotNull(jni, jar + " holds the JNI library of " + platform);
            return TensorFlowNativeExtras.extras(jni);
        }
    }

    private Path jar(String name, String... entries) throws IOException {
        Path jar = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (String e : entries) {
                zip.putNextEntry(new JarEntry(e));
                zip.write(1);
                zip.closeEntry();
            }
        }
        return jar;
    }
}
