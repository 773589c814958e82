package io.fer.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.runtime.RuntimeInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JMH's JSON into the results table and goals; sections of the results file replaced one at a time. */
class ReportingTest {
    @TempDir
    Path tmp;

    private static final MachineInfo MACHINE = new MachineInfo("Test CPU", 2, 1024, "Java 17", "Linux",
            new RuntimeInfo("2.16.2", 0, "test", "/tmp", "/tmp"), "1.00 / 1.00 / 1.00");

    private static String result(String benchmark, String params, double score) {
        return """
                {"benchmark": "io.fer.benchmarks.%s", "mode": "avgt", "params": {%s},
                 "primaryMetric": {"score": %s, "scoreError": 0.5, "scoreUnit": "ms/op"}}
                """.formatted(benchmark, params, score);
    }

    @Test
    void tableRowsGoalsAndImagesPerSecond() throws Exception {
        Path json = tmp.resolve("jmh.json");
        Files.writeString(json, "[" + String.join(",",
                result("RecognizerBenchmark.probabilities", "\"backbone\": \"b0\", \"batch\": \"32\", \"inputSize\": \"0\"", 400),
                result("RawSavedModelBenchmark.forwardPass", "\"backbone\": \"b0\", \"batch\": \"32\", \"inputSize\": \"0\"", 390),
                result("RawSavedModelBenchmark.forwardPass", "\"backbone\": \"b0\", \"batch\": \"1\", \"inputSize\": \"0\"", 10),
                result("RecognizerBenchmark.probabilities", "\"backbone\": \"b0\", \"batch\": \"1\", \"inputSize\": \"0\"", 12),
                result("EndToEndBenchmark.predictFile", "\"backbone\": \"b0\", \"inputSize\": \"0\", \"sceneWidth\": \"640\", "
                        + "\"sceneHeight\": \"480\", \"format\": \"jpg\"", 24)) + "]");
        List<SuiteReport.Row> rows = SuiteReport.read(json);
        assertThat(rows).extracting(SuiteReport.Row::benchmarkClass).containsExactly("RawSavedModelBenchmark",
                "RawSavedModelBenchmark", "RecognizerBenchmark", "RecognizerBenchmark", "EndToEndBenchmark");
        String md = SuiteReport.markdown(rows, MACHINE);
        assertThat(md).contains("| RawSavedModel.forwardPass | b0 | 224 | 32 |  | 390 | 0.500 | 82.1 |")
                .contains("| RecognizerBenchmark".replace("Benchmark", "") + ".probabilities | b0 | 224 | 1 |  | 12.0 |")
                .contains("b0 224 px batch 32: Recognizer throughput is 97.5% of the raw forward pass (goal >= 95%): met")
                .contains("b0 224 px batch 1: Recognizer adds +20.0% latency over the raw forward pass (goal < 10%): "
                        + "MISSED")
                .contains("is 50% of an end-to-end prediction from a 640x480 jpg file")
                .contains("Machine: Test CPU, 2 cores");
    }

    private static String engineRow(int batch, String serving, String through, double ms) {
        return result("EngineBenchmark.probabilities", ("\"backbone\": \"b0\", \"batch\": \"%d\", \"inputSize\": \"0\","
                + " \"serving\": \"%s\", \"through\": \"%s\"").formatted(batch, serving, through), ms);
    }

