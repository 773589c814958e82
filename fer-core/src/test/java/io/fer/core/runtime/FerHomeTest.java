package io.fer.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fer.core.internal.FerHome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FerHomeTest {
    @Test
    void systemPropertyWinsAndPathsAreAbsolute() {
        String old = System.getProperty(FerHome.PROPERTY);
        try {
            System.setProperty(FerHome.PROPERTY, "some/relative/dir");
            assertThat(FerHome.path()).isAbsolute();
            assertThat(FerHome.path().toString()).endsWith("some/relative/dir");
            assertThat(FerHome.resolve("weights")).isEqualTo(FerHome.path().resolve("weights"));
            System.clearProperty(FerHome.PROPERTY);
            Path expected = System.getenv(FerHome.ENV) != null ? Path.of(System.getenv(FerHome.ENV)).toAbsolutePath()
                    : Path.of(System.getProperty("user.home"), ".fer");
            assertThat(FerHome.path()).isEqualTo(expected);
        } finally {
            if (old != null) {
                System.setProperty(FerHome.PROPERTY, old);
            }
        }
    }
}
