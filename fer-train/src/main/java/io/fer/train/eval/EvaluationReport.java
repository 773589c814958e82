package io.fer.train.eval;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import io.fer.core.runtime.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The evaluation of one run, written into an output folder as text, CSV, JSON, Markdown and PNG files.
 *
 * <p>Files: {@value #CLASSIFICATION_REPORT} (scikit-learn's layout), {@value #METRICS_CSV},
 * {@value #CONFUSION_MATRIX_CSV}, {@value #PREDICTIONS_CSV}, {@value #REPORT_JSON} (everything),
 * {@value #SUMMARY_MD}, {@value #CONFUSION_MATRIX_PNG}; with folds {@value #FOLDS_CSV}; with a training history
 * {@value #TRAINING_CURVES_PNG}; with images of misclassified samples {@value #MISCLASSIFIED_PNG}.
 *
 * <p>The inputs are checked against each other when built: the predictions and the folds must add up to the
 * confusion matrix, and every image must belong to a misclassified prediction.
 */
public final class EvaluationReport {

    public static final String CLASSIFICATION_REPORT = "classification_report.txt";
    public static final String METRICS_CSV = "metrics.csv";
    public static final String CONFUSION_MATRIX_CSV = "confusion_matrix.csv";
    public static final String PREDICTIONS_CSV = "predictions.csv";
    public static final String FOLDS_CSV = "folds.csv";
    public static final String REPORT_JSON = "report.json";
    public static final String SUMMARY_MD = "summary.md";
    public static final String CONFUSION_MATRIX_PNG = "confusion_matrix.png";
    public static final String TRAINING_CURVES_PNG = "training_curves.png";
    public static final String MISCLASSIFIED_PNG = "misclassified.png";

    private final String title;
    private final Map<String, String> info;
    private final ConfusionMatrix matrix;
    private final ClassificationMetrics metrics;
    private final List<Prediction> predictions;
    private final FoldResults folds;
    private final List<EpochMetrics> history;
    private final List<MisclassifiedSheet.Face> faces;
    private final int misclassifiedWithImage;
    private final int digits;

    private EvaluationReport(Builder b, List<EpochMetrics> history, List<MisclassifiedSheet.Face> faces,
            int misclassifiedWithImage) {
        this.title = b.title;
        this.info = Collections.unmodifiableMap(new LinkedHashMap<>(b.info));
        this.matrix = b.matrix;
        this.metrics = b.matrix.metrics();
        this.predictions = b.predictions;
        this.folds = b.folds;
        this.history = history;
        this.faces = faces;
        this.misclassifiedWithImage = misclassifiedWithImage;
        this.digits = b.digits;
    }

    /** Starts a report on a confusion matrix (for cross-validation: the pooled one); its labels name the classes. */
    public static Builder builder(ConfusionMatrix matrix) {
        return new Builder(matrix);
    }

    public String title() {
        return title;
    }

    public ConfusionMatrix matrix() {
        return matrix;
    }

    public ClassificationMetrics metrics() {
        return metrics;
    }

    /** The scikit-learn style text report. */
    public String classificationReport() {
        return ClassificationReportText.format(metrics, digits);
    }

    /**
     * Writes every file into {@code directory} (created if needed), replacing files of the same names. Each file is
     * written to a temporary file and moved into place, so a failure leaves no half-written file; the error names
     * the file. Commands claim the folder first ({@link RunFolder#claim}) so that no user file is replaced.
     *
     * @return the files written, in the order listed in the class comment
     */
    public List<Path> writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        written.add(write(directory.resolve(CLASSIFICATION_REPORT), classificationReport()));
        written.add(write(directory.resolve(METRICS_CSV), metricsCsv()));
        written.add(write(directory.resolve(CONFUSION_MATRIX_CSV), confusionMatrixCsv()));
        written.add(write(directory.resolve(PREDICTIONS_CSV), predictionsCsv()));
        if (folds != null) {
            written.add(write(directory.resolve(FOLDS_CSV), foldsCsv()));
        }
        written.add(write(directory.resolve(REPORT_JSON), json()));
        written.add(write(directory.resolve(SUMMARY_MD), markdown()));
        Path heatMap = directory.resolve(CONFUSION_MATRIX_PNG);
        ConfusionMatrixChart.write(matrix, "Confusion matrix" + (title.isEmpty() ? "" : ": " + title), heatMap);
        written.add(heatMap);
        if (!history.isEmpty()) {
            Path curves = directory.resolve(TRAINING_CURVES_PNG);
            TrainingCurvesChart.write(history, "Training" + (title.isEmpty() ? "" : ": " + title), curves);
            written.add(curves);
        }
        if (!faces.isEmpty()) {
            Path sheet = directory.resolve(MISCLASSIFIED_PNG);
            MisclassifiedSheet.write(faces, 6, sheet);
            written.add(sheet);
        }
        return written;
    }

    String metricsCsv() {
        StringBuilder out = new StringBuilder(Csv.line(List.of("class", "precision", "recall", "f1-score", "support")));
        for (ClassificationMetrics.ClassMetrics m : metrics.perClass()) {
            out.append(Csv.line(List.of(m.label(), Csv.number(m.precision()), Csv.number(m.recall()),
                    Csv.number(m.f1()), Long.toString(m.support()))));
        }
        out.append(Csv.line(List.of("accuracy", "", "", Csv.number(metrics.accuracy()),
                Long.toString(metrics.total()))));
        out.append(averageCsv("macro avg", metrics.macroAverage()));
        out.append(averageCsv("weighted avg", metrics.weightedAverage()));
        return out.toString();
    }

    String confusionMatrixCsv() {
        List<String> header = new ArrayList<>(List.of("true\\predicted"));
        header.addAll(matrix.labels());
        StringBuilder out = new StringBuilder(Csv.line(header));
        for (int t = 0; t < matrix.size(); t++) {
            List<String> row = new ArrayList<>(List.of(matrix.labels().get(t)));
            for (int p = 0; p < matrix.size(); p++) {
                row.add(Long.toString(matrix.count(t, p)));
            }
            out.append(Csv.line(row));
        }
        return out.toString();
    }

    String predictionsCsv() {
        List<String> header = new ArrayList<>(
                List.of("sample_id", "file", "fold", "true", "predicted", "correct", "confidence"));
        matrix.labels().forEach(l -> header.add("p_" + l));
        StringBuilder out = new StringBuilder(Csv.line(header));
        for (Prediction p : predictions) {
            List<String> row = new ArrayList<>(List.of(p.sampleId(), Objects.toString(p.file(), ""),
                    Objects.toString(p.fold(), ""), label(p.trueIndex()), label(p.predictedIndex()),
                    Boolean.toString(p.correct()), Csv.number(p.confidence())));
            for (double probability : p.probabilities()) {
                row.add(Csv.number(probability));
            }
            out.append(Csv.line(row));
        }
        return out.toString();
    }

    String foldsCsv() {
        StringBuilder out = new StringBuilder(
                Csv.line(List.of("fold", "test_samples", "correct", "accuracy", "macro_f1")));
        for (FoldResults.FoldResult f : folds.folds()) {
            out.append(Csv.line(List.of(f.name(), Long.toString(f.matrix().total()),
                    Long.toString(f.matrix().correct()), Csv.number(f.accuracy()), Csv.number(f.macroF1()))));
        }
        return out.toString();
    }

    String json() {
        JsonObject root = new JsonObject();
        root.addProperty("title", title);
        JsonObject infoJson = new JsonObject();
        info.forEach(infoJson::addProperty);
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
        for (EpochMetrics e : history) {
            JsonObject epoch = new JsonObject();
            epoch.addProperty("phase", e.phase());
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
        for (Prediction p : predictions) {
            JsonObject prediction = new JsonObject();
            prediction.addProperty("sample_id", p.sampleId());
            prediction.addProperty("file", p.file());
            prediction.addProperty("fold", p.fold());
            prediction.addProperty("true", label(p.trueIndex()));
            prediction.addProperty("predicted", label(p.predictedIndex()));
            prediction.addProperty("correct", p.correct());
            JsonObject probabilities = new JsonObject();
            double[] values = p.probabilities();
            for (int i = 0; i < values.length; i++) {
                probabilities.add(label(i), number(values[i]));
            }
            prediction.add("probabilities", probabilities);
            predictionsJson.add(prediction);
        }
        root.add("predictions", predictionsJson);
        JsonArray shown = new JsonArray();
        faces.forEach(f -> shown.add(f.sampleId()));
        root.add("misclassified_shown", shown);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(root)
                + "\n";
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title.isEmpty() ? "Evaluation" : escape(title)).append("\n\n");
        if (!info.isEmpty()) {
            md.append("| | |\n|---|---|\n");
            info.forEach((k, v) -> md.append("| ").append(escape(k)).append(" | ").append(escape(v)).append(" |\n"));
            md.append('\n');
        }
        md.append(String.format(Locale.ROOT, "**Accuracy: %s %%** (%d of %d test samples) · macro F1 %s · "
                        + "weighted F1 %s%n%n", percent(metrics.accuracy()), matrix.correct(), metrics.total(),
                fixed(metrics.macroF1()), fixed(metrics.weightedAverage().f1())));
        if (folds != null) {
            md.append(String.format(Locale.ROOT, "**Over %d folds** (mean ± standard deviation): accuracy %s %% ± %s,"
                            + " macro F1 %s ± %s. The figures above pool all folds' test predictions.%n%n",
                    folds.folds().size(), percent(folds.accuracy().mean()), percent(folds.accuracy().std()),
                    fixed(folds.macroF1().mean()), fixed(folds.macroF1().std())));
        }

        md.append("## Per class\n\n| class | precision | recall | f1-score | support |\n|---|---:|---:|---:|---:|\n");
        for (ClassificationMetrics.ClassMetrics m : metrics.perClass()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d |%n", escape(m.label()),
                    fixed(m.precision()), fixed(m.recall()), fixed(m.f1()), m.support()));
        }
        for (var average : List.of(Map.entry("macro avg", metrics.macroAverage()),
                Map.entry("weighted avg", metrics.weightedAverage()))) {
            ClassificationMetrics.AverageMetrics a = average.getValue();
            md.append(String.format(Locale.ROOT, "| *%s* | %s | %s | %s | %d |%n", average.getKey(),
                    fixed(a.precision()), fixed(a.recall()), fixed(a.f1()), a.support()));
        }

        md.append("\n## Confusion matrix\n\nRows are true classes, columns predicted classes.\n\n| true \\ predicted |");
        matrix.labels().forEach(l -> md.append(' ').append(escape(l)).append(" |"));
        md.append("\n|---|").append("---:|".repeat(matrix.size())).append('\n');
        for (int t = 0; t < matrix.size(); t++) {
            md.append("| ").append(escape(matrix.labels().get(t))).append(" |");
            for (int p = 0; p < matrix.size(); p++) {
                md.append(' ').append(t == p ? "**" + matrix.count(t, p) + "**" : matrix.count(t, p)).append(" |");
            }
            md.append('\n');
        }
        md.append("\n![Confusion matrix](").append(CONFUSION_MATRIX_PNG).append(")\n");

        if (folds != null) {
            md.append("\n## Folds\n\n| fold | test samples | accuracy | macro F1 |\n|---|---:|---:|---:|\n");
            for (FoldResults.FoldResult f : folds.folds()) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %s %% | %s |%n", escape(f.name()),
                        f.matrix().total(), percent(f.accuracy()), fixed(f.macroF1())));
            }
        }

        if (!history.isEmpty()) {
            md.append("\n## Training\n\n| phase | epochs | last training loss | last training accuracy "
                    + "| last validation loss | last validation accuracy | seconds |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|\n");
            for (int phase = 1; phase <= 2; phase++) {
                final int p = phase;
                List<EpochMetrics> epochs = history.stream().filter(e -> e.phase() == p).toList();
                if (epochs.isEmpty()) {
                    continue;
                }
                EpochMetrics last = epochs.get(epochs.size() - 1);
                double seconds = epochs.stream().mapToDouble(EpochMetrics::seconds).sum();
                md.append(String.format(Locale.ROOT, "| %d: %s | %d | %s | %s | %s | %s | %.1f |%n", p,
                        EpochMetrics.phaseName(p), epochs.size(), fixed(last.trainLoss()),
                        fixed(last.trainAccuracy()), optional(last.validationLoss()),
                        optional(last.validationAccuracy()), seconds));
            }
            md.append("\n![Training curves](").append(TRAINING_CURVES_PNG).append(")\n");
        }

        long misclassified = matrix.total() - matrix.correct();
        if (!faces.isEmpty()) {
            md.append(String.format(Locale.ROOT, "%n## Misclassified samples%n%nShowing %d of %d misclassified test "
                    + "samples (%d with an image).%n%n![Misclassified](%s)%n", faces.size(), misclassified,
                    misclassifiedWithImage, MISCLASSIFIED_PNG));
        }

        md.append("\n## Files\n\n");
        List<String> files = new ArrayList<>(List.of(CLASSIFICATION_REPORT, METRICS_CSV, CONFUSION_MATRIX_CSV,
                PREDICTIONS_CSV));
        if (folds != null) {
            files.add(FOLDS_CSV);
        }
        files.addAll(List.of(REPORT_JSON, CONFUSION_MATRIX_PNG));
        if (!history.isEmpty()) {
            files.add(TRAINING_CURVES_PNG);
        }
        if (!faces.isEmpty()) {
            files.add(MISCLASSIFIED_PNG);
        }
        files.forEach(f -> md.append("- [").append(f).append("](").append(f).append(")\n"));
        return md.toString();
    }

    private String label(int index) {
        return matrix.labels().get(index);
    }

    private String fixed(double value) {
        return ClassificationReportText.decimal(value, digits);
    }

    private String percent(double fraction) {
        return ClassificationReportText.decimal(100 * fraction, digits);
    }

    private String optional(Double value) {
        return value == null ? "–" : fixed(value);
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
    }

    private static String averageCsv(String name, ClassificationMetrics.AverageMetrics a) {
        return Csv.line(List.of(name, Csv.number(a.precision()), Csv.number(a.recall()), Csv.number(a.f1()),
                Long.toString(a.support())));
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

    /** A JSON number, or null for NaN and infinities (a diverged loss), which JSON cannot hold. */
    private static JsonElement number(double value) {
        return Double.isFinite(value) ? new JsonPrimitive(value) : JsonNull.INSTANCE;
    }

    /** Writes through a temporary file, so that a failure (a full disk) leaves the old file or none, never half. */
    private static Path write(Path file, String text) throws IOException {
        writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** Writes {@code bytes} to {@code file} atomically; the error names the file. */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new IOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Collects a report's inputs; {@link #build()} checks them against each other. */
    public static final class Builder {
        private final ConfusionMatrix matrix;
        private String title = "";
        private final Map<String, String> info = new LinkedHashMap<>();
        private List<Prediction> predictions = List.of();
        private FoldResults folds;
        private List<EpochMetrics> history = List.of();
        private Map<String, BufferedImage> misclassifiedImages = Map.of();
        private int digits = ClassificationReportText.DEFAULT_DIGITS;
        private int maxMisclassifiedShown = 60;

        private Builder(ConfusionMatrix matrix) {
            this.matrix = Objects.requireNonNull(matrix, "matrix");
        }

        /** A heading, e.g. {@code "EfficientNet-B0 on JAFFE"}. */
        public Builder title(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /** A fact about the run shown in the summary and JSON (model, dataset, protocol, seed …), kept in order. */
        public Builder info(String key, String value) {
            info.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, () -> "value of " + key));
            return this;
        }

        /** Every test sample's prediction; they must add up to the confusion matrix. */
        public Builder predictions(List<Prediction> predictions) {
            this.predictions = List.copyOf(predictions);
            return this;
        }

        /** The per-fold results; their pooled matrix must be the report's matrix. */
        public Builder folds(FoldResults folds) {
            this.folds = Objects.requireNonNull(folds, "folds");
            return this;
        }

        /** The training history of both phases. */
        public Builder history(List<EpochMetrics> history) {
            this.history = List.copyOf(history);
            return this;
        }

        /** Face images of misclassified samples by sample id; each id must be a misclassified prediction. */
        public Builder misclassifiedImages(Map<String, BufferedImage> images) {
            this.misclassifiedImages = Map.copyOf(images);
            return this;
        }

        /** Decimals in the text report and summary (default 2). */
        public Builder digits(int digits) {
            if (digits < 0) {
                throw new IllegalArgumentException("digits must not be negative, got " + digits);
            }
            this.digits = digits;
            return this;
        }

        /** At most this many faces on the misclassified sheet (default 60), in prediction order. */
        public Builder maxMisclassifiedShown(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxMisclassifiedShown must not be negative, got " + max);
            }
            this.maxMisclassifiedShown = max;
            return this;
        }

        /**
         * Checks the inputs and builds the report.
         *
         * @throws IllegalArgumentException naming the sample, fold or value that does not fit
         */
        public EvaluationReport build() {
            List<String> labels = matrix.labels();
            Set<String> keys = new HashSet<>();
            for (Prediction p : predictions) {
                if (p.probabilities().length != labels.size()) {
                    throw new IllegalArgumentException("sample '" + p.sampleId() + "' has "
                            + p.probabilities().length + " probabilities for " + labels.size() + " classes "
                            + labels);
                }
                if (!keys.add(p.fold() + "\u0000" + p.sampleId())) {
                    throw new IllegalArgumentException("sample '" + p.sampleId() + "' is predicted twice"
                            + (p.fold() == null ? "" : " in " + p.fold()));
                }
            }
            if (!predictions.isEmpty()) {
                ConfusionMatrix fromPredictions = ConfusionMatrix.of(labels, predictions);
                if (!fromPredictions.equals(matrix)) {
                    throw new IllegalArgumentException("the " + predictions.size() + " predictions add up to "
                            + fromPredictions + ", not to the report's " + matrix);
                }
            }
            if (folds != null && !folds.pooled().equals(matrix)) {
                throw new IllegalArgumentException("the folds pool to " + folds.pooled() + ", not to the report's "
                        + matrix);
            }
            List<EpochMetrics> orderedHistory = history.isEmpty() ? List.of() : TrainingCurvesChart.ordered(history);

            Set<String> misclassifiedIds = new HashSet<>();
            predictions.stream().filter(p -> !p.correct()).forEach(p -> misclassifiedIds.add(p.sampleId()));
            for (String id : misclassifiedImages.keySet()) {
                if (!misclassifiedIds.contains(id)) {
                    throw new IllegalArgumentException("an image was given for sample '" + id
                            + "', which is not a misclassified prediction of this report");
                }
            }
            List<MisclassifiedSheet.Face> faces = new ArrayList<>();
            int withImage = 0;
            for (Prediction p : predictions) {
                BufferedImage image = misclassifiedImages.get(p.sampleId());
                if (!p.correct() && image != null) {
                    withImage++;
                    if (faces.size() < maxMisclassifiedShown) {
                        faces.add(new MisclassifiedSheet.Face(p.sampleId(), image, labels.get(p.trueIndex()),
                                labels.get(p.predictedIndex()), p.confidence()));
                    }
                }
            }
            return new EvaluationReport(this, orderedHistory, List.copyOf(faces), withImage);
        }
    }
}
