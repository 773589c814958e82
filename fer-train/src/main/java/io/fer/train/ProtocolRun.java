package io.fer.train;

import io.fer.train.data.Dataset;
import io.fer.train.eval.ConfusionMatrix;
import io.fer.train.eval.EvaluationReport;
import io.fer.train.eval.FoldResults;
import io.fer.train.eval.SamplePrediction;
import io.fer.train.internal.StagedFolder;
import io.fer.train.internal.run.RunFolder;
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
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cross-validation: trains one model per fold of a {@link Protocol}, evaluates it on the fold's test set, saves it
 * with its report, and for several folds writes a pooled report (all folds' test predictions in one confusion
 * matrix; accuracy and macro F1 as mean ± standard deviation over folds).
 *
 * <p>Layout of the output folder: with one fold, the report files and {@code model/}; with several,
 * {@code fold-01/} … (each with report files and {@code model/}) and the pooled report files beside them. The folder
 * is claimed before any training (a fer run folder), so a user's files are never overwritten, and the run's
 * models and reports replace an earlier run's together once all are written, or, if the run fails, not at all.
 *
 * <pre>{@code
 * ProtocolRun.Outcome o = ProtocolRun.run(data, new SubjectKFold(10, 42),
 *         () -> FerModel.builder().backbone(Backbone.B0).freezeUntil(-6), Path.of("runs/jaffe"),
 *         "B0 on JAFFE", Map.of(), ProtocolRun.Listener.NONE);
 * }</pre>
 */
public final class ProtocolRun {
    /** The model folder's name inside a run or fold folder. */
    public static final String MODEL = "model";

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolRun.class);

    private ProtocolRun() {}

    /** Hears about a run as it goes, e.g. to print progress; every method does nothing by default. */
    public interface Listener {
        /** A listener that hears nothing. */
        Listener NONE = new Listener() {};

        /** The folds are known and training is about to start. */
        default void started(List<Fold> folds) {}

        /** Fold {@code index} (from 0) is about to train. */
        default void foldStarted(Fold fold, int index) {}

        /** A fold is trained, evaluated and saved with its report. */
        default void foldFinished(FoldOutcome outcome) {}
    }

    /**
     * What one fold gave.
     *
     * @param name the fold's name, e.g. {@code "fold 3/10"}
     * @param evaluation the model's predictions on the fold's test set
     * @param history the training history
     * @param folder where its model and report are
     */
    public record FoldOutcome(String name, Evaluation evaluation, TrainingHistory history, Path folder) {
        /** Test images evaluated. */
        public long testImages() {
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
    public record Outcome(String protocol, List<FoldOutcome> folds, FoldResults results, Path folder) {
        public Outcome {
            folds = List.copyOf(folds);
        }

        /** All folds' test predictions together. */
        public ConfusionMatrix pooled() {
            return results.pooled();
        }

        /** Accuracy of the pooled predictions. */
        public double pooledAccuracy() {
            return pooled().accuracy();
        }
    }

    /**
     * Runs {@code recipe} on every fold of {@code protocol} over {@code data}, writing into {@code out}: its models
     * and reports replace an earlier run's there once all are written, or, if the run fails, not at all.
     *
     * @param recipe makes a fresh, configured builder for each fold (called once per fold)
     * @param title the reports' heading
     * @param info facts shown in every report (data, recipe …), in order
     * @throws IllegalArgumentException if {@code out} is a file or a non-empty folder that is not a fer run's
     *     (checked before any training; the message names the file)
     * @throws IOException if a model or report cannot be written
     */
    public static Outcome run(Dataset data, Protocol protocol, Supplier<FerModelBuilder> recipe, Path out,
            String title, Map<String, String> info, Listener listener) throws IOException {
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(listener, "listener");
        // checked before hours of training: never overwrite a user's files. Everything is written into a staged
        // folder that replaces an earlier run's outputs at the end, so that a failed report or a full disk never
        // leaves a new model beside an old report
        try (StagedFolder staged = RunFolder.begin(out)) {
            Outcome outcome = runInto(staged, data, protocol, recipe, title, info, listener);
            staged.commit();
            return outcome;
        } catch (IOException e) {
            throw RunFolder.abandoned(out, e);
        }
    }

    private static Outcome runInto(StagedFolder staged, Dataset data, Protocol protocol,
            Supplier<FerModelBuilder> recipe, String title, Map<String, String> info, Listener listener)
            throws IOException {
        Path root = staged.path();
        List<Fold> folds = protocol.folds(data);
        boolean several = folds.size() > 1;
        listener.started(folds);
        List<FoldOutcome> outcomes = new ArrayList<>();
        List<FoldResults.FoldResult> results = new ArrayList<>();
        for (int i = 0; i < folds.size(); i++) {
            Fold fold = folds.get(i);
            Path folder = several ? root.resolve(String.format(Locale.ROOT, "fold-%02d", i + 1)) : root;
            listener.foldStarted(fold, i);
            try (FerModel model = recipe.get().fit(fold.train())) {
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
                EvaluationReport.Builder report = evaluation.report()
                        .title(several ? title + " — " + fold.name() : title)
                        .history(model.history().epochs());
                foldInfo.forEach(report::info);
                report.build().writeTo(folder);
                FoldOutcome outcome = new FoldOutcome(fold.name(), evaluation, model.history(),
                        staged.committedPath(folder));
                outcomes.add(outcome);
                results.add(new FoldResults.FoldResult(fold.name(), evaluation.matrix()));
                LOG.info("{}: accuracy {} on {} test images", fold.name(), evaluation.accuracy(),
                        evaluation.matrix().total());
                listener.foldFinished(outcome);
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
        List<SamplePrediction> predictions = new ArrayList<>();
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
}
