package io.fer.train.eval;

import io.fer.core.internal.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The evaluation of one run, written into an output folder as text, CSV, JSON, Markdown and PNG files: this class
 * is the model (checked when built), and each format has its renderer ({@code EvaluationCsv},
 * {@code EvaluationJson}, {@code EvaluationMarkdown}, the charts), built on fer's internal report renderers.
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
    private final List<SamplePrediction> predictions;
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

    /** The facts about the run, in order. */
    Map<String, String> info() {
        return info;
    }

    List<SamplePrediction> predictions() {
        return predictions;
    }

    /** The per-fold results, or null for a single split. */
    FoldResults folds() {
        return folds;
    }

    /** The training history in phase and epoch order. */
    List<EpochMetrics> history() {
        return history;
    }

    /** The misclassified faces the sheet shows. */
    List<MisclassifiedSheet.Face> faces() {
        return faces;
    }

    int misclassifiedWithImage() {
        return misclassifiedWithImage;
    }

    int digits() {
        return digits;
    }

    /** The scikit-learn style text report. */
    public String classificationReport() {
        return ClassificationReportText.format(metrics, digits);
    }

    /**
     * Writes every file into {@code directory} (created if needed), replacing files of the same names. Each file is
     * written to a temporary file and moved into place, so a failure leaves no half-written file; the error names
     * the file. Commands claim the folder first (the command line's run folders) so that no user file is replaced.
     *
     * @return the files written, in the order listed in the class comment
     */
    public List<Path> writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        written.add(write(directory.resolve(CLASSIFICATION_REPORT), classificationReport()));
        EvaluationCsv csv = new EvaluationCsv(this);
        written.add(write(directory.resolve(METRICS_CSV), csv.metrics()));
        written.add(write(directory.resolve(CONFUSION_MATRIX_CSV), csv.confusionMatrix()));
        written.add(write(directory.resolve(PREDICTIONS_CSV), csv.predictions()));
        if (folds != null) {
            written.add(write(directory.resolve(FOLDS_CSV), csv.folds()));
        }
        written.add(write(directory.resolve(REPORT_JSON), new EvaluationJson(this).render()));
        written.add(write(directory.resolve(SUMMARY_MD), new EvaluationMarkdown(this).render()));
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
        private List<SamplePrediction> predictions = List.of();
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
        public Builder predictions(List<SamplePrediction> predictions) {
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
            for (SamplePrediction p : predictions) {
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
            for (SamplePrediction p : predictions) {
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
