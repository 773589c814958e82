package io.fer.core.runtime;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;

/**
 * Names the folder that JavaCPP unpacks natives into by what they are rather than by the jar they come in: the
 * platform plus a hash of the size and CRC-32 of a few native libraries (TensorFlow's JNI library, JavaCPP's,
 * OpenCV's and OpenBLAS'). A fat jar and a plain classpath holding the same natives get the same folder; another
 * version of any of them gets another folder, so that two applications never overwrite each other's libraries.
 * Sizes and CRCs come from the jar's directory: nothing is read or unpacked to compute the key.
 */
final class NativeCacheKey {
    private NativeCacheKey() {}

    /** The libraries that identify a set of natives, as classpath resources of {@code platform}. */
    static List<String> probes(String platform) {
        return List.of(NativePlatform.tensorFlowJniResource(platform),
                "org/bytedeco/javacpp/" + platform + "/" + NativePlatform.libraryFileName(platform, "jnijavacpp"),
                "org/bytedeco/opencv/" + platform + "/" + NativePlatform.libraryFileName(platform, "jniopencv_core"),
                "org/bytedeco/openblas/" + platform + "/" + NativePlatform.libraryFileName(platform, "jniopenblas"));
    }

    /** {@code PLATFORM-HASH}, e.g. {@code linux-x86_64-3f2a9c01b7d4}; the hash covers the probes that are present. */
    static String of(ClassLoader loader, String platform) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String probe : probes(platform)) {
                URL url = loader.getResource(probe);
                if (url != null) {
                    sha.update((probe + "=" + fingerprint(url) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return platform + "-" + HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Size and CRC-32 of a jar entry, or size and modification time of a plain file. */
    private static String fingerprint(URL url) {
        try {
            URLConnection connection = url.openConnection();
            if (connection instanceof JarURLConnection jar) {
                jar.setUseCaches(false);
                JarEntry entry = jar.getJarEntry();
                String fingerprint = entry.getSize() + ":" + Long.toHexString(entry.getCrc());
                jar.getJarFile().close();
                return fingerprint;
            }
            if (url.getProtocol().equals("file")) {
                Path file = Path.of(url.toURI());
                return Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
            }
            return Long.toString(connection.getContentLengthLong());
        } catch (IOException | URISyntaxException e) {
            return "unreadable"; // the loader will report the real problem when it unpacks
        }
    }
}
