package io.fer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.fer.core.internal.AtomicFiles;
import io.fer.core.internal.model.ModelDirectory;
import io.fer.train.eval.EvaluationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's outputs replace an earlier run's together or not at all: when a report cannot be written (here a full
 * disk at {@code summary.md}), the earlier model and every earlier report file stay as they were, and no staged
 * folder is left.
 */
class RunReplacementCliTest {
    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void data() throws IOException {
        data = tmp.resolve("faces");
        Fixtures.imageFolder(data, 4, 2, 5);
    }

    static Cli train(Path out, String seed) {
        return Cli.run("train", "--dataset", "folder", "--data", data.toString(), "--backbone", "cnn",
                "--input-size", "24", "--epochs", "1,0", "--batch", "8", "--protocol", "random:0.75", "--quiet",
                "--seed", seed, "--crop-cache", tmp.resolve("crops").toString(), "--out", out.toString());
    }

    @Test
    void aReportThatCannotBeWrittenLeavesThePreviousModelAndReportIntact() throws Exception {
        Path out = tmp.resolve("run");
        Cli first = train(out, "1");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        Map<String, String> before = contents(out);
        assertThat(before).containsKeys(EvaluationReport.SUMMARY_MD, "model/" + ModelDirectory.MANIFEST);

        Cli failed;
        try (AutoCloseable full = AtomicFiles.simulateFullDisk(named(EvaluationReport.SUMMARY_MD))) {
            failed = train(out, "2"); // another seed: another model, another report
        }
        assertThat(failed.exitCode()).as(failed.toString()).isNotZero();
        assertThat(failed.err()).contains(EvaluationReport.SUMMARY_MD).contains("No space left on device")
                .contains(out + " was left as it was");
        assertThat(contents(out)).as("the earlier run's files").isEqualTo(before);
        assertThat(siblings(out)).containsExactly("crops", "faces", "run");

        Cli again = train(out, "2"); // with room again the new run replaces the old one whole
        assertThat(again.exitCode()).as(again.toString()).isZero();
        Map<String, String> after = contents(out);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        assertThat(after.get("model/" + ModelDirectory.MANIFEST))
                .isNotEqualTo(before.get("model/" + ModelDirectory.MANIFEST));
        assertThat(after.get(EvaluationReport.REPORT_JSON)).isNotEqualTo(before.get(EvaluationReport.REPORT_JSON));
        assertThat(siblings(out)).containsExactly("crops", "faces", "run");
    }

    @Test
    void aFullDiskInEvaluateLeavesTheEarlierEvaluationWhole() throws Exception {
        Path run = tmp.resolve("run-for-evaluate");
        assertThat(train(run, "1").exitCode()).isZero();
        Path out = tmp.resolve("evaluation");
        Cli first = evaluate(run, out);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        // changed after the first evaluation, so that a rewrite of it by the failed one shows
        Files.writeString(out.resolve(EvaluationReport.METRICS_CSV), "precision changed by hand\n");
        Map<String, String> before = contents(out);
        Cli failed;
        try (AutoCloseable full = AtomicFiles.simulateFullDisk(named(EvaluationReport.REPORT_JSON))) {
            failed = evaluate(run, out);
        }
        assertThat(failed.exitCode()).as(failed.toString()).isNotZero();
        assertThat(failed.err()).contains(EvaluationReport.REPORT_JSON).contains("No space left on device");
        assertThat(contents(out)).isEqualTo(before); // metrics.csv was not rewritten beside the old report.json
    }

    @Test
    void anEarlierRunHoldingAUsersFileIsNotReplaced() throws IOException {
        Path out = tmp.resolve("run-with-notes");
        assertThat(train(out, "1").exitCode()).isZero();
        Path notes = Files.writeString(out.resolve("notes.txt"), "my notes on this run");
        Cli again = train(out, "2");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("Refusing to replace the earlier run in " + out).contains(notes.toString());
        assertThat(notes).hasContent("my notes on this run");
    }

    static Cli evaluate(Path run, Path out) {
        return Cli.run("evaluate", "--model", run.resolve("model").toString(), "--dataset", "folder", "--data",
                data.toString(), "--crop-cache", tmp.resolve("crops").toString(), "--out", out.toString(),
                "--quiet");
    }

    static Predicate<Path> named(String name) {
        return p -> p.getFileName().toString().equals(name);
    }

    /** Every file under {@code dir} (hidden ones too) with its content's SHA-256. */
    static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                sums.put(dir.relativize(f).toString(), ModelDirectory.sha256(f));
            }
        }
        return sums;
    }

    /** Names beside {@code dir} that do not belong to another test of this class. */
    static List<String> siblings(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir.getParent())) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.equals(dir.getFileName().toString()) || n.startsWith(".") || n.equals("crops")
                            || n.equals("faces"))
                    .sorted().toList();
        }
    }
}
