package io.fer.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Writing files so that no reader, crash or second JVM ever sees half of one: content goes to a temporary file in
 * the target's folder, which is then moved over the target.
 */
public final class AtomicFiles {
    /** Targets whose writes fail as on a full disk; see {@link #simulateFullDisk}. Null: none (always, outside tests). */
    private static volatile Predicate<Path> fullDisk;

    private AtomicFiles() {}

    /**
     * Fault injection for tests of what a full disk does to fer's outputs, where no small file system can be
     * mounted: until the returned handle is closed, a {@link #write} to a target that {@code affected} accepts writes
     * half its bytes to the temporary file and then fails as the JDK does on a full disk, with an
     * {@code IOException("No space left on device")} that names no file.
     */
    public static AutoCloseable simulateFullDisk(Predicate<Path> affected) {
        fullDisk = affected;
        return () -> fullDisk = null;
    }

    /** Moves {@code from} over {@code to}, atomically where the file system can. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes {@code content} to {@code target} through a temporary file. */
    public static void write(Path target, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".part");
        try {
            Predicate<Path> full = fullDisk;
            if (full != null && full.test(target)) {
                Files.write(tmp, Arrays.copyOf(content, content.length / 2));
                throw new IOException("No space left on device");
            }
            Files.write(tmp, content);
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Copies a classpath resource to {@code target} unless a file of the same size is there already (resources in
     * jars do not change under a given version). Creates the target's folder.
     */
    public static Path unpack(URL resource, Path target) throws IOException {
        URLConnection connection = resource.openConnection();
        long size = connection.getContentLengthLong();
        if (Files.isRegularFile(target) && Files.size(target) == size) {
            return target;
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".part");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }
}
