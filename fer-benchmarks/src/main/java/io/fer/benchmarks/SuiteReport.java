package io.fer.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fer.models.Backbone;
import io.fer.train.internal.report.Markdown;
import io.fer.train.internal.report.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns JMH's JSON results ({@code -rf json}) into the suite section of the results file: one table row per
 * benchmark and parameter set, with images per second where a benchmark handles a batch, then the speed goals as
 * far as the JMH numbers show them (forks minutes apart: {@link PairedOverhead} is the sharper test).
 *
 * <pre>java … io.fer.benchmarks.SuiteReport target/jmh-result.json fer-benchmarks/RESULTS.md</pre>
 */
public final class SuiteReport {
    /** Display order of the benchmark classes. */
    private static final List<String> ORDER = List.of("RawSavedModelBenchmark", "RecognizerBenchmark",
            "EndToEndBenchmark", "PreprocessingBenchmark", "AugmentationBenchmark", "TrainingStepBenchmark");

    /** One JMH result: benchmark class and method, parameters, score and error in {@code unit}. */
    public record Row(String benchmarkClass, String method, Map<String, String> params, double score, double error,
            String unit, Map<String, List<Double>> secondaries) {
        /** A secondary result's value in each measured iteration, forks one after the other; empty if absent. */
        List<Double> perIteration(String secondary) {
            return secondaries.getOrDefault(secondary, List.of());
        }

        /** Milliseconds per operation (the suite measures average time). */
        double millis() {
            return switch (unit) {
                case "ms/op" -> score;
                case "s/op" -> score * 1000;
                case "us/op" -> score / 1000;
                case "ns/op" -> score / 1e6;
                default -> throw new IllegalArgumentException("Unexpected unit " + unit + " of " + method);
            };
        }

        /** Images one operation handles: the batch parameter, else 1. */
        int images() {
            return params.containsKey("batch") ? Integer.parseInt(params.get("batch")) : 1;
        }

        /** The input size a parameter of 0 stands for (the backbone's default). */
        String inputSize() {
            String s = params.get("inputSize");
            if (s == null) {
                return "";
            }
            if (Integer.parseInt(s) <= 0 && params.containsKey("backbone")) {
                return Integer.toString(Backbone.parse(params.get("backbone")).defaultInputSize());
            }
            return s;
        }
    }

