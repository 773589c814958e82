package io.fer.examples;

import io.fer.train.Evaluation;
import io.fer.train.FerModel;
import io.fer.train.StagedFolder;
import io.fer.train.TrainingHistory;
import io.fer.train.data.Dataset;
import io.fer.train.eval.ConfusionMatrix;
import io.fer.train.eval.EvaluationReport;
import io.fer.train.eval.FoldResults;
import io.fer.train.eval.Prediction;
import io.fer.train.eval.RunFolder;
import io.fer.train.protocol.Fold;
import io.fer.train.protocol.Protocol;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains and evaluates one recipe under a protocol: one model per fold, each saved with its report, and for several
 * folds a pooled report (all folds' test predictions; accuracy and macro F1 as mean ± standard deviation).
 *
 * <p>Layout of the output folder: with one fold, the report files and {@code model/}; with several,
 * {@code fold-01/} … (each with report files and {@code model/}) and the pooled report files beside them.
 */
final class ProtocolRun {
    /** The model folder's name inside a run or fold folder. */
    static final String MODEL = "model";

    private ProtocolRun() {}

    /**
     * What one fold gave.
     *
     * @param name the fold's name, e.g. {@code "fold 3/10"}
     * @param evaluation the model's predictions on the fold's test set
     * @param history the training history
     * @param folder where its model and report are
     */
    record FoldOutcome(String name, Evaluation evaluation, TrainingHistory history, Path folder) {
        /** Test images evaluated. */
        long testImages() {
            return evaluation.matrix().total();
        }
    }

    /**
     * What the whole protocol gave.
     *
     * @param protocol the protocol's description
     * @param folds every fold's outcome
     * @param results accuracy and macro F1 over folds, and the pooled confusion matrix
     * @param folder the output folder
     */
    record Outcome(String protocol, List<FoldOutcome> folds, FoldResults results, Path folder) {
        /** All folds' test predictions together. */
        ConfusionMatrix pooled() {
            return results.pooled();
        }

        /** Accuracy of the pooled predictions. */
        double pooledAccuracy() {
            return pooled().accuracy();
        }
    }

    /**
     * Runs {@code recipe} on every fold of {@code protocol} over {@code data}, writing into {@code out}: its models
     * and reports replace an earlier run's there once all are written, or, if the run fails, not at all.
     *
     * @param title the reports' heading
     * @param info facts shown in every report (data, recipe …), in order
     */
    static Outcome run(Dataset data, Protocol protocol, TrainingRecipe recipe, Path out, String title,
            Map<String, String> info, Console console) throws IOException {
        // checked before hours of training: never overwrite a user's files. Everything is written into a staged
        // folder that replaces an earlier run's outputs at the end, so that a failed report or a full disk never
        // leaves a new model beside an old report
        try (StagedFolder staged = RunFolder.begin(out)) {
            Outcome outcome = runInto(staged, data, protocol, recipe, title, info, console);
            staged.commit();
            return outcome;
        } catch (IOException e) {
            throw RunFolder.abandoned(out, e);
        }
    }

    private static Outcome runInto(StagedFolder staged, Dataset data, Protocol protocol, TrainingRecipe recipe,
            String title, Map<String, String> info, Console console) throws IOException {
        Path root = staged.path();
        List<Fold> folds = protocol.folds(data);
        boolean several = folds.size() > 1;
        console.step("%s on %s: %s, %d fold%s", recipe.backbone().label(), data.name(), protocol.description(),
                folds.size(), several ? "s" : "");
        List<FoldOutcome> outcomes = new ArrayList<>();
        List<FoldResults.FoldResult> results = new ArrayList<>();
        for (int i = 0; i < folds.size(); i++) {
            Fold fold = folds.get(i);
            Path folder = several ? root.resolve(String.format(Locale.ROOT, "fold-%02d", i + 1)) : root;
            console.step("%s: training on %d images, testing on %d", fold.name(), fold.train().samples().size(),
                    fold.test().samples().size());
            try (FerModel model = recipe.builder(console.progress()).fit(fold.train())) {
                Evaluation evaluation = model.evaluate(fold.test(), fold.name());
                model.save(folder.resolve(MODEL));
                Map<String, String> foldInfo = new LinkedHashMap<>(info);
                foldInfo.put("protocol", protocol.description());
                foldInfo.put("fold", fold.name());
                foldInfo.put("images", model.history().trainImages() + " train, "
                        + model.history().validationImages() + " validation, " + evaluation.matrix().total()
                        + " test");
                int skipped = model.history().skipped().size() + evaluation.skipped().size();
                if (skipped > 0) {
                    foldInfo.put("skipped", skipped + " image(s) unreadable or without a face (listed in the "
                            + "model's summary)");
                }
                Notes.skippedSamples(fold.name() + " training", model.history().skipped(), console);
                Notes.skippedSamples(fold.name() + " test", evaluation.skipped(), console);
                EvaluationReport.Builder report = evaluation.report()
                        .title(several ? title + " — " + fold.name() : title)
                        .history(model.history().epochs());
                foldInfo.forEach(report::info);
                report.build().writeTo(folder);
                outcomes.add(new FoldOutcome(fold.name(), evaluation, model.history(), staged.committedPath(folder)));
                results.add(new FoldResults.FoldResult(fold.name(), evaluation.matrix()));
                console.step("%s: accuracy %.2f %% on %d test images (%.0f s)", fold.name(),
                        100 * evaluation.accuracy(), evaluation.matrix().total(), model.history().seconds());
            }
        }
        FoldResults foldResults = new FoldResults(results);
        if (several) {
            writePooled(outcomes, foldResults, root, title, info, protocol);
        }
        return new Outcome(protocol.description(), outcomes, foldResults, staged.target());
    }

    private static void writePooled(List<FoldOutcome> outcomes, FoldResults results, Path out, String title,
            Map<String, String> info, Protocol protocol) throws IOException {
        List<Prediction> predictions = new ArrayList<>();
        Map<String, BufferedImage> misclassified = new LinkedHashMap<>();
        for (FoldOutcome o : outcomes) {
            predictions.addAll(o.evaluation().predictions());
            misclassified.putAll(o.evaluation().misclassified());
        }
        EvaluationReport.Builder report = EvaluationReport.builder(results.pooled())
                .title(title + " — pooled over " + outcomes.size() + " folds").predictions(predictions)
                .folds(results).misclassifiedImages(misclassified);
        info.forEach(report::info);
        report.info("protocol", protocol.description());
        report.build().writeTo(out);
    }

    /** Prints the per-fold table, mean ± standard deviation and pooled figures. */
    static void printSummary(Outcome outcome, Console console) {
        Table table = new Table("fold", "train", "test", "accuracy", "macro F1", "seconds");
        for (FoldOutcome f : outcome.folds()) {
            table.row(f.name(), Integer.toString(f.history().trainImages()), Long.toString(f.testImages()),
                    percent(f.evaluation().accuracy()), decimal(f.evaluation().metrics().macroF1()),
                    String.format(Locale.ROOT, "%.0f", f.history().seconds()));
        }
        if (outcome.folds().size() > 1) {
            FoldResults.MeanStd acc = outcome.results().accuracy();
            FoldResults.MeanStd f1 = outcome.results().macroF1();
            table.row("mean ± std", "", "", String.format(Locale.ROOT, "%.2f ± %.2f %%", 100 * acc.mean(),
                    100 * acc.std()), decimal(f1.mean()) + " ± " + decimal(f1.std()), "");
            table.row("pooled", "", Long.toString(outcome.pooled().total()), percent(outcome.pooledAccuracy()),
                    decimal(outcome.pooled().metrics().macroF1()), "");
        }
        console.say("Protocol: %s", outcome.protocol());
        console.out().print(table.render());
        console.say("Reports and model%s in %s", outcome.folds().size() > 1 ? "s" : "",
                outcome.folder().toAbsolutePath().normalize());
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }

    static String decimal(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