    @Test
    void engineSectionComputesGflopsPeakShareAndGoals() throws Exception {
        Path json = tmp.resolve("engines.json");
        Files.writeString(json, "[" + String.join(",",
                result("MatMulPeakBenchmark.multiply", "\"engine\": \"onnxruntime\", \"n\": \"4096\", \"threads\": \"2\"",
                        MatMulPeakBenchmark.flop(4096) / 100e9 * 1000),     // 100 GFLOP/s
                result("MatMulPeakBenchmark.multiply", "\"engine\": \"tensorflow\", \"n\": \"4096\", \"threads\": \"2\"",
                        MatMulPeakBenchmark.flop(4096) / 80e9 * 1000),
                engineRow(1, "auto", "recognizer", 10.5),
                engineRow(1, "onnxruntime", "recognizer", 10.2),
                engineRow(1, "onnxruntime", "engine", 9.0),
                engineRow(1, "auto", "engine", 9.0),
                engineRow(32, "auto", "recognizer", 300),
                engineRow(32, "onnxruntime", "engine", 310),
                engineRow(32, "auto", "engine", 290),
                result("RecognizerBenchmark.probabilities", "\"backbone\": \"b0\", \"batch\": \"1\", \"inputSize\": \"0\"", 12))
                + "]");
        List<SuiteReport.Row> rows = SuiteReport.read(json);
        assertThat(rows.stream().filter(EngineReport::covers)).hasSize(9);
        String md = EngineReport.markdown(rows.stream().filter(EngineReport::covers).toList(), MACHINE);
        double perImage = NetworkCost.gflopPerImage(io.fer.models.Backbone.B0, 0);
        String gflops32 = String.format(java.util.Locale.ROOT, "%.1f", perImage * 32 / 0.3);
        assertThat(md).contains("| onnxruntime | 4096 | 2 | 1,374 | 0.500 | 100 |")
                .contains("- b0 224 px batch 1: default path / best ONNX Runtime row = 1.167 (goal <= 1.0): MISSED\n")
                .contains("- b0 224 px batch 32: default path / best ONNX Runtime row = 0.968 (goal <= 1.0): met\n")
                .contains("- b0 224 px batch 32: default path " + gflops32 + " GFLOP/s = " + gflops32
                        + "% of the 100.0 GFLOP/s peak (goal >= 25%): " + (perImage * 32 / 0.3 >= 25 ? "met" : "MISSED"))
                .contains("- b0 224 px batch 1, auto: Recognizer +16.7% over its engine run directly (goal within 5%):"
                        + " MISSED\n")
                .contains("- b0 224 px batch 32, auto: Recognizer +3.4% over its engine run directly (goal within 5%):"
                        + " met\n")
                // 10.2 +- 0.5 vs 9.0 +- 0.5 x 1.05: the intervals overlap
                .contains("- b0 224 px batch 1, onnxruntime: Recognizer +13.3% over its engine run directly (goal within"
                        + " 5%): MISSED (not settled: the ± of the two rows is larger than the difference)")
                .contains("| b0 | 224 | 32 | auto | recognizer | 300 |")
                .contains("Machine: Test CPU");
    }

    @Test
    void onnxRuntimeInOneSessionCallCountsAsAnOnnxRuntimeRow() throws Exception {
        Path json = tmp.resolve("session.json");
        Files.writeString(json, "[" + String.join(",",
                engineRow(32, "auto", "recognizer", 300),
                engineRow(32, "onnxruntime", "engine", 310),
                result("OnnxSessionBenchmark.probabilities", "\"backbone\": \"b0\", \"batch\": \"32\","
                        + " \"inputSize\": \"0\", \"options\": \"stock\"", 280),
                result("OnnxSessionBenchmark.probabilities", "\"backbone\": \"b0\", \"batch\": \"32\","
                        + " \"inputSize\": \"0\", \"options\": \"fer\"", 450)) + "]");
        List<SuiteReport.Row> rows = SuiteReport.read(json);
        assertThat(rows.stream().filter(EngineReport::covers)).hasSize(4);
        String md = EngineReport.markdown(rows, MACHINE);
        assertThat(md).contains("| b0 | 224 | 32 | onnxruntime | session (stock options) | 280 |")
                .contains("| b0 | 224 | 32 | onnxruntime | session (fer options) | 450 |")
                .contains("- b0 224 px batch 32: default path / best ONNX Runtime row = 1.071 (goal <= 1.0): MISSED")
                .contains("  (the best ONNX Runtime row: through session (stock options), 280 ms)");
    }

