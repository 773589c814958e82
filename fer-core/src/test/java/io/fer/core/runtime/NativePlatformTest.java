package io.fer.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NativePlatformTest {

    /** The paths as they are inside tensorflow-core-native-1.0.0-PLATFORM.jar on Maven Central. */
    @ParameterizedTest
    @CsvSource({
        "linux-x86_64,   org/tensorflow/internal/c_api/linux-x86_64/libjnitensorflow.so",
        "linux-arm64,    org/tensorflow/internal/c_api/linux-arm64/libjnitensorflow.so",
        "macosx-x86_64,  org/tensorflow/internal/c_api/macosx-x86_64/libjnitensorflow.dylib",
        "macosx-arm64,   org/tensorflow/internal/c_api/macosx-arm64/libjnitensorflow.dylib",
        "windows-x86_64, org/tensorflow/internal/c_api/windows-x86_64/jnitensorflow.dll",
    })
    void tensorFlowJniLiesWhereEachPlatformJarHasIt(String platform, String resource) {
        assertThat(NativePlatform.tensorFlowJniResource(platform)).isEqualTo(resource);
    }

    @Test
    void theCurrentPlatformIsJavaCppsAndItsNativesAreOnTheTestClasspath() {
        String platform = NativePlatform.current();
        assertThat(platform).isEqualTo(org.bytedeco.javacpp.Loader.getPlatform()).matches("[a-z]+-[a-z0-9_]+");
        assertThat(getClass().getClassLoader().getResource(NativePlatform.tensorFlowJniResource(platform)))
                .as("tensorflow-core-native for %s", platform).isNotNull();
    }

    @Test
    void anUnknownPlatformIsNamedInTheError() {
        assertThatThrownBy(() -> NativePlatform.tensorFlowJniResource("solaris-sparc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("solaris-sparc");
    }

    @Test
    void theMissingNativesErrorNamesTheArtifactForThePlatform() {
        assertThat(TensorFlowRuntime.missingNativesMessage("macosx-arm64"))
                .contains("org.tensorflow:tensorflow-core-native:1.0.0 with classifier macosx-arm64")
                .contains("org/tensorflow/internal/c_api/macosx-arm64/libjnitensorflow.dylib");
    }
}
