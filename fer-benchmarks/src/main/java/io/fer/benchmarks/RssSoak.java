package io.fer.benchmarks;

import io.fer.core.Recognizer;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.RecognizerAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Native-memory soak: many batch-1 predictions of a pre-cropped face in a loop, reading the process's resident
 * memory ({@code VmRSS} of {@code /proc/self/status}) along the way. Memory is flat when the reading after all
 * predictions is within 5% of the reading after the first thousand. Run it with a fixed, pre-touched heap
 * ({@code -Xms = -Xmx}, {@code -XX:+AlwaysPreTouch}; run.sh does) so that a growing Java heap is not mistaken for a
 * native leak.
 *
 * <pre>
 * java … io.fer.benchmarks.RssSoak [--backbone b0] [--input-size 64] [--first 1000] [--total 10000]
 *        [--step 1000] [--results fer-benchmarks/RESULTS.md]
 * </pre>
 */
public final class RssSoak {
    /** Growth of resident memory from the first reading to the last that still counts as flat. */
    static final double MAX_GROWTH = 0.05;

    /** Resident memory after a number of predictions. */
    public record Reading(int predictions, long rssKiB) {}

    private RssSoak() {}

    public static void main(String[] args) {
        Args a = new Args(args, Set.of("backbone", "input-size", "first", "total", "step", "results"));
        String backbone = a.text("backbone", "b0");
        int first = a.integer("first", 1000);
        int total = a.integer("total", 10_000);
        int step = a.integer("step", 1000);
        if (first < 1 || total < first || step < 1) {
            throw new IllegalArgumentException("Need 1 <= --first <= --total and --step >= 1, got first " + first
                    + ", total " + total + ", step " + step);
        }
        MachineInfo machine = MachineInfo.current();
        List<Reading> readings = new ArrayList<>();
        int size;
        long start = System.nanoTime();
        try (ModelFixture fixture = ModelFixture.build(backbone, a.integer("input-size", 64));
                Recognizer recognizer = Recognizer.load(fixture.modelDirectory())) {
            size = fixture.inputSize();
            List<RgbImage> crop = SampleImages.crops(1, size);
            readings.add(new Reading(0, residentKiB()));
            start = System.nanoTime();
            for (int i = 1; i <= total; i++) {
                RecognizerAccess.probabilities(recognizer, crop);
                if (i == first || i % step == 0 || i == total) {
                    Reading r = new Reading(i, residentKiB());
                    readings.add(r);
                    System.out.printf(Locale.ROOT, "%,d predictions: VmRSS %,d KiB%n", r.predictions(), r.rssKiB());
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String section = markdown(backbone, size, first, total, seconds, readings, machine);
        System.out.println(section);
        String file = a.text("results", null);
        if (file != null) {
            new ResultsFile(Path.of(file)).replaceSection("soak", section);
        }
    }

    /** This process's resident memory in KiB, from {@code /proc/self/status}. */
    public static long residentKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read /proc/self/status (the soak needs Linux)", e);
        }
        throw new IllegalStateException("/proc/self/status has no VmRSS line");
    }

    static String markdown(String backbone, int size, int first, int total, double seconds, List<Reading> readings,
            MachineInfo machine) {
        long atFirst = readings.stream().filter(r -> r.predictions() == first).findFirst().orElseThrow().rssKiB();
        long atEnd = readings.get(readings.size() - 1).rssKiB();
        double growth = (double) atEnd / atFirst - 1;
        StringBuilder sb = new StringBuilder("## Native memory soak\n\n");
        sb.append(String.format(Locale.ROOT, "`RssSoak`: %,d batch-1 `RecognizerAccess.probabilities` calls on one "
                + "pre-cropped face, %s at %d px, fixed pre-touched heap; %.1f s (%.2f ms per prediction).%n%n",
                total, backbone, size, seconds, seconds * 1000 / total));
        sb.append("| predictions | VmRSS (MiB) |\n|---:|---:|\n");
        for (Reading r : readings) {
            sb.append(String.format(Locale.ROOT, "| %,d | %.1f |%n", r.predictions(), r.rssKiB() / 1024.0));
        }
        sb.append(String.format(Locale.ROOT, "%nAfter %,d vs after %,d predictions: %+.2f%% — %s (goal: within "
                + "%.0f%%).%n%n", total, first, growth * 100, Math.abs(growth) <= MAX_GROWTH ? "flat" : "NOT FLAT",
                MAX_GROWTH * 100));
        sb.append(machine.markdown()).append("\n");
        return sb.toString();
    }
}
