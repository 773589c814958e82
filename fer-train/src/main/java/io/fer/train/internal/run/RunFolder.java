package io.fer.train.internal.run;

import io.fer.train.eval.EvaluationReport;
import io.fer.train.internal.StagedFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The folder a fer run writes its reports and models into. A run may only write into a folder that is new, empty,
 * or an earlier fer run's (it holds the marker file {@value #MARKER}), so that no file of the user's is ever
 * overwritten: {@link #claim} refuses any other folder, naming a file that would be lost. Folders of runs made
 * before the marker existed are refused too: a {@code summary.md} alone cannot tell fer's from the user's.
 * {@link #begin} stages a whole run, so that its outputs replace an earlier run's together or not at all.
 */
public final class RunFolder {
    /** Marks a folder as a fer run's. */
    public static final String MARKER = ".fer-run";
    /** What fer writes into a run folder: named first when a refused folder holds one. */
    private static final Set<String> FER_FILES = Set.of(EvaluationReport.CLASSIFICATION_REPORT,
            EvaluationReport.METRICS_CSV, EvaluationReport.CONFUSION_MATRIX_CSV, EvaluationReport.PREDICTIONS_CSV,
            EvaluationReport.FOLDS_CSV, EvaluationReport.REPORT_JSON, EvaluationReport.SUMMARY_MD,
            EvaluationReport.CONFUSION_MATRIX_PNG, EvaluationReport.TRAINING_CURVES_PNG,
            EvaluationReport.MISCLASSIFIED_PNG, "model", "samples", "real-photo");

    /** Fold folders and fer's own temporary names ({@code .model.saving-…}, {@code summary.md…part}). */
    private static final Pattern FER_NAMES = Pattern.compile(
            "fold-\\d+|\\..+\\.(saving|old|trash)-.+|.+\\.part");

    private RunFolder() {}

    /**
     * Begins a run whose outputs (models and reports) replace an earlier run's in {@code dir} together or not at
     * all: they are written into the returned staged folder, already marked, and {@link StagedFolder#commit} moves
     * it over {@code dir}. Closing it uncommitted (a failed report, a full disk) leaves {@code dir} as it was.
     *
     * @throws IllegalArgumentException as {@link #checkReplaceable}
     */
    public static StagedFolder begin(Path dir) throws IOException {
        checkReplaceable(dir);
        StagedFolder staged = StagedFolder.begin(dir);
        try {
            mark(staged.path());
        } catch (IOException | RuntimeException e) {
            staged.close();
            throw e;
        }
        return staged;
    }

    /** The error of a run that failed before its staged folder was committed: it says that {@code dir} is unchanged. */
    public static IOException abandoned(Path dir, IOException cause) {
        return new IOException(cause.getMessage() + "; the run's outputs were discarded and " + dir
                + " was left as it was", cause);
    }

    /**
     * Checks, creating nothing, that {@link #begin} would accept {@code dir}: as {@link #check}, and an earlier run's
     * folder must hold nothing but a run's outputs, since the new run replaces it whole.
     *
     * @throws IllegalArgumentException naming the first file that would be lost
     */
    public static void checkReplaceable(Path dir) throws IOException {
        check(dir);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var s = Files.list(dir)) {
            String other = s.map(p -> p.getFileName().toString()).sorted()
                    .filter(n -> !n.equals(MARKER) && !FER_FILES.contains(n) && !FER_NAMES.matcher(n).matches())
                    .findFirst().orElse(null);
            if (other != null) {
                throw new IllegalArgumentException("Refusing to replace the earlier run in " + dir + ": it also holds "
                        + dir.resolve(other) + ", which is not a fer run's output and would be deleted; move it away "
                        + "or choose another folder for --out");
            }
        }
    }

    /**
     * Makes {@code dir} this run's folder: creates it if needed and marks it.
     *
     * @throws IllegalArgumentException if it is a file, or a non-empty folder that is not a fer run's; the message
     *     names a file in it that the run would overwrite or mix with
     */
    public static Path claim(Path dir) throws IOException {
        check(dir);
        return mark(dir);
    }

    /**
     * Marks {@code dir} as a fer run's folder without checking it, for a folder fer knows is its own already (a
     * checkpointed run in progress); creates it if needed.
     */
    public static Path mark(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path marker = dir.resolve(MARKER);
        if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
            Files.writeString(marker, "written by fer: reports and models of a run; fer may overwrite them\n",
                    StandardCharsets.UTF_8);
        }
        return dir;
    }

    /**
     * Checks, creating nothing, that {@link #claim} would accept {@code dir}: commands call it before any work, so
     * that a refused or failed run leaves no folder behind.
     */
    public static void check(Path dir) throws IOException {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Refusing to write a run into " + dir + ": it is a file, not a folder");
        }
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
            List<String> entries;
            try (var s = Files.list(dir)) {
                entries = s.map(p -> p.getFileName().toString()).sorted().toList();
            }
            if (!entries.isEmpty()) {
                // name a file the run would overwrite when there is one, else the first file found
                String named = entries.stream().filter(FER_FILES::contains).findFirst().orElse(entries.get(0));
                boolean overwritten = FER_FILES.contains(named);
                throw new IllegalArgumentException("Refusing to write a run into " + dir + ": it is not empty and "
                        + "not a fer run folder (no " + MARKER + "); " + dir.resolve(named)
                        + (overwritten ? " would be overwritten" : " is not fer's") + "; choose a new or empty "
                        + "folder for --out");
            }
        }
    }

}
