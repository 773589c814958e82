package io.fer.benchmarks;

import io.fer.core.Recognizer;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.RecognizerAccess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.tensorflow.types.TFloat32;

/**
 * The Recognizer's overhead over the raw SavedModel, measured in pairs: each round times one raw forward pass and
 * one {@link RecognizerAccess#probabilities} call back to back, in random order, in the same JVM. Neighbouring calls see
 * the same background load, so the per-round ratio stays meaningful on a busy machine where separate JMH forks
 * minutes apart do not. Reports medians and the verdict on the speed goals: at batch 32 the Recognizer reaches at
 * least 95% of the raw throughput, at batch 1 it adds less than 10% latency.
 *
 * <pre>
 * java … io.fer.benchmarks.PairedOverhead [--backbone b0] [--input-size 0] [--batches 1,32] [--seconds 20]
 *        [--results fer-benchmarks/RESULTS.md]
 * </pre>
 */
public final class PairedOverhead {
    /** Throughput the Recognizer must keep at batch 32, as a fraction of the raw forward pass's. */
    static final double BATCH32_MIN_THROUGHPUT = 0.95;
    /** Latency the Recognizer may add at batch 1, as a fraction of the raw forward pass's. */
    static final double BATCH1_MAX_ADDED_LATENCY = 0.10;

    /**
     * One batch size's measurement.
     *
     * @param medianRatio median over rounds of recognizer time / raw time
     */
    public record Measurement(int batch, int rounds, double rawMedianMs, double recognizerMedianMs,
            double medianRatio) {
        /** Latency the Recognizer adds, as a fraction of the raw forward pass. */
        public double addedLatency() {
            return medianRatio - 1;
        }

        /** The Recognizer's throughput as a fraction of the raw forward pass's. */
        public double relativeThroughput() {
            return 1 / medianRatio;
        }
    }

    private PairedOverhead() {}

    public static void main(String[] args) {
        Args a = new Args(args, Set.of("backbone", "input-size", "batches", "seconds", "results"));
        String backbone = a.text("backbone", "b0");
        int[] batches = Arrays.stream(a.text("batches", "1,32").split(",")).mapToInt(s -> Integer.parseInt(s.trim()))
                .toArray();
        double seconds = a.number("seconds", 20);
        MachineInfo machine = MachineInfo.current();
        List<Measurement> results = new ArrayList<>();
        int size;
        try (ModelFixture fixture = ModelFixture.build(backbone, a.integer("input-size", 0));
                RawSavedModel raw = new RawSavedModel(fixture.savedModel(), fixture.inputSize());
                Recognizer recognizer = Recognizer.load(fixture.modelDirectory())) {
            size = fixture.inputSize();
            for (int batch : batches) {
                Measurement m = measure(raw, recognizer, SampleImages.crops(batch, size), seconds);
                System.out.println(format(m));
                results.add(m);
            }
        }
        String section = markdown(backbone, size, seconds, results, machine);
        System.out.println(section);
        String file = a.text("results", null);
        if (file != null) {
            new ResultsFile(Path.of(file)).replaceSection("overhead", section);
        }
    }

    /** Warms both paths up, then times pairs of calls for about {@code seconds}. */
    public static Measurement measure(RawSavedModel raw, Recognizer recognizer, List<RgbImage> crops,
            double seconds) {
        int n = crops.size();
        try (TFloat32 tensor = raw.tensor(SampleImages.floats(crops), n)) {
            long warmEnd = System.nanoTime() + (long) (Math.min(3, seconds / 4) * 1e9);
            int warm = 0;
            while (warm < 5 || System.nanoTime() < warmEnd) {
                raw.forward(tensor);
                RecognizerAccess.probabilities(recognizer, crops);
                warm++;
            }
            SplittableRandom order = new SplittableRandom(1);
            List<double[]> pairs = new ArrayList<>();
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (pairs.size() < 5 || System.nanoTime() < end) {
                double rawMs;
                double recMs;
                if (order.nextBoolean()) {
                    rawMs = timeRaw(raw, tensor);
                    recMs = timeRecognizer(recognizer, crops);
                } else {
                    recMs = timeRecognizer(recognizer, crops);
                    rawMs = timeRaw(raw, tensor);
                }
                pairs.add(new double[] {rawMs, recMs});
            }
            double[] raws = pairs.stream().mapToDouble(p -> p[0]).toArray();
            double[] recs = pairs.stream().mapToDouble(p -> p[1]).toArray();
            double[] ratios = pairs.stream().mapToDouble(p -> p[1] / p[0]).toArray();
            return new Measurement(n, pairs.size(), median(raws), median(recs), median(ratios));
        }
    }

    private static double timeRaw(RawSavedModel raw, TFloat32 tensor) {
        long t = System.nanoTime();
        raw.forward(tensor);
        return (System.nanoTime() - t) / 1e6;
    }

    private static double timeRecognizer(Recognizer recognizer, List<RgbImage> crops) {
        long t = System.nanoTime();
        RecognizerAccess.probabilities(recognizer, crops);
        return (System.nanoTime() - t) / 1e6;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    private static String format(Measurement m) {
        return String.format(Locale.ROOT, "batch %d: raw %.3f ms, recognizer %.3f ms, ratio %.4f (%d rounds)",
                m.batch(), m.rawMedianMs(), m.recognizerMedianMs(), m.medianRatio(), m.rounds());
    }

    /** The results section: one row per batch size, then the verdict on each goal that applies. */
    static String markdown(String backbone, int size, double seconds, List<Measurement> results,
            MachineInfo machine) {
        StringBuilder sb = new StringBuilder();
        sb.append("## Recognizer overhead, measured in pairs\n\n");
        sb.append(String.format(Locale.ROOT, "`PairedOverhead`: %s at %d px, about %.0f s per batch size; each round "
                + "times one raw TF Java forward pass (input tensor made in advance) and one "
                + "`RecognizerAccess.probabilities(crops)` back to back in random order, in one JVM.%n%n", backbone, size,
                seconds));
        sb.append("| batch | rounds | raw median (ms) | Recognizer median (ms) | median ratio | added latency "
                + "| relative throughput | goal |\n");
        sb.append("|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Measurement m : results) {
            sb.append(String.format(Locale.ROOT, "| %d | %d | %.2f | %.2f | %.3f | %+.1f%% | %.1f%% | %s |%n",
                    m.batch(), m.rounds(), m.rawMedianMs(), m.recognizerMedianMs(), m.medianRatio(),
                    m.addedLatency() * 100, m.relativeThroughput() * 100, verdict(m)));
        }
        sb.append("\n").append(machine.markdown()).append("\n");
        return sb.toString();
    }

    private static String verdict(Measurement m) {
        if (m.batch() == 1) {
            return (m.addedLatency() < BATCH1_MAX_ADDED_LATENCY ? "met" : "MISSED") + ": added latency < 10%";
        }
        if (m.batch() >= 32) {
            return (m.relativeThroughput() >= BATCH32_MIN_THROUGHPUT ? "met" : "MISSED") + ": throughput >= 95%";
        }
        return "-";
    }
}
