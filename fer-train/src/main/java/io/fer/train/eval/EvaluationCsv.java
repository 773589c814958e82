package io.fer.train.eval;

import io.fer.train.internal.report.Csv;
import io.fer.train.internal.report.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The CSV files of an {@link EvaluationReport}: metrics, confusion matrix, predictions and folds, full precision. */
final class EvaluationCsv {
    private final EvaluationReport report;

    EvaluationCsv(EvaluationReport report) {
        this.report = report;
    }

    String metrics() {
        ClassificationMetrics metrics = report.metrics();
        Table.Builder t = Table.builder("class", "precision", "recall", "f1-score", "support");
        for (ClassificationMetrics.ClassMetrics m : metrics.perClass()) {
            t.row(m.label(), Csv.number(m.precision()), Csv.number(m.recall()), Csv.number(m.f1()),
                    Long.toString(m.support()));
        }
        t.row("accuracy", "", "", Csv.number(metrics.accuracy()), Long.toString(metrics.total()));
        average(t, "macro avg", metrics.macroAverage());
        average(t, "weighted avg", metrics.weightedAverage());
        return Csv.render(t.build());
    }

    String confusionMatrix() {
        ConfusionMatrix matrix = report.matrix();
        List<String> header = new ArrayList<>(List.of("true\\predicted"));
        header.addAll(matrix.labels());
        Table.Builder t = Table.builder(header);
        for (int truth = 0; truth < matrix.size(); truth++) {
            List<String> row = new ArrayList<>(List.of(matrix.labels().get(truth)));
            for (int p = 0; p < matrix.size(); p++) {
                row.add(Long.toString(matrix.count(truth, p)));
            }
            t.row(row);
        }
        return Csv.render(t.build());
    }

    String predictions() {
        List<String> labels = report.matrix().labels();
        List<String> header = new ArrayList<>(
                List.of("sample_id", "file", "fold", "true", "predicted", "correct", "confidence"));
        labels.forEach(l -> header.add("p_" + l));
        Table.Builder t = Table.builder(header);
        for (SamplePrediction p : report.predictions()) {
            List<String> row = new ArrayList<>(List.of(p.sampleId(), Objects.toString(p.file(), ""),
                    Objects.toString(p.fold(), ""), labels.get(p.trueIndex()), labels.get(p.predictedIndex()),
                    Boolean.toString(p.correct()), Csv.number(p.confidence())));
            for (double probability : p.probabilities()) {
                row.add(Csv.number(probability));
            }
            t.row(row);
        }
        return Csv.render(t.build());
    }

    String folds() {
        Table.Builder t = Table.builder("fold", "test_samples", "correct", "accuracy", "macro_f1");
        for (FoldResults.FoldResult f : report.folds().folds()) {
            t.row(f.name(), Long.toString(f.matrix().total()), Long.toString(f.matrix().correct()),
                    Csv.number(f.accuracy()), Csv.number(f.macroF1()));
        }
        return Csv.render(t.build());
    }

    private static void average(Table.Builder t, String name, ClassificationMetrics.AverageMetrics a) {
        t.row(name, Csv.number(a.precision()), Csv.number(a.recall()), Csv.number(a.f1()),
                Long.toString(a.support()));
    }
}