    private static String pairedRow(int batch, String serving, double[] engineNanos, double[] recognizerNanos,
            double[] pairs) {
        return """
                {"benchmark": "io.fer.benchmarks.PairedEngineBenchmark.pair", "mode": "avgt",
                 "params": {"backbone": "b0", "batch": "%d", "inputSize": "0", "serving": "%s"},
                 "primaryMetric": {"score": 20, "scoreError": 1, "scoreUnit": "ms/op"},
                 "secondaryMetrics": {"engineNanos": {"score": 0, "scoreUnit": "#", "rawData": [%s]},
                   "recognizerNanos": {"score": 0, "scoreUnit": "#", "rawData": [%s]},
                   "pairs": {"score": 0, "scoreUnit": "#", "rawData": [%s]}}}
                """.formatted(batch, serving, forks(engineNanos), forks(recognizerNanos), forks(pairs));
    }

    /** JMH's rawData: the values as two forks of equal length. */
    private static String forks(double[] values) {
        int half = values.length / 2;
        return "[" + join(java.util.Arrays.copyOfRange(values, 0, half)) + "], ["
                + join(java.util.Arrays.copyOfRange(values, half, values.length)) + "]";
    }

    private static String join(double[] values) {
        return String.join(", ", java.util.Arrays.stream(values).mapToObj(Double::toString).toList());
    }

