package io.fer.train.eval;

import static io.fer.train.eval.EvaluationReport.CLASSIFICATION_REPORT;
import static io.fer.train.eval.EvaluationReport.CONFUSION_MATRIX_CSV;
import static io.fer.train.eval.EvaluationReport.CONFUSION_MATRIX_PNG;
import static io.fer.train.eval.EvaluationReport.FOLDS_CSV;
import static io.fer.train.eval.EvaluationReport.METRICS_CSV;
import static io.fer.train.eval.EvaluationReport.MISCLASSIFIED_PNG;
import static io.fer.train.eval.EvaluationReport.PREDICTIONS_CSV;
import static io.fer.train.eval.EvaluationReport.REPORT_JSON;
import static io.fer.train.eval.EvaluationReport.TRAINING_CURVES_PNG;

import io.fer.train.internal.report.Markdown;
import io.fer.train.internal.report.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@value EvaluationReport#SUMMARY_MD} of an {@link EvaluationReport}, figures at the report's digits. */
final class EvaluationMarkdown {
    private final EvaluationReport report;

    EvaluationMarkdown(EvaluationReport report) {
        this.report = report;
    }

    String render() {
        ConfusionMatrix matrix = report.matrix();
        ClassificationMetrics metrics = report.metrics();
        FoldResults folds = report.folds();
        Markdown md = new Markdown();
        md.heading(1, report.title().isEmpty() ? "Evaluation" : Markdown.escape(report.title()));
        if (!report.info().isEmpty()) {
            Table.Builder info = Table.builder("", "");
            report.info().forEach((k, v) -> info.row(k, v));
            md.table(info.build()).raw("\n");
        }
        md.paragraph(String.format(Locale.ROOT, "**Accuracy: %s %%** (%d of %d test samples) · macro F1 %s · "
                        + "weighted F1 %s", percent(metrics.accuracy()), matrix.correct(), metrics.total(),
                fixed(metrics.macroF1()), fixed(metrics.weightedAverage().f1())));
        if (folds != null) {
            md.paragraph(String.format(Locale.ROOT, "**Over %d folds** (mean ± standard deviation): accuracy %s %% ± "
                            + "%s, macro F1 %s ± %s. The figures above pool all folds' test predictions.",
                    folds.folds().size(), percent(folds.accuracy().mean()), percent(folds.accuracy().std()),
                    fixed(folds.macroF1().mean()), fixed(folds.macroF1().std())));
        }

        Table.Builder perClass = Table.builder("class", "precision", "recall", "f1-score", "support").rightFrom(1);
        for (ClassificationMetrics.ClassMetrics m : metrics.perClass()) {
            perClass.row(m.label(), fixed(m.precision()), fixed(m.recall()), fixed(m.f1()),
                    Long.toString(m.support()));
        }
        for (var average : List.of(Map.entry("macro avg", metrics.macroAverage()),
                Map.entry("weighted avg", metrics.weightedAverage()))) {
            ClassificationMetrics.AverageMetrics a = average.getValue();
            perClass.row("*" + average.getKey() + "*", fixed(a.precision()), fixed(a.recall()), fixed(a.f1()),
                    Long.toString(a.support()));
        }
        md.heading(2, "Per class").table(perClass.build());

        List<String> header = new ArrayList<>(List.of("true \\ predicted"));
        header.addAll(matrix.labels());
        Table.Builder confusion = Table.builder(header).rightFrom(1);
        for (int t = 0; t < matrix.size(); t++) {
            List<String> row = new ArrayList<>(List.of(matrix.labels().get(t)));
            for (int p = 0; p < matrix.size(); p++) {
                row.add(t == p ? "**" + matrix.count(t, p) + "**" : Long.toString(matrix.count(t, p)));
            }
            confusion.row(row);
        }
        md.raw("\n").heading(2, "Confusion matrix").paragraph("Rows are true classes, columns predicted classes.")
                .table(confusion.build()).raw("\n").image("Confusion matrix", CONFUSION_MATRIX_PNG);

        if (folds != null) {
            Table.Builder each = Table.builder("fold", "test samples", "accuracy", "macro F1").rightFrom(1);
            for (FoldResults.FoldResult f : folds.folds()) {
                each.row(f.name(), Long.toString(f.matrix().total()), percent(f.accuracy()) + " %",
                        fixed(f.macroF1()));
            }
            md.raw("\n").heading(2, "Folds").table(each.build());
        }

        List<EpochMetrics> history = report.history();
        if (!history.isEmpty()) {
            Table.Builder training = Table.builder("phase", "epochs", "last training loss", "last training accuracy",
                    "last validation loss", "last validation accuracy", "seconds").rightFrom(1);
            for (TrainingPhase p : TrainingPhase.values()) {
                List<EpochMetrics> epochs = history.stream().filter(e -> e.phase() == p).toList();
                if (epochs.isEmpty()) {
                    continue;
                }
                EpochMetrics last = epochs.get(epochs.size() - 1);
                double seconds = epochs.stream().mapToDouble(EpochMetrics::seconds).sum();
                training.row(p.number() + ": " + p.displayName(), Integer.toString(epochs.size()),
                        fixed(last.trainLoss()), fixed(last.trainAccuracy()), optional(last.validationLoss()),
                        optional(last.validationAccuracy()), String.format(Locale.ROOT, "%.1f", seconds));
            }
            md.raw("\n").heading(2, "Training").table(training.build()).raw("\n")
                    .image("Training curves", TRAINING_CURVES_PNG);
        }

        if (!report.faces().isEmpty()) {
            long misclassified = matrix.total() - matrix.correct();
            md.raw("\n").heading(2, "Misclassified samples").paragraph(String.format(Locale.ROOT,
                    "Showing %d of %d misclassified test samples (%d with an image).", report.faces().size(),
                    misclassified, report.misclassifiedWithImage())).image("Misclassified", MISCLASSIFIED_PNG);
        }

        List<String> files = new ArrayList<>(List.of(CLASSIFICATION_REPORT, METRICS_CSV, CONFUSION_MATRIX_CSV,
                PREDICTIONS_CSV));
        if (folds != null) {
            files.add(FOLDS_CSV);
        }
        files.addAll(List.of(REPORT_JSON, CONFUSION_MATRIX_PNG));
        if (!history.isEmpty()) {
            files.add(TRAINING_CURVES_PNG);
        }
        if (!report.faces().isEmpty()) {
            files.add(MISCLASSIFIED_PNG);
        }
        md.raw("\n").heading(2, "Files").bullets(files.stream().map(f -> "[" + f + "](" + f + ")").toList());
        return md.text();
    }

    private String fixed(double value) {
        return ClassificationReportText.decimal(value, report.digits());
    }

    private String percent(double fraction) {
        return ClassificationReportText.decimal(100 * fraction, report.digits());
    }

    private String optional(Double value) {
        return value == null ? "–" : fixed(value);
    }
}
