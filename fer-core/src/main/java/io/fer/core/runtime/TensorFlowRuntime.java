package io.fer.core.runtime;

import ai.djl.engine.Engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Loads TensorFlow for DJL without the network, once per JVM.
 *
 * <p>DJL's TensorFlow engine does not find the native jars by itself: with no CUDA driver it ignores the CUDA build
 * and with TF Java's CPU jar it does not look at all, and in both cases it tries to download and fails offline. This
 * class finds the natives on the classpath, unpacks them into {@link FerHome} when needed, points DJL at them, turns
 * off DJL's downloads and usage tracking, and then starts the engine. Two native artifacts are recognised:
 * <ul>
 *   <li>{@code org.tensorflow:tensorflow-core-native:1.0.0:linux-x86_64} (CPU, the default);</li>
 *   <li>{@code ai.djl.tensorflow:tensorflow-native-cu121:2.16.1:linux-x86_64} (GPU, {@code -Pgpu}; also runs on CPU).</li>
 * </ul>
 * Setting {@code TENSORFLOW_LIBRARY_PATH} (environment or system property) skips the search.
 *
 * <p>Thread-safe: every method may be called from several threads, and the natives are loaded once.
 */
public final class TensorFlowRuntime {
    static final String CORE_NATIVE = "org.tensorflow:tensorflow-core-native";
    static final String DJL_NATIVE = "ai.djl.tensorflow:tensorflow-native-cu121";
    private static final String CORE_NATIVE_PROBE = "org/tensorflow/internal/c_api/linux-x86_64/libjnitensorflow.so";
    private static final String DJL_NATIVE_PROPERTIES = "native/lib/tensorflow.properties";
    private static final String LIBRARY_PATH = "TENSORFLOW_LIBRARY_PATH";

    private static volatile Loaded loaded;

    private record Loaded(Engine engine, RuntimeInfo info) {}

    private TensorFlowRuntime() {}

    /** DJL's TensorFlow engine, loaded offline on first use. */
    public static Engine engine() {
        return load().engine();
    }

    /** Makes sure the TensorFlow natives are loaded, so that raw {@code org.tensorflow} graphs can be built. */
    public static void ensureLoaded() {
        load();
    }

    /** TensorFlow version, CPU or GPU, and where the natives came from. */
    public static RuntimeInfo describe() {
        return load().info();
    }

    private static Loaded load() {
        Loaded l = loaded;
        if (l == null) {
            synchronized (TensorFlowRuntime.class) {
                l = loaded;
                if (l == null) {
                    l = start();
                    loaded = l;
                }
            }
        }
        return l;
    }

    /**
     * Keeps DJL off the network and points DJL's and JavaCPP's caches into {@link FerHome}; call before any DJL or
     * JavaCPP class (TensorFlow, OpenCV) reads these settings. Idempotent; settings already made are kept.
     */
    public static void keepOffline() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", FerHome.resolve("djl").toString());
        }
        if (System.getProperty("org.bytedeco.javacpp.cachedir") == null) {
            System.setProperty("org.bytedeco.javacpp.cachedir", FerHome.resolve("javacpp").toString());
        }
    }

    private static Loaded start() {
        keepOffline();
        String source;
        String dir = configuredLibraryPath();
        ClassLoader cl = TensorFlowRuntime.class.getClassLoader();
        if (dir != null) {
            source = LIBRARY_PATH;
        } else if (cl.getResource(DJL_NATIVE_PROPERTIES) != null) {
            source = DJL_NATIVE;
            dir = unpackDjlNatives(cl).toString();
        } else if (cl.getResource(CORE_NATIVE_PROBE) != null) {
            source = CORE_NATIVE;
            String lib = org.bytedeco.javacpp.Loader.load(org.tensorflow.internal.c_api.global.tensorflow.class);
            dir = Path.of(lib).getParent().toString();
        } else {
            throw new IllegalStateException("No TensorFlow native library on the classpath. Add the dependency "
                    + CORE_NATIVE + ":1.0.0 with classifier linux-x86_64 (CPU; exclude its transitive dependencies), or "
                    + DJL_NATIVE + ":2.16.1 with classifier linux-x86_64 (GPU), or set " + LIBRARY_PATH
                    + " to a folder holding libtensorflow_cc and libtensorflow_framework.");
        }
        System.setProperty(LIBRARY_PATH, dir);
        Engine engine = Engine.getEngine("TensorFlow");
        int gpus = engine.getGpuCount();
        RuntimeInfo info = new RuntimeInfo(engine.getVersion(), gpus, source, dir, FerHome.path().toString());
        return new Loaded(engine, info);
    }

    private static String configuredLibraryPath() {
        String p = System.getProperty(LIBRARY_PATH);
        if (p == null || p.isBlank()) {
            p = System.getenv(LIBRARY_PATH);
        }
        return p == null || p.isBlank() ? null : p;
    }

    /**
     * Copies {@code native/lib/*} of DJL's native jar into the cache, once: a file already there with the right
     * size is kept, a new one is written under a temporary name and moved into place, so that a crash or a second
     * JVM never sees half a library.
     */
    private static Path unpackDjlNatives(ClassLoader cl) {
        try {
            Properties p = new Properties();
            try (InputStream is = cl.getResource(DJL_NATIVE_PROPERTIES).openStream()) {
                p.load(is);
            }
            String version = p.getProperty("version", "unknown");
            String classifier = p.getProperty("classifier", "unknown");
            Path dir = FerHome.resolve("tensorflow").resolve(version + "-" + classifier);
            Files.createDirectories(dir);
            for (String lib : p.getProperty("libraries", "").split(",")) {
                lib = lib.trim();
                if (lib.isEmpty()) {
                    continue;
                }
                URL url = cl.getResource("native/lib/" + lib);
                if (url == null) {
                    throw new IllegalStateException(DJL_NATIVE + " lists native/lib/" + lib + " but the jar lacks it");
                }
                AtomicFiles.unpack(url, dir.resolve(lib));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack TensorFlow natives of " + DJL_NATIVE + " into "
                    + FerHome.path() + " (set " + FerHome.ENV + " to a writable folder)", e);
        }
    }
}
