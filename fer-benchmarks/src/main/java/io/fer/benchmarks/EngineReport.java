package io.fer.benchmarks;

import io.fer.models.Backbone;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.openjdk.jmh.util.ListStatistics;

/**
 * The engines section of the results file, from one JMH run of {@link EngineBenchmark} and
 * {@link MatMulPeakBenchmark}: each serving path's time, images/s and GFLOP/s (EfficientNet's operations per image
 * from {@link NetworkCost}), the share of the matrix-product peak measured in the same run, and issue 15's goals:
 * the default path at least as fast as the best ONNX Runtime row (time ratio at most 1.0 at batch 1 and 32), at
 * least 25 % of the peak at batch 32, and the Recognizer within 5 % of its engine run directly (from
 * {@link PairedEngineBenchmark} where the run has it: the two timed in alternation in one fork).
 */
public final class EngineReport {
    /** The benchmark that times the Recognizer and its engine in pairs. */
    static final String PAIRED = "PairedEngineBenchmark";

    /** The benchmark classes this section reports. */
    static final List<String> CLASSES = List.of("EngineBenchmark", "OnnxSessionBenchmark", "MatMulPeakBenchmark",
            PAIRED);

    /** GFLOP per image by backbone and input-size parameter: counting builds the network, so once each. */
    private static final Map<String, Double> GFLOP_PER_IMAGE = new ConcurrentHashMap<>();

    private EngineReport() {}

    /** Whether {@code row} belongs in this section. */
    static boolean covers(SuiteReport.Row row) {
        return CLASSES.contains(row.benchmarkClass());
    }

