package io.fer.examples;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.fer.core.internal.AtomicFiles;
import io.fer.examples.Converters.Epochs;
import io.fer.models.Backbone;
import io.fer.train.ProtocolRun;
import io.fer.train.data.Dataset;
import io.fer.train.eval.ClassificationMetrics;
import io.fer.train.eval.FoldResults;
import io.fer.train.internal.report.JsonText;
import io.fer.train.internal.report.Markdown;
import io.fer.train.internal.report.Table;
import io.fer.train.internal.run.RunFolder;
import io.fer.train.protocol.Protocol;
import io.fer.train.protocol.ProtocolSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code fer experiment table1..table4}: the paper's experiments on a data set, each row trained and evaluated under
 * one protocol, written as a Markdown table and JSON with the paper's figure beside ours where the paper gives one
 * (with fer-train's report renderers, {@link io.fer.train.internal.report}).
 *
 * <ul>
 *   <li>table1: the plain CNN at input sizes 360, 224, 128, 64 and 48;
 *   <li>table2: EfficientNet-B0 with feature extraction only, and with feature extraction then fine-tuning;
 *   <li>table3: EfficientNet-B0 to B7, each at its own input size;
 *   <li>table4: EfficientNet-B0's precision, recall and F1 per class.
 * </ul>
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run one of the paper's experiments and write it as Markdown and JSON, with the paper's "
                + "figure beside ours where the paper gives one.",
                "table1: plain CNN at input sizes 360, 224, 128, 64, 48; table2: B0 feature extraction only vs "
                        + "feature extraction + fine-tuning; table3: B0..B7; table4: per-class F1 of B0."})
