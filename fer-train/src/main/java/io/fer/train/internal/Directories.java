package io.fer.train.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replacing and deleting directory trees so that readers see either the old tree or the new one.
 *
 * <p>While a tree is replaced the old one is renamed aside to {@code .NAME.old-PID-START-N} (the process that
 * renamed it and that process's start time), and before it is deleted it is renamed once more, to
 * {@code .NAME.trash-…}. So a folder named {@code .old-} is always a complete copy and a {@code .trash-} folder is
 * always one whose replacement is in place. A process that dies between the steps (Ctrl-C, a crash, a full disk)
 * leaves one of them behind; {@link #recover} tidies up after it on the next run: a {@code .old-} folder of a
 * process that is gone is put back when the target is missing (it is then the only copy of the user's model) and
 * deleted when the target is there, and {@code .trash-} folders are deleted.
 */
public final class Directories {
    private static final Logger LOG = LoggerFactory.getLogger(Directories.class);
    private static final Pattern OLD = Pattern.compile("\\.old-(\\d+)-(\\d+)-\\d+");

    private Directories() {}

    /**
     * Moves the complete tree {@code fresh} to {@code target}. An existing {@code target} is first renamed aside and
     * deleted only after the move succeeded; if the move fails it is put back. A failure to delete the old tree is
     * logged, not thrown (the new tree is in place; the next {@link #recover} deletes what is left).
     */
    public static void replace(Path fresh, Path target) throws IOException {
        Path aside = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            aside = target.resolveSibling(oldPrefix(target) + ownerTag(ProcessHandle.current()) + "-" + System.nanoTime());
            Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            try {
                Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(fresh, target);
            }
        } catch (IOException | RuntimeException e) {
            if (aside != null) {
                Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        if (aside != null) {
            discard(aside, target);
        }
    }

    /**
     * Tidies up after replacements of {@code target} that a process which is gone did not finish: puts its previous
     * tree back when {@code target} is missing (the most recent one, if several), and deletes the rest.
     */
    public static void recover(Path target) throws IOException {
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, oldPrefix(target) + "*")) {
            for (Path p : siblings) {
                Matcher m = OLD.matcher(p.getFileName().toString().substring(("." + target.getFileName()).length()));
                if (m.matches() && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        && !isAlive(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))) {
                    stale.add(p);
                }
            }
        }
        if (!stale.isEmpty() && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Path newest = stale.stream().max(Comparator.comparing(Directories::modified)).orElseThrow();
            Files.move(newest, target, StandardCopyOption.ATOMIC_MOVE);
            LOG.warn("An interrupted save had moved {} aside to {}; put it back", target, newest.getFileName());
            stale.remove(newest);
        }
        for (Path p : stale) {
            discard(p, target);
        }
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, trashPrefix(target) + "*")) {
            for (Path p : siblings) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    deleteQuietly(p);
                }
            }
        }
    }

    /** Renames a replaced tree to trash, then deletes it; logs instead of failing, as its replacement is in place. */
    private static void discard(Path aside, Path target) {
        Path trash = target.resolveSibling(trashPrefix(target) + aside.getFileName().toString()
                .substring(oldPrefix(target).length()));
        try {
            Files.move(aside, trash, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Cannot delete the replaced copy {}: {}", aside, e.toString());
            return;
        }
        deleteQuietly(trash);
    }

    private static void deleteQuietly(Path p) {
        try {
            deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("Cannot delete {} (the next save of the same folder retries): {}", p, e.toString());
        }
    }

    public static String oldPrefix(Path target) {
        return "." + target.getFileName() + ".old-";
    }

    public static String trashPrefix(Path target) {
        return "." + target.getFileName() + ".trash-";
    }

    /** {@code PID-START}: the process and its start in milliseconds, which tells it from a later one of that pid. */
    public static String ownerTag(ProcessHandle p) {
        return p.pid() + "-" + p.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
    }

    private static boolean isAlive(long pid, long startMillis) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        return p.isPresent() && ownerTag(p.get()).equals(pid + "-" + startMillis);
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** Deletes a file or a whole tree, if it exists, without following links out of it. */
    public static void deleteIfExists(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // deleted meanwhile by another cleaner
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
