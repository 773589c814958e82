package io.fer.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HostSettingsTest {
    static final Path HOME = Path.of("/tmp/fer-home");

    @Test
    void setsOnlyWhatDjlJavaCppAndJnaNeedWhenNothingIsSet() {
        Properties p = new Properties();
        Map<String, String> set = HostSettings.apply(p, name -> null, HOME, () -> "KEY");
        assertThat(set).containsExactly(
                Map.entry("ai.djl.offline", "true"),
                Map.entry("org.bytedeco.javacpp.cachedir", HOME.resolve("javacpp").resolve("KEY").toString()),
                Map.entry("org.bytedeco.javacpp.cachedir.nosubdir", "true"),
                Map.entry("jna.tmpdir", HOME.resolve("jna").toString()));
        assertThat(p).containsAllEntriesOf(set).doesNotContainKeys("offline", "OPT_OUT_TRACKING", "DJL_CACHE_DIR");
    }

    @Test
    void neverOverridesWhatTheApplicationSet() {
        Properties p = new Properties();
        p.setProperty("ai.djl.offline", "false");
        p.setProperty("org.bytedeco.javacpp.cachedir", "/opt/javacpp");
        p.setProperty("jna.tmpdir", "/opt/jna");
        assertThat(HostSettings.apply(p, name -> null, HOME, () -> "KEY")).isEmpty();
        assertThat(p).containsOnly(Map.entry("ai.djl.offline", "false"),
                Map.entry("org.bytedeco.javacpp.cachedir", "/opt/javacpp"), Map.entry("jna.tmpdir", "/opt/jna"));
    }

    @Test
    void djlsOwnSwitchesCountAsAChoice() {
        Properties viaEnv = new Properties();
        HostSettings.apply(viaEnv, name -> name.equals("DJL_OFFLINE") ? "false" : null, HOME, () -> "KEY");
        assertThat(viaEnv).doesNotContainKey("ai.djl.offline");

        Properties viaOffline = new Properties();
        viaOffline.setProperty("offline", "false");
        HostSettings.apply(viaOffline, name -> null, HOME, () -> "KEY");
        assertThat(viaOffline).doesNotContainKey("ai.djl.offline");
    }

    @Test
    void aUserChosenJavaCppCacheKeepsJavaCppsOwnLayout() {
        Properties p = new Properties();
        p.setProperty("org.bytedeco.javacpp.cacheDir", "/opt/javacpp");
        HostSettings.apply(p, name -> null, HOME, () -> "KEY");
        assertThat(p).doesNotContainKeys("org.bytedeco.javacpp.cachedir", "org.bytedeco.javacpp.cachedir.nosubdir");
    }

    @Test
    void theNativeKeyIsOnlyComputedWhenFerChoosesTheFolder() {
        Properties p = new Properties();
        p.setProperty("org.bytedeco.javacpp.cachedir", "/opt/javacpp");
        HostSettings.apply(p, name -> null, HOME, () -> {
            throw new AssertionError("computed");
        });
        assertThat(p.getProperty("org.bytedeco.javacpp.cachedir")).isEqualTo("/opt/javacpp");
    }
}
