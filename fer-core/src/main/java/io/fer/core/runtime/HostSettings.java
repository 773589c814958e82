package io.fer.core.runtime;

import io.fer.core.internal.FerHome;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The JVM-wide system properties that fer sets for DJL, JavaCPP and JNA, each only when the application has not
 * chosen (neither the property nor, where the library reads one, its environment variable is set):
 * <ul>
 *   <li>{@code ai.djl.offline=true}: DJL never downloads and never calls home (skipped when {@code ai.djl.offline},
 *       {@code offline} or the variable {@code DJL_OFFLINE} is set);</li>
 *   <li>{@code org.bytedeco.javacpp.cachedir=FER_HOME/javacpp/KEY} and
 *       {@code org.bytedeco.javacpp.cachedir.nosubdir=true}: JavaCPP unpacks TensorFlow's and OpenCV's natives under
 *       {@link FerHome}, in a folder named by their content ({@link NativeCacheKey}) rather than by the jar's file
 *       name, so that fat jars and plain classpaths share one copy;</li>
 *   <li>{@code jna.tmpdir=FER_HOME/jna}: where JNA (used by DJL to look for CUDA) unpacks its native library.</li>
 * </ul>
 */
final class HostSettings {
    static final String DJL_OFFLINE = "ai.djl.offline";
    static final String JAVACPP_CACHE = "org.bytedeco.javacpp.cachedir";
    static final String JAVACPP_NOSUBDIR = "org.bytedeco.javacpp.cachedir.nosubdir";
    static final String JNA_TMPDIR = "jna.tmpdir";

    private HostSettings() {}

    /** Applies the settings to this JVM; returns what was set. */
    static synchronized Map<String, String> apply() {
        return apply(System.getProperties(), System::getenv, FerHome.path(),
                () -> NativeCacheKey.of(HostSettings.class.getClassLoader(), NativePlatform.current()));
    }

    /**
     * Sets in {@code properties} what the application has not chosen; returns the properties set, in order.
     *
     * @param environment the process environment ({@code System::getenv})
     * @param nativeKey names the JavaCPP cache folder (computed only when that folder is fer's to choose)
     */
    static Map<String, String> apply(Properties properties, UnaryOperator<String> environment, Path ferHome,
            Supplier<String> nativeKey) {
        Map<String, String> set = new LinkedHashMap<>();
        if (unset(properties, DJL_OFFLINE) && unset(properties, "offline") && environment.apply("DJL_OFFLINE") == null) {
            put(properties, set, DJL_OFFLINE, "true");
        }
        if (unset(properties, JAVACPP_CACHE) && unset(properties, "org.bytedeco.javacpp.cacheDir")) {
            put(properties, set, JAVACPP_CACHE, ferHome.resolve("javacpp").resolve(nativeKey.get()).toString());
            if (unset(properties, JAVACPP_NOSUBDIR)) {
                put(properties, set, JAVACPP_NOSUBDIR, "true");
            }
        }
        if (unset(properties, JNA_TMPDIR)) {
            put(properties, set, JNA_TMPDIR, ferHome.resolve("jna").toString());
        }
        return set;
    }

    private static boolean unset(Properties properties, String key) {
        return properties.getProperty(key) == null;
    }

    private static void put(Properties properties, Map<String, String> set, String key, String value) {
        properties.setProperty(key, value);
        set.put(key, value);
    }
}
