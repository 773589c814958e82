package io.fer.core.runtime;

import ai.djl.engine.Engine;
import io.fer.core.internal.AtomicFiles;
import io.fer.core.internal.FerHome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads TensorFlow for DJL without the network, once per JVM.
 *
 * <p>DJL's TensorFlow engine does not find the native jars by itself: with no CUDA driver it ignores the CUDA build
 * and with TF Java's CPU jar it does not look at all, and in both cases it tries to download and fails offline. This
 * class finds the natives on the classpath, unpacks them into {@code FER_HOME} when needed, points DJL at them
 * (the system property {@code TENSORFLOW_LIBRARY_PATH}), keeps DJL offline, quiets TensorFlow's C++ log, and then
 * starts the engine. It logs (SLF4J, {@code io.fer.core.runtime}) what it loads, what it unpacks and how long that
 * takes. Two native artifacts are recognised:
 * <ul>
 *   <li>{@code org.tensorflow:tensorflow-core-native:1.0.0} with the classifier of this platform (CPU, the
 *       default; see {@code NativePlatform});</li>
 *   <li>{@code ai.djl.tensorflow:tensorflow-native-cu121:2.16.1:linux-x86_64} (GPU; also runs on CPU).</li>
 * </ul>
 * Setting {@code TENSORFLOW_LIBRARY_PATH} (environment or system property) skips the search. The system properties
 * set for DJL, JavaCPP and JNA, each only where the application has not set it, are listed in the README; the
 * TensorFlow C++ log level is the system property {@code fer.tensorflow.logLevel} (0 to 3, default 2: errors only)
 * unless the environment sets {@code TF_CPP_MIN_LOG_LEVEL}.
 *
 * <p>Thread-safe: every method may be called from several threads, and the natives are loaded once.
 */
public final class TensorFlowRuntime {
    static final String CORE_NATIVE = "org.tensorflow:tensorflow-core-native";
    static final String DJL_NATIVE = "ai.djl.tensorflow:tensorflow-native-cu121";
    private static final String DJL_NATIVE_PROPERTIES = "native/lib/tensorflow.properties";
    private static final String LIBRARY_PATH = "TENSORFLOW_LIBRARY_PATH";
    private static final Logger LOG = LoggerFactory.getLogger(TensorFlowRuntime.class);

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
     * Keeps DJL off the network and points JavaCPP's and JNA's caches into {@code FER_HOME}, each only where the
     * application has not set it; call before any DJL or JavaCPP class (TensorFlow, OpenCV) reads these settings.
     * Idempotent.
     */
    public static void keepOffline() {
        Map<String, String> set = HostSettings.apply();
        if (!set.isEmpty()) {
            LOG.debug("System properties set for DJL, JavaCPP and JNA: {}", set);
        }
    }

    private static Loaded start() {
        long t0 = System.nanoTime();
        keepOffline();
        String logLevel = NativeLogLevel.apply();
        if (logLevel != null) {
            LOG.debug("TensorFlow C++ log level: {}={}", NativeLogLevel.ENV, logLevel);
        }
        String source;
        String dir = configuredLibraryPath();
        ClassLoader cl = TensorFlowRuntime.class.getClassLoader();
        String platform = NativePlatform.current();
        Path cache = FerHome.path();
        long before = nativeCacheBytes();
        if (dir != null) {
            source = LIBRARY_PATH;
        } else if (cl.getResource(DJL_NATIVE_PROPERTIES) != null) {
            source = DJL_NATIVE;
            LOG.info("Loading the TensorFlow natives of {} (the first start unpacks them into {})", source, cache);
            dir = unpackDjlNatives(cl).toString();
        } else if (cl.getResource(NativePlatform.tensorFlowJniResource(platform)) != null) {
            source = CORE_NATIVE;
            LOG.info("Loading the TensorFlow natives of {}:{} (the first start unpacks them into {})", source,
                    platform, cache);
            TensorFlowNativeExtras.load(cl, platform); // linux-arm64: OpenMP, which JavaCPP does not unpack
            String lib = org.bytedeco.javacpp.Loader.load(org.tensorflow.internal.c_api.global.tensorflow.class);
            dir = Path.of(lib).getParent().toString();
        } else {
            throw new IllegalStateException(missingNativesMessage(platform));
        }
        if (!source.equals(LIBRARY_PATH)) {
            System.setProperty(LIBRARY_PATH, dir);
        }
        Engine engine = Engine.getEngine("TensorFlow");
        int gpus = engine.getGpuCount();
        RuntimeInfo info = new RuntimeInfo(engine.getVersion(), gpus, source, dir, cache.toString());
        long unpacked = nativeCacheBytes() - before;
        String seconds = String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9);
        if (unpacked > 0) {
            LOG.info("TensorFlow {} ready in {} s; unpacked {} MB of native libraries into {}",
                    info.tensorFlowVersion(), seconds, unpacked / 1_000_000, dir);
        } else {
            LOG.info("TensorFlow {} ready in {} s (natives already in {})", info.tensorFlowVersion(), seconds, dir);
        }
        return new Loaded(engine, info);
    }

    /** The error when no TensorFlow natives for {@code platform} are on the classpath: what to add. */
    static String missingNativesMessage(String platform) {
        return "No TensorFlow native library for " + platform + " on the classpath (looked for "
                + NativePlatform.tensorFlowJniResource(platform) + " and " + DJL_NATIVE_PROPERTIES + "). Add "
                + CORE_NATIVE + ":1.0.0 with classifier " + platform + " (CPU; exclude its transitive dependencies), or "
                + DJL_NATIVE + ":2.16.1 with classifier linux-x86_64 (GPU), or set " + LIBRARY_PATH
                + " to a folder holding libtensorflow_cc and libtensorflow_framework.";
    }

    /** Bytes in the folders natives are unpacked into (JavaCPP's cache, DJL's natives), for the log line. */
    private static long nativeCacheBytes() {
        String javacpp = System.getProperty(HostSettings.JAVACPP_CACHE);
        return (javacpp == null ? 0 : sizeOf(Path.of(javacpp))) + sizeOf(FerHome.resolve("tensorflow"));
    }

    private static long sizeOf(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            // JavaCPP links libfoo.so to libfoo.so.2: count files, not links
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0; // only for the log line
        }
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
