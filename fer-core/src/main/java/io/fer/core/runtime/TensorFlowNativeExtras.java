package io.fer.core.runtime;

import java.io.File;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Native libraries that TensorFlow Java's jar for a platform carries beside TensorFlow's own, which JavaCPP does not
 * unpack: the linux-arm64 jar's OpenMP runtime ({@code libomp-e9212f90.so.5}), needed by libtensorflow_cc. Without
 * it TensorFlow fails to load on Linux arm64 ("libomp-e9212f90.so.5: cannot open shared object file"), so fer
 * unpacks such libraries into JavaCPP's cache and loads them before TensorFlow.
 */
final class TensorFlowNativeExtras {
    private static final Logger LOG = LoggerFactory.getLogger(TensorFlowNativeExtras.class);
    /** TensorFlow's own libraries, which JavaCPP unpacks itself. */
    private static final Set<String> OWN = Set.of("jnitensorflow", "tensorflow_cc", "tensorflow_framework");
    /** {@code libNAME.so[.N...]}, {@code libNAME[.N].dylib} or {@code NAME.dll}. */
    private static final Pattern LIBRARY = Pattern.compile(
            "(?:lib)?([A-Za-z0-9_+-]+?)(?:\\.[0-9]+)*\\.(?:so(?:\\.[0-9]+)*|dylib|dll)");

    private TensorFlowNativeExtras() {}

    /**
     * The file names of the libraries beside TensorFlow's JNI library that are not TensorFlow's own, read from the
     * jar (or folder) the JNI resource is in; empty where the resource's location cannot be listed.
     */
    static List<String> extras(URL jniResource) throws IOException {
        List<String> names = new ArrayList<>();
        for (String name : siblings(jniResource)) {
            Matcher m = LIBRARY.matcher(name);
            if (m.matches() && !OWN.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    /** Unpacks and loads the extras for {@code platform}, if any, so that TensorFlow's libraries find them. */
    static void load(ClassLoader loader, String platform) {
        String jni = NativePlatform.tensorFlowJniResource(platform);
        URL url = loader.getResource(jni);
        if (url == null) {
            return;
        }
        String folder = jni.substring(0, jni.lastIndexOf('/') + 1);
        List<String> extras;
        try {
            extras = extras(url);
        } catch (IOException e) {
            LOG.debug("Could not list the natives beside {}: {}", url, e.toString());
            return;
        }
        for (String name : extras) {
            try {
                File file = org.bytedeco.javacpp.Loader.cacheResource(TensorFlowNativeExtras.class, "/" + folder + name);
                if (file != null) {
                    System.load(file.getAbsolutePath());
                    LOG.debug("Loaded {} for TensorFlow from {}", name, file);
                }
            } catch (IOException | UnsatisfiedLinkError e) {
                // TensorFlow's own load then fails with the linker's message, which names the library
                LOG.warn("Could not load {} from {}: {}", name, url, e.toString());
            }
        }
    }

    private static List<String> siblings(URL resource) throws IOException {
        List<String> names = new ArrayList<>();
        URLConnection connection = resource.openConnection();
        if (connection instanceof JarURLConnection jar) {
            connection.setUseCaches(false);
            String entry = jar.getEntryName();
            String folder = entry.substring(0, entry.lastIndexOf('/') + 1);
            try (JarFile file = jar.getJarFile()) {
                Enumeration<JarEntry> entries = file.entries();
                while (entries.hasMoreElements()) {
                    String name = entries.nextElement().getName();
                    if (name.startsWith(folder) && name.indexOf('/', folder.length()) < 0
                            && name.length() > folder.length()) {
                        names.add(name.substring(folder.length()));
                    }
                }
            }
        } else if ("file".equals(resource.getProtocol())) {
            Path dir;
            try {
                dir = Path.of(resource.toURI()).getParent();
            } catch (URISyntaxException e) {
                throw new IOException("Not a file location: " + resource, e);
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
            }
        }
        return names;
    }
}
