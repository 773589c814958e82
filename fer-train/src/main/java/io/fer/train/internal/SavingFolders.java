package io.fer.train.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The temporary folders a model is built in beside its target ({@code .NAME.saving-RANDOM}). Each holds an owner
 * file naming the process that builds it, so that one left behind by an interrupted save (Ctrl-C, a crash, a full
 * disk) can be told from one that another process is still writing, and deleted.
 */
public final class SavingFolders {
    /** The owner file: {@code PID START-INSTANT}. Removed before the folder becomes the model. */
    public static final String OWNER = ".fer-saving-owner";
    /** A folder without an owner file (a crash before it was written) is stale after this long. */
    public static final Duration UNOWNED_AGE = Duration.ofHours(1);

    private SavingFolders() {}

    public static String prefix(Path target) {
        return "." + target.getFileName() + ".saving-";
    }

    /** A new saving folder for {@code target}, owned by this process. */
    public static Path create(Path target) throws IOException {
        Path tmp = Files.createTempDirectory(target.getParent(), prefix(target));
        Files.writeString(tmp.resolve(OWNER), ownerLine(ProcessHandle.current()), StandardCharsets.UTF_8);
        return tmp;
    }

    /** Removes the owner file: the folder is complete and about to become the model. */
    public static void release(Path tmp) throws IOException {
        Files.deleteIfExists(tmp.resolve(OWNER));
    }

    /** Deletes the saving folders of {@code target} whose owning process is gone. */
    public static void deleteStale(Path target) throws IOException {
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(target.getParent(), prefix(target) + "*")) {
            for (Path p : siblings) {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && isStale(p)) {
                    Directories.deleteIfExists(p);
                }
            }
        }
    }

    public static boolean isStale(Path folder) throws IOException {
        Path owner = folder.resolve(OWNER);
        if (!Files.isRegularFile(owner)) {
            return Files.getLastModifiedTime(folder).toInstant().isBefore(Instant.now().minus(UNOWNED_AGE));
        }
        String[] parts = Files.readString(owner, StandardCharsets.UTF_8).strip().split(" ", 2);
        try {
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(parts[0]));
            // the same pid with another start time is another process that reused the number
            return process.isEmpty() || !ownerLine(process.get()).strip().equals(String.join(" ", parts));
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static String ownerLine(ProcessHandle p) {
        return p.pid() + " " + p.info().startInstant().map(Instant::toString).orElse("?") + "\n";
    }
}
