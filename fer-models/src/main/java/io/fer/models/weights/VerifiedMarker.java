package io.fer.models.weights;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A small sidecar ({@code <file>.verified}) recording that a cached file had the expected MD5 at a given size and
 * modification time, so the hundreds of megabytes of B7 are hashed once rather than on every start. Any change of
 * size or modification time, or a different expected hash, invalidates it.
 */
final class VerifiedMarker {
    static final String SUFFIX = ".verified";

    private VerifiedMarker() {}

    static Path of(Path file) {
        return file.resolveSibling(file.getFileName() + SUFFIX);
    }

    /** Whether the marker vouches for {@code file} having {@code md5} as it is now. */
    static boolean vouchesFor(Path file, String md5) {
        Path marker = of(file);
        if (!Files.isRegularFile(marker)) {
            return false;
        }
        try (Reader in = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
            Properties recorded = new Properties();
            recorded.load(in);
            return recorded.equals(describe(file, md5));
        } catch (IOException | IllegalArgumentException e) {
            return false; // unreadable or garbled: hash again
        }
    }

    /** Records that {@code file} as it is now has {@code md5}. */
    static void record(Path file, String md5) throws IOException {
        Properties properties = describe(file, md5);
        try (Writer out = Files.newBufferedWriter(of(file), StandardCharsets.UTF_8)) {
            properties.store(out, "fer: " + file.getFileName() + " matched the MD5 Keras pins");
        }
    }

    static void delete(Path file) throws IOException {
        Files.deleteIfExists(of(file));
    }

    private static Properties describe(Path file, String md5) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Properties properties = new Properties();
        properties.setProperty("md5", md5);
        properties.setProperty("size", Long.toString(attributes.size()));
        properties.setProperty("modifiedNanos", Long.toString(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
        return properties;
    }
}