final class ExperimentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    FerCli cli;

    @Parameters(index = "0", paramLabel = "TABLE", description = "table1, table2, table3 or table4")
    String table;

    @Mixin
    DataOptions data;

    @Option(names = "--protocol", defaultValue = "random:0.9", paramLabel = "PROTOCOL",
            converter = Converters.ProtocolConverter.class,
            description = "random[:FRACTION], subject-kfold[:K], loso, folders or cross:KIND:DIR. "
                    + "Default: ${DEFAULT-VALUE} (the paper's).")
    ProtocolSpec protocol;

    @Option(names = "--input-sizes", defaultValue = "360,224,128,64,48", paramLabel = "N",
            split = ",", converter = Converters.PixelsConverter.class,
            description = "table1: the CNN's input sizes. Default: ${DEFAULT-VALUE}.")
    List<Integer> inputSizes;

    @Option(names = "--backbones", defaultValue = "b0,b1,b2,b3,b4,b5,b6,b7", paramLabel = "B",
            split = ",", converter = Converters.BackboneConverter.class,
            description = "table3: the EfficientNets to compare. Default: ${DEFAULT-VALUE}.")
    List<Backbone> backbones;

    @Option(names = "--input-size", defaultValue = "auto", paramLabel = "PIXELS",
            converter = Converters.InputSizeConverter.class,
            description = "table2..4: input size; auto is each backbone's own. Default: ${DEFAULT-VALUE}.")
    int inputSize;

    @Mixin
    TrainingOptions training;

    @Option(names = "--out", defaultValue = "fer-runs/experiments", paramLabel = "DIR",
            description = "Where TABLE.md, TABLE.json and each row's models and reports (TABLE/ROW/) go. "
                    + "Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--quiet", defaultValue = "false", description = "No progress lines. Default: ${DEFAULT-VALUE}.")
    boolean quiet;

    /**
     * One row of a table: a recipe, how to name it, and the paper's accuracy where it gives one.
     *
     * @param slug the row's folder name
     * @param model the row's model column
     * @param variant the row's second column (input size, or what was trained)
     * @param recipe what to train
     * @param paperAccuracy the paper's figure, if it states one
     */
    record Row(String slug, String model, String variant, TrainingRecipe recipe, Optional<Double> paperAccuracy) {}

    /** A row's result. */
    record RowResult(Row row, ProtocolRun.Outcome outcome) {}

    @Override
    public Integer call() throws IOException {
        data.check(spec);
        String name = table.trim().toLowerCase(Locale.ROOT);
        List<Row> rows = rows(name);
        for (Row r : rows) {
            try {
                r.recipe().checkArguments();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), r.model() + ": " + e.getMessage());
            }
        }
        for (Row r : rows) {
            r.recipe().checkWeightsAvailable();
        }
        RunFolder.check(out.toAbsolutePath().normalize());
        Console console = new Console(cli, quiet);
        DataKind.Loaded loaded = data.kind.load(data.dir, protocol, training.seed);
        Dataset dataset = loaded.main();
        Protocol p = protocol.toProtocol(training.seed, loaded.second());
        Notes.dataNotes(dataset, console);
        Notes.protocolNote(protocol, dataset, console);
        Path dir = RunFolder.claim(out.toAbsolutePath().normalize());
        List<RowResult> results = new ArrayList<>();
        for (Row r : rows) {
            console.step("%s, row %d of %d: %s %s", name, results.size() + 1, rows.size(), r.model(), r.variant());
            Map<String, String> info = new LinkedHashMap<>();
            info.put("experiment", name + ": " + r.model() + " " + r.variant());
            info.put("data", data.describe());
            info.putAll(r.recipe().describe());
            ProtocolRun.Outcome outcome = ProtocolSummary.run(dataset, p, r.recipe(),
                    dir.resolve(name).resolve(r.slug()),
                    r.model() + " " + r.variant() + " on " + dataset.name(), info, console);
            results.add(new RowResult(r, outcome));
        }
        String caption = caption(p, dataset);
        String markdown = name.equals("table4") ? perClassMarkdown(name, results.get(0), caption)
                : markdown(name, results, caption);
        Files.createDirectories(dir);
        Path md = dir.resolve(name + ".md");
        Path json = dir.resolve(name + ".json");
        AtomicFiles.write(md, markdown.getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(json, json(name, results, caption, p).getBytes(StandardCharsets.UTF_8));
        console.out().print(markdown);
        console.say("Written: %s, %s; each row's models and reports under %s", md, json, dir.resolve(name));
        return 0;
    }

    private List<Row> rows(String name) {
        Optional<Double> paperB0 = PaperFigures.b0Accuracy(data.kind);
        Epochs epochs = training.recipe(Backbone.B0, inputSize).epochs();
        List<Row> rows = new ArrayList<>();
        switch (name) {
            case "table1" -> {
                for (int size : inputSizes) {
                    rows.add(new Row("cnn-" + size, "CNN", size + "×" + size, training.recipe(Backbone.CNN, size),
                            PaperFigures.cnnAccuracy(data.kind, size)));
                }
            }
            case "table2" -> {
                if (epochs.featureExtraction() == 0 || epochs.fineTuning() == 0) {
                    throw new ParameterException(spec.commandLine(), "table2 compares phase 1 alone with both "
                            + "phases, so --epochs needs both above 0, got " + epochs);
                }
                TrainingRecipe both = training.recipe(Backbone.B0, inputSize);
                rows.add(new Row("b0-feature-extraction", "EfficientNet-B0", "feature extraction only",
                        both.with(new Epochs(epochs.featureExtraction(), 0)), Optional.empty()));
                rows.add(new Row("b0-fine-tuning", "EfficientNet-B0", "feature extraction + fine-tuning", both,
                        paperB0));
            }
            case "table3" -> {
                for (Backbone b : backbones) {
                    if (!b.isEfficientNet()) {
                        throw new ParameterException(spec.commandLine(), "table3 compares EfficientNets; drop "
                                + b.label() + " from --backbones");
                    }
                    TrainingRecipe recipe = training.recipe(b, inputSize);
                    rows.add(new Row(b.label(), "EfficientNet-" + b.name(), recipe.effectiveInputSize() + "×"
                            + recipe.effectiveInputSize(), recipe, PaperFigures.efficientNetAccuracy(data.kind,
                            b.label())));
                }
            }
            case "table4" -> {
                TrainingRecipe recipe = training.recipe(Backbone.B0, inputSize);
                rows.add(new Row("b0", "EfficientNet-B0", "per class", recipe, paperB0));
            }
            default -> throw new ParameterException(spec.commandLine(), "unknown table '" + table
                    + "'; use table1, table2, table3 or table4");
        }
        return rows;
    }

    private String caption(Protocol p, Dataset dataset) {
        TrainingRecipe any = training.recipe(Backbone.B0, inputSize);
        return String.format(Locale.ROOT, "Data: %s (%d images). Protocol: %s. Epochs: %d feature extraction + %d "
                        + "fine-tuning, learning rates %s and %s, batch %d, seed %d. The paper's figures come from %s%s.",
                data.describe(), dataset.samples().size(), p.description(), any.epochs().featureExtraction(),
                any.epochs().fineTuning(), Converters.plain(any.learningRates().featureExtraction()),
                Converters.plain(any.learningRates().fineTuning()),
                any.batch(), any.seed(), PaperFigures.PAPER_PROTOCOL,
                protocol instanceof ProtocolSpec.RandomSplit ? "" : "; a subject-independent protocol tests on "
                        + "people never seen in training, so its accuracy is expected to be lower");
    }

    private static String markdown(String name, List<RowResult> results, String caption) {
        Table.Builder table = Table.builder("model", "variant", "accuracy (ours)", "mean ± std over folds",
                "macro F1", "accuracy (paper)").rightFrom(2);
        for (RowResult r : results) {
            ProtocolRun.Outcome o = r.outcome();
            table.row(r.row().model(), r.row().variant(), ProtocolSummary.percent(o.pooledAccuracy()), meanStd(o),
                    ProtocolSummary.decimal(o.pooled().metrics().macroF1()),
                    r.row().paperAccuracy().map(ProtocolSummary::percent).orElse(""));
        }
        return new Markdown().heading(1, title(name)).table(table.build()).raw("\n*" + caption + "*\n").text();
    }

    private static String perClassMarkdown(String name, RowResult result, String caption) {
        ClassificationMetrics m = result.outcome().pooled().metrics();
        Table.Builder table = Table.builder("class", "precision", "recall", "F1 (ours)", "support", "F1 (paper)")
                .rightFrom(1);
        for (ClassificationMetrics.ClassMetrics c : m.perClass()) {
            table.row(c.label(), ProtocolSummary.decimal(c.precision()), ProtocolSummary.decimal(c.recall()),
                    ProtocolSummary.decimal(c.f1()), Long.toString(c.support()), "");
        }
        table.row("*macro avg*", ProtocolSummary.decimal(m.macroAverage().precision()),
                ProtocolSummary.decimal(m.macroAverage().recall()), ProtocolSummary.decimal(m.macroAverage().f1()),
                Long.toString(m.total()), "");
        return new Markdown().heading(1, title(name)).table(table.build())
                .raw(String.format(Locale.ROOT, "%nAccuracy (ours): %s; accuracy (paper): %s.%n",
                        ProtocolSummary.percent(m.accuracy()),
                        result.row().paperAccuracy().map(ProtocolSummary::percent).orElse("not given")))
                .raw("\n*" + caption + "*\n").text();
    }

    private static String meanStd(ProtocolRun.Outcome o) {
        if (o.folds().size() < 2) {
            return "";
        }
        FoldResults.MeanStd acc = o.results().accuracy();
        return String.format(Locale.ROOT, "%.2f ± %.2f %%", 100 * acc.mean(), 100 * acc.std());
    }

    private String json(String name, List<RowResult> results, String caption, Protocol p) {
        JsonObject root = new JsonObject();
        root.addProperty("table", name);
        root.addProperty("title", title(name));
        root.addProperty("data", data.describe());
        root.addProperty("protocol", p.description());
        root.addProperty("paper_protocol", PaperFigures.PAPER_PROTOCOL);
        root.addProperty("caption", caption);
        JsonArray rows = new JsonArray();
        for (RowResult r : results) {
            ProtocolRun.Outcome o = r.outcome();
            JsonObject row = new JsonObject();
            row.addProperty("model", r.row().model());
            row.addProperty("variant", r.row().variant());
            row.addProperty("backbone", r.row().recipe().backbone().label());
            row.addProperty("input_size", r.row().recipe().effectiveInputSize());
            row.addProperty("epochs", r.row().recipe().epochs().toString());
            row.addProperty("accuracy", o.pooledAccuracy());
            row.addProperty("folds", o.folds().size());
            row.addProperty("accuracy_mean", o.results().accuracy().mean());
            row.addProperty("accuracy_std", o.results().accuracy().std());
            row.addProperty("macro_f1", o.pooled().metrics().macroF1());
            row.addProperty("paper_accuracy", r.row().paperAccuracy().orElse(null));
            row.addProperty("folder", o.folder().toString());
            if (name.equals("table4")) {
                JsonArray classes = new JsonArray();
                for (ClassificationMetrics.ClassMetrics c : o.pooled().metrics().perClass()) {
                    JsonObject cls = new JsonObject();
                    cls.addProperty("class", c.label());
                    cls.addProperty("precision", c.precision());
                    cls.addProperty("recall", c.recall());
                    cls.addProperty("f1", c.f1());
                    cls.addProperty("support", c.support());
                    cls.add("paper_f1", null);
                    classes.add(cls);
                }
                row.add("classes", classes);
            }
            rows.add(row);
        }
        root.add("rows", rows);
        return JsonText.render(root);
    }

    private static String title(String name) {
        return switch (name) {
            case "table1" -> "Table 1: the plain CNN at different input sizes";
            case "table2" -> "Table 2: EfficientNet-B0, feature extraction only vs feature extraction + fine-tuning";
            case "table3" -> "Table 3: EfficientNet-B0 to B7";
            default -> "Table 4: EfficientNet-B0 per class";
        };
    }
}
