package io.fer.core.internal;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The folder where fer keeps what it unpacks or downloads: TensorFlow natives, weight files, face-crop caches.
 *
 * <p>Resolved in this order: the system property {@value #PROPERTY}, the environment variable {@value #ENV},
 * then {@code ~/.fer}.
 */
public final class FerHome {
    /** System property that overrides the cache folder. */
    public static final String PROPERTY = "fer.home";
    /** Environment variable that overrides the cache folder. */
    public static final String ENV = "FER_HOME";

    private FerHome() {}

    /** The cache folder (not necessarily created yet). */
    public static Path path() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(ENV);
        }
        if (p == null || p.isBlank()) {
            return Paths.get(System.getProperty("user.home"), ".fer").toAbsolutePath();
        }
        return Paths.get(p).toAbsolutePath();
    }

    /** A sub-folder of the cache folder, e.g. {@code resolve("weights")}. */
    public static Path resolve(String child) {
        return path().resolve(child);
    }
}
