package io.fer.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeCacheKeyTest {
    static final String PLATFORM = "linux-x86_64";
    static final String JNI = NativePlatform.tensorFlowJniResource(PLATFORM);

    @TempDir
    Path tmp;

    @Test
    void theSameNativesInDifferentlyNamedJarsShareAFolder() throws Exception {
        String plain = key(jar("tensorflow-core-native-1.0.0-linux-x86_64.jar", "library v1"));
        String fat = key(jar("my-app-1.2-all.jar", "library v1"));
        assertThat(fat).isEqualTo(plain).startsWith(PLATFORM + "-").hasSize(PLATFORM.length() + 13);
    }

    @Test
    void otherNativesGetAnotherFolder() throws Exception {
        assertThat(key(jar("a.jar", "library v1"))).isNotEqualTo(key(jar("b.jar", "library v2")));
    }

    @Test
    void theTestClasspathHasAKeyForThisPlatform() {
        String key = NativeCacheKey.of(getClass().getClassLoader(), NativePlatform.current());
        assertThat(key).startsWith(NativePlatform.current() + "-")
                .isNotEqualTo(NativeCacheKey.of(new URLClassLoader(new URL[0], null), NativePlatform.current()));
    }

    private String key(Path jar) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            return NativeCacheKey.of(loader, PLATFORM);
        }
    }

    private Path jar(String name, String content) throws IOException {
        Path jar = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            JarEntry entry = new JarEntry(JNI);
            zip.putNextEntry(entry);
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return jar;
    }
}