    @Test
    void pairedRowsGiveTheRatioPerIterationAndDecideTheFivePercentGoal() throws Exception {
        Path json = tmp.resolve("paired.json");
        double[] pairs = {100, 100, 100, 100};
        Files.writeString(json, "[" + String.join(",",
                engineRow(1, "auto", "recognizer", 12.0),
                engineRow(1, "auto", "engine", 10.0),
                // ratios 1.020, 1.022, 1.020, 1.022: mean 1.021, a narrow interval below 1.05
                pairedRow(1, "auto", new double[] {1e9, 1e9, 2e9, 2e9}, new double[] {1.02e9, 1.022e9, 2.04e9, 2.044e9},
                        pairs),
                // against ONNX Runtime in one session call: ratios 0.90, 0.91, 0.90, 0.91
                pairedRow(1, "auto", new double[] {1e9, 1e9, 1e9, 1e9}, new double[] {0.90e9, 0.91e9, 0.90e9, 0.91e9},
                        pairs).replace("\"serving\": \"auto\"", "\"serving\": \"auto\", \"against\": \"session\""),
                // ratios 1.00 and 1.20: mean 1.10 with a wide interval around 1.05
                pairedRow(32, "auto", new double[] {1e9, 1e9, 1e9, 1e9}, new double[] {1.0e9, 1.2e9, 1.0e9, 1.2e9},
                        pairs)) + "]");
        List<SuiteReport.Row> rows = SuiteReport.read(json);
        assertThat(rows.stream().filter(EngineReport::covers)).hasSize(5);
        SuiteReport.Row first = rows.stream().filter(r -> r.benchmarkClass().equals("PairedEngineBenchmark")
                && r.images() == 1 && !r.params().containsKey("against")).findFirst().orElseThrow();
        EngineReport.PairedRatio ratio = EngineReport.pairedRatio(first).orElseThrow();
        assertThat(ratio.iterations()).isEqualTo(4);
        assertThat(ratio.pairs()).isEqualTo(400);
        assertThat(ratio.mean()).isCloseTo(1.021, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(ratio.againstMillis()).isCloseTo(15.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(ratio.settles(1.05)).isTrue();
        String md = EngineReport.markdown(rows.stream().filter(EngineReport::covers).toList(), MACHINE);
        assertThat(md).contains("| b0 | 224 | 1 | auto | engine | 4 | 400 | 15.0 | 15.3 | 1.021 |")
                // the paired rows decide, not the unpaired +20 %
                .contains("- b0 224 px batch 1, auto: Recognizer +2.1% ± 0.7%")
                .contains("over its engine, in pairs (goal within 5%): met\n")
                .doesNotContain("Recognizer +20.0%")
                .contains("- b0 224 px batch 1: default path / ONNX Runtime with fer's options in one session call, in"
                        + " pairs = 0.905 ± ")
                .contains("(goal <= 1.0): met\n")
                .contains("| b0 | 224 | 1 | auto | session | 4 | 400 | 10.0 | 9.05 | 0.905 |")
                // a batch with paired rows only still gets its goal line, unsettled here
                .containsPattern("- b0 224 px batch 32, auto: Recognizer \\+10\\.0% ± [0-9.]+% over its engine, in pairs"
                        + " \\(goal within 5%\\): MISSED \\(not settled: the interval includes \\+5%\\)");
    }

    @Test
    void pairedRowsWithoutCountersAreLeftOut() throws Exception {
        Path json = tmp.resolve("paired-bare.json");
        Files.writeString(json, "[" + result("PairedEngineBenchmark.pair", "\"backbone\": \"b0\", \"batch\": \"1\","
                + " \"inputSize\": \"0\", \"serving\": \"auto\"", 20) + "]");
        List<SuiteReport.Row> rows = SuiteReport.read(json);
        assertThat(EngineReport.pairedRatio(rows.get(0))).isEmpty();
        assertThat(EngineReport.markdown(rows, MACHINE)).doesNotContain("| b0 | 224 | 1 | auto | engine |");
    }

    @Test
    void engineRowsGetTheirOwnSectionAndLeaveTheSuiteAlone() throws Exception {
        Path json = tmp.resolve("only-engines.json");
        Files.writeString(json, "[" + engineRow(1, "auto", "recognizer", 10.0) + "]");
        Path file = tmp.resolve("RESULTS.md");
        new ResultsFile(file).replaceSection("suite", "the suite as it was");
        SuiteReport.main(new String[] {json.toString(), file.toString()});
        assertThat(Files.readString(file)).contains("the suite as it was").contains("<!-- begin engines -->")
                .contains("| b0 | 224 | 1 | auto | recognizer | 10.0 |");
    }

    @Test
    void operationsPerImageAreCountedFromTheNetwork() {
        // Keras' model table: B0 0.39 G and B3 1.8 G multiply-accumulates at their default sizes (224, 300 px)
        assertThat(NetworkCost.gflopPerImage(io.fer.models.Backbone.B0, 0)).isBetween(0.76, 0.80);
        assertThat(NetworkCost.gflopPerImage(io.fer.models.Backbone.B3, 0)).isBetween(3.5, 3.8);
        assertThat(NetworkCost.gflopPerImage(io.fer.models.Backbone.B0, 112))
                .isLessThan(NetworkCost.gflopPerImage(io.fer.models.Backbone.B0, 224) / 3.5);
        assertThatThrownBy(() -> NetworkCost.gflopPerImage(io.fer.models.Backbone.CNN, 0))
                .hasMessageContaining("plain CNN");
    }

    @Test
    void aFileThatIsNotJmhJsonIsNamed() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "not json");
        assertThatThrownBy(() -> SuiteReport.read(bad)).hasMessageContaining(bad.toString());
    }

    @Test
    void sectionsAreReplacedOneAtATime() throws Exception {
        Path file = tmp.resolve("RESULTS.md");
        ResultsFile results = new ResultsFile(file);
        results.replaceSection("suite", "suite one");
        results.replaceSection("training", "training one");
        results.replaceSection("suite", "suite two");
        String text = Files.readString(file);
        assertThat(text).startsWith("# fer benchmarks").contains("fer-benchmarks/run.sh")
                .contains("suite two").contains("training one").doesNotContain("suite one");
        assertThat(text.indexOf("suite two")).isLessThan(text.indexOf("training one"));
        results.replaceSection("extra", "new section");
        assertThat(Files.readString(file)).endsWith("<!-- begin extra -->\nnew section\n<!-- end extra -->\n");
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(PairedOverhead.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(PairedOverhead.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }
}