    /** The section's Markdown: the peak, the table, the goals and the machine. */
    public static String markdown(List<SuiteReport.Row> all, MachineInfo machine) {
        List<SuiteReport.Row> peaks = all.stream().filter(r -> r.benchmarkClass().equals("MatMulPeakBenchmark"))
                .toList();
        List<SuiteReport.Row> paired = all.stream().filter(r -> r.benchmarkClass().equals(PAIRED)).toList();
        List<SuiteReport.Row> engines = all.stream().filter(r -> !r.benchmarkClass().equals("MatMulPeakBenchmark")
                && !r.benchmarkClass().equals(PAIRED))
                .sorted(Comparator.comparing((SuiteReport.Row r) -> r.params().getOrDefault("backbone", ""))
                        .thenComparingInt(SuiteReport.Row::images)
                        .thenComparing(EngineReport::serving)
                        .thenComparing(EngineReport::through))
                .toList();
        StringBuilder sb = new StringBuilder("## Engines: the default path, its engine and the machine's peak\n\n");
        sb.append("JMH average time per operation (error = 99.9% half-width). GFLOP/s = images/s x GFLOP per image"
                + " (2 x multiply-accumulates of the backbone's convolutions, `NetworkCost`); matrix-product peak"
                + " = 2 n³ / time of one float32 n x n product (`MatMulPeakBenchmark`). through: `recognizer` ="
                + " `Recognizer.probabilities`; `engine` = the same network on the engine's own Java API, scheduled as"
                + " fer runs it (ONNX Runtime: the batch in fer's slices); `session` = ONNX Runtime's Java API with"
                + " the whole batch in one call (`OnnxSessionBenchmark`), with fer's session options or with ONNX"
                + " Runtime's stock ones but for the threads.\n\n");
        double peak = Double.NaN;
        if (!peaks.isEmpty()) {
            sb.append("| peak: engine | n | threads | ms/op | ± | GFLOP/s |\n|---|---:|---:|---:|---:|---:|\n");
            for (SuiteReport.Row r : peaks) {
                double g = peakGflops(r);
                peak = Double.isNaN(peak) ? g : Math.max(peak, g);
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", r.params().get("engine"),
                        r.params().get("n"), r.params().get("threads"), number(r.millis()), error(r),
                        number(g)));
            }
            sb.append("\n");
        }
        if (!engines.isEmpty()) {
            sb.append("| backbone | input px | batch | serving | through | ms/op | ± | images/s | GFLOP/s | % of peak |\n"
                    + "|---|---:|---:|---|---|---:|---:|---:|---:|---:|\n");
            for (SuiteReport.Row r : engines) {
                double g = gflops(r);
                sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s |%n",
                        r.params().get("backbone"), r.inputSize(), r.images(), serving(r), through(r),
                        number(r.millis()), error(r), number(r.images() * 1000 / r.millis()), number(g),
                        Double.isNaN(peak) ? "" : String.format(Locale.ROOT, "%.1f", 100 * g / peak)));
            }
            sb.append("\n");
        }
        if (!paired.isEmpty()) {
            sb.append(pairedTable(paired)).append("\n");
        }
        sb.append(goals(engines, paired, peak)).append("\n").append(machine.markdown()).append("\n");
        return sb.toString();
    }

    /** GFLOP/s of a matrix-product row. */
    static double peakGflops(SuiteReport.Row r) {
        return MatMulPeakBenchmark.flop(Integer.parseInt(r.params().get("n"))) / 1e9 / (r.millis() / 1000);
    }

    /** GFLOP/s of an engine row. */
    static double gflops(SuiteReport.Row r) {
        String backbone = r.params().get("backbone");
        int size = Integer.parseInt(r.params().getOrDefault("inputSize", "0"));
        double perImage = GFLOP_PER_IMAGE.computeIfAbsent(backbone + "@" + size,
                k -> NetworkCost.gflopPerImage(Backbone.parse(backbone), size));
        return perImage * r.images() * 1000 / r.millis();
    }

    private static String serving(SuiteReport.Row r) {
        return r.benchmarkClass().equals("OnnxSessionBenchmark") ? "onnxruntime" : r.params().getOrDefault("serving", "");
    }

    private static String through(SuiteReport.Row r) {
        if (r.benchmarkClass().equals("OnnxSessionBenchmark")) {
            return "session (" + r.params().getOrDefault("options", "fer") + " options)";
        }
        return r.params().getOrDefault("through", "recognizer");
    }

    /**
     * The Recognizer over what it was paired with (its engine, or ONNX Runtime in one session call), one iteration's
     * sums at a time: the ratios' mean and 99.9 % interval, and each side's mean milliseconds per call.
     */
    record PairedRatio(int iterations, long pairs, double againstMillis, double recognizerMillis, double mean,
            double error) {
        /** Whether the whole interval lies on one side of {@code limit}. */
        boolean settles(double limit) {
            return !Double.isNaN(error) && Math.abs(mean - limit) > error;
        }
    }

    /** The paired ratio of a {@link PairedEngineBenchmark} row; empty when its counters are missing. */
    static Optional<PairedRatio> pairedRatio(SuiteReport.Row r) {
        List<Double> engine = r.perIteration("engineNanos");
        List<Double> recognizer = r.perIteration("recognizerNanos");
        List<Double> pairs = r.perIteration("pairs");
        if (engine.isEmpty() || engine.size() != recognizer.size() || engine.size() != pairs.size()) {
            return Optional.empty();
        }
        double[] ratios = new double[engine.size()];
        double engineSum = 0;
        double recognizerSum = 0;
        double pairSum = 0;
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = recognizer.get(i) / engine.get(i);
            engineSum += engine.get(i);
            recognizerSum += recognizer.get(i);
            pairSum += pairs.get(i);
        }
        ListStatistics stats = new ListStatistics(ratios);
        double error = ratios.length > 1 ? stats.getMeanErrorAt(0.999) : Double.NaN;
        return Optional.of(new PairedRatio(ratios.length, (long) pairSum, engineSum / pairSum / 1e6,
                recognizerSum / pairSum / 1e6, stats.getMean(), error));
    }

    private static String against(SuiteReport.Row r) {
        return r.params().getOrDefault("against", "engine");
    }

    /** The paired ratio of the row for {@code key}, {@code serving} and {@code against}, if the run has one. */
    private static Optional<PairedRatio> paired(List<SuiteReport.Row> paired, String key, String serving,
            String against) {
        return paired.stream().filter(r -> key.equals(caseKey(r)) && serving.equals(r.params().get("serving"))
                && against.equals(against(r)))
                .findFirst().flatMap(EngineReport::pairedRatio);
    }

    private static String pairedTable(List<SuiteReport.Row> paired) {
        StringBuilder sb = new StringBuilder("Recognizer and engine in pairs (`PairedEngineBenchmark`: one call of each"
                + " per operation, alternating order, in one fork; against: `engine` = the network on its engine as"
                + " fer schedules it, `session` = ONNX Runtime's Java API with fer's session options, the whole batch"
                + " in one call; ratio = Recognizer time / the other's time per iteration, mean and 99.9% interval"
                + " over the iterations):\n\n"
                + "| backbone | input px | batch | serving | against | iterations | pairs | against ms | Recognizer ms"
                + " | ratio | ± |\n|---|---:|---:|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (SuiteReport.Row r : paired) {
            pairedRatio(r).ifPresent(p -> sb.append(String.format(Locale.ROOT,
                    "| %s | %s | %d | %s | %s | %d | %d | %s | %s | %.3f | %.3f |%n", r.params().get("backbone"),
                    r.inputSize(), r.images(), r.params().get("serving"), against(r), p.iterations(), p.pairs(),
                    number(p.againstMillis()), number(p.recognizerMillis()), p.mean(), p.error())));
        }
        return sb.toString();
    }

    /** The case a row belongs to in the goals: backbone, input size and batch, e.g. "b0 224 px batch 32". */
    private static String caseKey(SuiteReport.Row r) {
        return r.params().get("backbone") + " " + r.inputSize() + " px batch " + r.images();
    }

    /** Issue 15's goals for every backbone, input size and batch measured. */
    static String goals(List<SuiteReport.Row> engines, List<SuiteReport.Row> paired, double peak) {
        StringBuilder sb = new StringBuilder("Goals (issue 15), from this run:\n\n");
        List<String> cases = new ArrayList<>();
        for (SuiteReport.Row r : Stream.concat(engines.stream(), paired.stream()).toList()) {
            String key = caseKey(r);
            if (!cases.contains(key)) {
                cases.add(key);
            }
        }
        boolean any = false;
        for (String key : cases) {
            List<SuiteReport.Row> same = engines.stream().filter(r -> key.equals(caseKey(r))).toList();
            Optional<SuiteReport.Row> auto = pick(same, "auto", "recognizer");
            Optional<SuiteReport.Row> best = same.stream().filter(r -> "onnxruntime".equals(serving(r)))
                    .min(Comparator.comparingDouble(SuiteReport.Row::millis));
            if (auto.isPresent() && best.isPresent()) {
                double ratio = auto.get().millis() / best.get().millis();
                sb.append(String.format(Locale.ROOT, "- %s: default path / best ONNX Runtime row = %.3f (goal <= 1.0):"
                        + " %s%s%n", key, ratio, ratio <= 1.0 ? "met" : "MISSED",
                        unsettled(auto.get(), best.get(), 1.0)));
                sb.append(String.format(Locale.ROOT, "  (the best ONNX Runtime row: through %s, %s ms)%n",
                        through(best.get()), number(best.get().millis())));
                any = true;
            }
            if (auto.isPresent() && !Double.isNaN(peak) && auto.get().images() >= 32) {
                double share = gflops(auto.get()) / peak;
                sb.append(String.format(Locale.ROOT, "- %s: default path %.1f GFLOP/s = %.1f%% of the %.1f GFLOP/s"
                        + " peak (goal >= 25%%): %s%n", key, gflops(auto.get()), 100 * share, peak,
                        share >= 0.25 ? "met" : "MISSED"));
                any = true;
            }
            Optional<PairedRatio> versusSession = paired(paired, key, "auto", "session");
            if (versusSession.isPresent()) {
                PairedRatio p = versusSession.get();
                sb.append(String.format(Locale.ROOT, "- %s: default path / ONNX Runtime with fer's options in one"
                        + " session call, in pairs = %.3f ± %.3f (goal <= 1.0): %s%s%n", key, p.mean(), p.error(),
                        p.mean() <= 1.0 ? "met" : "MISSED", p.settles(1.0) ? ""
                                : " (not settled: the interval includes 1.0)"));
                any = true;
            }
            Optional<SuiteReport.Row> spinning = pick(same, "auto-spinning", "recognizer");
            if (spinning.isPresent() && best.isPresent()) {
                double ratio = spinning.get().millis() / best.get().millis();
                sb.append(String.format(Locale.ROOT, "- %s, spinning during calls (opt-in): default path / best ONNX"
                        + " Runtime row = %.3f%s%n", key, ratio, unsettled(spinning.get(), best.get(), 1.0)));
                any = true;
            }
            for (String serving : List.of("auto", "auto-spinning", "onnxruntime", "tensorflow-folded",
                    "tensorflow-unfolded")) {
                Optional<PairedRatio> pair = paired(paired, key, serving, "engine");
                if (pair.isPresent()) {
                    PairedRatio p = pair.get();
                    double over = p.mean() - 1;
                    sb.append(String.format(Locale.ROOT, "- %s, %s: Recognizer %+.1f%% ± %.1f%% over its engine, in"
                            + " pairs (goal within 5%%): %s%s%n", key, serving, 100 * over, 100 * p.error(),
                            over <= 0.05 ? "met" : "MISSED", p.settles(1.05) ? ""
                                    : " (not settled: the interval includes +5%)"));
                    any = true;
                    continue;
                }
                Optional<SuiteReport.Row> rec = pick(same, serving, "recognizer");
                Optional<SuiteReport.Row> raw = pick(same, serving, "engine");
                if (rec.isPresent() && raw.isPresent()) {
                    double over = rec.get().millis() / raw.get().millis() - 1;
                    sb.append(String.format(Locale.ROOT, "- %s, %s: Recognizer %+.1f%% over its engine run directly"
                            + " (goal within 5%%): %s%s%n", key, serving, 100 * over, over <= 0.05 ? "met" : "MISSED",
                            unsettled(rec.get(), raw.get(), 1.05)));
                    any = true;
                }
            }
        }
        return any ? sb.toString() : sb.append("- (no EngineBenchmark rows to compare)\n").toString();
    }

    /**
     * A note when the goal {@code a / b <= limit} is not settled by this run: the 99.9 % intervals of {@code a} and
     * of {@code limit * b} overlap. Empty when the run decides it.
     */
    static String unsettled(SuiteReport.Row a, SuiteReport.Row b, double limit) {
        double errA = a.error() * a.millis() / a.score();
        double errB = b.error() * b.millis() / b.score();
        if (Double.isNaN(errA) || Double.isNaN(errB)) {
            return " (no error estimate: not settled)";
        }
        boolean settled = Math.abs(a.millis() - limit * b.millis()) > errA + limit * errB;
        return settled ? "" : " (not settled: the ± of the two rows is larger than the difference)";
    }

    private static Optional<SuiteReport.Row> pick(List<SuiteReport.Row> rows, String serving, String through) {
        return rows.stream().filter(r -> serving.equals(serving(r)) && through.equals(through(r)))
                .findFirst();
    }

    private static String error(SuiteReport.Row r) {
        return Double.isNaN(r.error()) ? "" : number(r.error() * r.millis() / r.score());
    }

    private static String number(double v) {
        return SuiteReport.number(v);
    }
}
