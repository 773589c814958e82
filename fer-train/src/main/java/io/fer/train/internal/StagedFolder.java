package io.fer.train.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder built beside its target and moved into place whole: readers, and the user after a failure, an
 * interruption or a full disk, see the previous target or the complete new one, never a mix. A model directory is
 * saved this way, and a run's outputs (its models and their reports) replace an earlier run's together or not at
 * all.
 *
 * <pre>{@code
 * try (StagedFolder staged = StagedFolder.begin(target)) {
 *     write(staged.path());   // everything goes in here
 *     staged.commit();        // replaces target; closing without commit deletes the staged folder
 * }
 * }</pre>
 *
 * <p>{@link #begin} first tidies up after earlier interrupted saves of the same target whose process is gone: their
 * staged folders ({@code .NAME.saving-*}) are deleted and a previous tree left aside is put back or deleted (see
 * {@link Directories}).
 */
public final class StagedFolder implements AutoCloseable {
    private final Path target;
    private final Path staged;
    private boolean committed;

    private StagedFolder(Path target, Path staged) {
        this.target = target;
        this.staged = staged;
    }

    /** Creates the staged folder of {@code target} (its parent is created if needed). */
    public static StagedFolder begin(Path target) throws IOException {
        Path t = target.toAbsolutePath().normalize();
        Files.createDirectories(t.getParent());
        Directories.recover(t);
        SavingFolders.deleteStale(t);
        return new StagedFolder(t, SavingFolders.create(t));
    }

    /** Where to write the new tree. */
    public Path path() {
        return staged;
    }

    /** The folder the new tree will replace. */
    public Path target() {
        return target;
    }

    /** Where {@code p}, a path inside {@link #path()}, will be once committed. */
    public Path committedPath(Path p) {
        return target.resolve(staged.relativize(p.toAbsolutePath().normalize()));
    }

    /** Moves the staged tree over the target: the previous one is deleted only once the new one is in place. */
    public void commit() throws IOException {
        if (committed) {
            throw new IllegalStateException(target + " was committed already");
        }
        SavingFolders.release(staged);
        Directories.replace(staged, target);
        committed = true;
    }

    /** Deletes the staged folder unless it was committed. */
    @Override
    public void close() {
        if (!committed) {
            try {
                Directories.deleteIfExists(staged);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete the unfinished " + staged + ": " + e.getMessage(), e);
            }
        }
    }
}