    private SuiteReport() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("Usage: SuiteReport <jmh-result.json> <RESULTS.md>");
        }
        List<Row> all = read(Path.of(args[0]));
        MachineInfo machine = MachineInfo.current();
        ResultsFile results = new ResultsFile(Path.of(args[1]));
        // a run of the engine comparison alone leaves the suite's tables as they were, and the other way round
        List<Row> suite = all.stream().filter(r -> !EngineReport.covers(r)).toList();
        List<Row> engines = all.stream().filter(EngineReport::covers).toList();
        if (!suite.isEmpty() || engines.isEmpty()) {
            String section = markdown(suite, machine);
            results.replaceSection("suite", section);
            System.out.println(section);
        }
        if (!engines.isEmpty()) {
            String section = EngineReport.markdown(engines, machine);
            results.replaceSection("engines", section);
            System.out.println(section);
        }
    }

    /** Reads JMH's JSON result file. */
    public static List<Row> read(Path json) {
        JsonArray results;
        try {
            results = JsonParser.parseString(Files.readString(json)).getAsJsonArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read JMH results " + json, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a JMH JSON result file: " + json + " (" + e.getMessage() + ")", e);
        }
        List<Row> rows = new ArrayList<>();
        for (JsonElement e : results) {
            JsonObject r = e.getAsJsonObject();
            String benchmark = r.get("benchmark").getAsString();
            String[] parts = benchmark.split("\\.");
            Map<String, String> params = new TreeMap<>();
            if (r.has("params")) {
                r.getAsJsonObject("params").entrySet().forEach(p -> params.put(p.getKey(), p.getValue().getAsString()));
            }
            JsonObject metric = r.getAsJsonObject("primaryMetric");
            double error = metric.get("scoreError").isJsonPrimitive()
                    && metric.get("scoreError").getAsJsonPrimitive().isNumber() ? metric.get("scoreError").getAsDouble()
                            : Double.NaN;
            Map<String, List<Double>> secondaries = new TreeMap<>();
            if (r.has("secondaryMetrics")) {
                for (Map.Entry<String, JsonElement> m : r.getAsJsonObject("secondaryMetrics").entrySet()) {
                    List<Double> values = new ArrayList<>();
                    JsonElement raw = m.getValue().getAsJsonObject().get("rawData");
                    if (raw != null && raw.isJsonArray()) {
                        for (JsonElement fork : raw.getAsJsonArray()) {
                            fork.getAsJsonArray().forEach(v -> values.add(v.getAsDouble()));
                        }
                    }
                    secondaries.put(m.getKey(), List.copyOf(values));
                }
            }
            rows.add(new Row(parts[parts.length - 2], parts[parts.length - 1], params,
                    metric.get("score").getAsDouble(), error, metric.get("scoreUnit").getAsString(), secondaries));
        }
        rows.sort(Comparator.comparingInt((Row r) -> order(r.benchmarkClass())).thenComparing(Row::method)
                .thenComparingInt(Row::images));
        return rows;
    }

    private static int order(String benchmarkClass) {
        int i = ORDER.indexOf(benchmarkClass);
        return i < 0 ? ORDER.size() : i;
    }

    /** The suite section: the table, then the goals. */
    public static String markdown(List<Row> rows, MachineInfo machine) {
        Table.Builder table = Table.builder("benchmark", "backbone", "input px", "batch", "other parameters",
                "ms/op", "±", "images/s").right(2, 3, 5, 6, 7);
        for (Row r : rows) {
            Map<String, String> other = new LinkedHashMap<>(r.params());
            other.keySet().removeAll(List.of("backbone", "inputSize", "batch"));
            table.row(r.benchmarkClass().replace("Benchmark", "") + "." + r.method(),
                    r.params().getOrDefault("backbone", ""), r.inputSize(), r.params().getOrDefault("batch", ""),
                    otherParams(other), number(r.millis()),
                    Double.isNaN(r.error()) ? "" : number(r.error() * r.millis() / r.score()),
                    number(r.images() * 1000 / r.millis()));
        }
        return new Markdown().heading(2, "JMH suite")
                .paragraph("Average time per operation (JMH, 1 fork, 1 warm-up and 3 measurement iterations unless "
                        + "run with other options; error = 99.9% confidence half-width, blank with fewer than 2 "
                        + "iterations). Images/s = images per operation / time.")
                .table(table.build())
                .raw("\n").raw(goals(rows)).raw("\n").raw(machine.markdown()).raw("\n").text();
    }

    private static String otherParams(Map<String, String> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }

    /** The speed goals as the JMH numbers show them, for every backbone and input size measured both ways. */
    static String goals(List<Row> rows) {
        StringBuilder sb = new StringBuilder("Goals, from these JMH numbers:\n\n");
        boolean any = false;
        for (Row rec : rows) {
            if (!rec.benchmarkClass().equals("RecognizerBenchmark")) {
                continue;
            }
            Optional<Row> raw = find(rows, "RawSavedModelBenchmark", rec);
            if (raw.isEmpty()) {
                continue;
            }
            double ratio = rec.millis() / raw.get().millis();
            String what = String.format(Locale.ROOT, "%s %s px batch %d", rec.params().get("backbone"),
                    rec.inputSize(), rec.images());
            if (rec.images() == 1) {
                sb.append(String.format(Locale.ROOT, "- %s: Recognizer adds %+.1f%% latency over the raw forward pass "
                        + "(goal < 10%%): %s%n", what, (ratio - 1) * 100, ratio - 1 < 0.10 ? "met" : "MISSED"));
                any = true;
                Optional<Row> e2e = rows.stream().filter(r -> r.benchmarkClass().equals("EndToEndBenchmark")
                        && r.params().get("backbone").equals(rec.params().get("backbone"))
                        && r.inputSize().equals(rec.inputSize())).findFirst();
                e2e.ifPresent(e -> sb.append(String.format(Locale.ROOT, "- %s: the network (Recognizer at batch 1) "
                        + "is %.0f%% of an end-to-end prediction from a %sx%s %s file (%.2f of %.2f ms)%n",
                        what, rec.millis() / e.millis() * 100, e.params().get("sceneWidth"),
                        e.params().get("sceneHeight"), e.params().get("format"), rec.millis(), e.millis())));
            } else if (rec.images() >= 32) {
                sb.append(String.format(Locale.ROOT, "- %s: Recognizer throughput is %.1f%% of the raw forward pass "
                        + "(goal >= 95%%): %s%n", what, 100 / ratio, 1 / ratio >= 0.95 ? "met" : "MISSED"));
                any = true;
            }
        }
        return any ? sb.toString() : sb.append("- (no Recognizer and raw results at equal parameters)\n").toString();
    }

    private static Optional<Row> find(List<Row> rows, String benchmarkClass, Row like) {
        return rows.stream().filter(r -> r.benchmarkClass().equals(benchmarkClass) && r.params().equals(like.params()))
                .findFirst();
    }

    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%,.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
    }
}
