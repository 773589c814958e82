package io.fer.train.eval;

import static io.fer.train.internal.report.JsonText.number;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.fer.train.internal.report.JsonText;
import java.util.List;

/** The {@value EvaluationReport#REPORT_JSON} of an {@link EvaluationReport}: everything it holds. */
final class EvaluationJson {
    private final EvaluationReport report;

    EvaluationJson(EvaluationReport report) {
        this.report = report;
    }

    String render() {
        ConfusionMatrix matrix = report.matrix();
        ClassificationMetrics metrics = report.metrics();
        JsonObject root = new JsonObject();
        root.addProperty("title", report.title());
        JsonObject infoJson = new JsonObject();
        report.info().forEach(infoJson::addProperty);
        root.add("info", infoJson);
        root.add("labels", strings(matrix.labels()));
        root.add("accuracy", number(metrics.accuracy()));
        root.addProperty("total", metrics.total());
        root.addProperty("correct", matrix.correct());
        JsonArray classes = new JsonArray();
        for (ClassificationMetrics.ClassMetrics m : metrics.perClass()) {
            JsonObject c = new JsonObject();
            c.addProperty("label", m.label());
            scores(m.precision(), m.recall(), m.f1(), m.support()).entrySet().forEach(e -> c.add(e.getKey(),
                    e.getValue()));
            classes.add(c);
        }
        root.add("classes", classes);
        root.add("macro_avg", average(metrics.macroAverage()));
        root.add("weighted_avg", average(metrics.weightedAverage()));
        root.add("confusion_matrix", counts(matrix));
        FoldResults folds = report.folds();
        if (folds != null) {
            JsonObject foldsJson = new JsonObject();
            foldsJson.add("accuracy", meanStd(folds.accuracy()));
            foldsJson.add("macro_f1", meanStd(folds.macroF1()));
            JsonArray each = new JsonArray();
            for (FoldResults.FoldResult f : folds.folds()) {
                JsonObject fold = new JsonObject();
                fold.addProperty("name", f.name());
                fold.add("accuracy", number(f.accuracy()));
                fold.add("macro_f1", number(f.macroF1()));
                fold.addProperty("total", f.matrix().total());
                fold.add("confusion_matrix", counts(f.matrix()));
                each.add(fold);
            }
            foldsJson.add("folds", each);
            root.add("cross_validation", foldsJson);
        }
        JsonArray historyJson = new JsonArray();
        for (EpochMetrics e : report.history()) {
            JsonObject epoch = new JsonObject();
            epoch.addProperty("phase", e.phase().number());
            epoch.addProperty("phase_name", e.phaseName());
            epoch.addProperty("epoch", e.epoch());
            epoch.add("train_loss", number(e.trainLoss()));
            epoch.add("train_accuracy", number(e.trainAccuracy()));
            epoch.add("validation_loss", e.validationLoss() == null ? JsonNull.INSTANCE : number(e.validationLoss()));
            epoch.add("validation_accuracy",
                    e.validationAccuracy() == null ? JsonNull.INSTANCE : number(e.validationAccuracy()));
            epoch.add("seconds", number(e.seconds()));
            historyJson.add(epoch);
        }
        root.add("history", historyJson);
        JsonArray predictionsJson = new JsonArray();
        List<String> labels = matrix.labels();
        for (SamplePrediction p : report.predictions()) {
            JsonObject prediction = new JsonObject();
            prediction.addProperty("sample_id", p.sampleId());
            prediction.addProperty("file", p.file());
            prediction.addProperty("fold", p.fold());
            prediction.addProperty("true", labels.get(p.trueIndex()));
            prediction.addProperty("predicted", labels.get(p.predictedIndex()));
            prediction.addProperty("correct", p.correct());
            JsonObject probabilities = new JsonObject();
            double[] values = p.probabilities();
            for (int i = 0; i < values.length; i++) {
                probabilities.add(labels.get(i), number(values[i]));
            }
            prediction.add("probabilities", probabilities);
            predictionsJson.add(prediction);
        }
        root.add("predictions", predictionsJson);
        JsonArray shown = new JsonArray();
        report.faces().forEach(f -> shown.add(f.sampleId()));
        root.add("misclassified_shown", shown);
        return JsonText.render(root);
    }

    private static JsonObject scores(double precision, double recall, double f1, long support) {
        JsonObject o = new JsonObject();
        o.add("precision", number(precision));
        o.add("recall", number(recall));
        o.add("f1", number(f1));
        o.addProperty("support", support);
        return o;
    }

    private static JsonObject average(ClassificationMetrics.AverageMetrics a) {
        return scores(a.precision(), a.recall(), a.f1(), a.support());
    }

    private static JsonObject meanStd(FoldResults.MeanStd m) {
        JsonObject o = new JsonObject();
        o.add("mean", number(m.mean()));
        o.add("std", number(m.std()));
        return o;
    }

    private static JsonArray counts(ConfusionMatrix m) {
        JsonArray rows = new JsonArray();
        for (long[] row : m.counts()) {
            JsonArray r = new JsonArray();
            for (long c : row) {
                r.add(c);
            }
            rows.add(r);
        }
        return rows;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }
}
