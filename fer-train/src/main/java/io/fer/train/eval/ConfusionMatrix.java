package io.fer.train.eval;

import io.fer.core.Expression;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Counts of (true class, predicted class) pairs: rows are the true classes, columns the predicted ones, both in the
 * order of {@link #labels()} (the model's output order). Immutable.
 */
public final class ConfusionMatrix {

    private final List<String> labels;
    private final long[][] counts;

    /**
     * @param labels the class names, distinct, at least one
     * @param counts a square matrix of non-negative counts, {@code counts[true][predicted]}; copied
     */
    public ConfusionMatrix(List<String> labels, long[][] counts) {
        this.labels = List.copyOf(labels);
        if (this.labels.isEmpty()) {
            throw new IllegalArgumentException("a confusion matrix needs at least one class");
        }
        if (new HashSet<>(this.labels).size() != this.labels.size()) {
            throw new IllegalArgumentException("class labels repeat: " + this.labels);
        }
        int n = this.labels.size();
        if (counts.length != n) {
            throw new IllegalArgumentException(counts.length + " rows for " + n + " classes " + this.labels);
        }
        this.counts = new long[n][];
        for (int t = 0; t < n; t++) {
            if (counts[t].length != n) {
                throw new IllegalArgumentException("row " + t + " (" + this.labels.get(t) + ") has " + counts[t].length
                        + " columns for " + n + " classes");
            }
            for (int p = 0; p < n; p++) {
                if (counts[t][p] < 0) {
                    throw new IllegalArgumentException("negative count " + counts[t][p] + " at true "
                            + this.labels.get(t) + ", predicted " + this.labels.get(p));
                }
            }
            this.counts[t] = counts[t].clone();
        }
    }

    /** An all-zero matrix. */
    public static ConfusionMatrix empty(List<String> labels) {
        return new ConfusionMatrix(labels, new long[labels.size()][labels.size()]);
    }

    /** The matrix of paired true and predicted class indices. */
    public static ConfusionMatrix of(List<String> labels, int[] trueIndices, int[] predictedIndices) {
        if (trueIndices.length != predictedIndices.length) {
            throw new IllegalArgumentException(trueIndices.length + " true classes but " + predictedIndices.length
                    + " predictions");
        }
        long[][] counts = new long[labels.size()][labels.size()];
        for (int i = 0; i < trueIndices.length; i++) {
            checkIndex(labels, trueIndices[i], "true class of item " + i);
            checkIndex(labels, predictedIndices[i], "predicted class of item " + i);
            counts[trueIndices[i]][predictedIndices[i]]++;
        }
        return new ConfusionMatrix(labels, counts);
    }

    /** The matrix of per-sample predictions. */
    public static ConfusionMatrix of(List<String> labels, List<SamplePrediction> predictions) {
        long[][] counts = new long[labels.size()][labels.size()];
        for (SamplePrediction p : predictions) {
            checkIndex(labels, p.trueIndex(), "true class of sample '" + p.sampleId() + "'");
            checkIndex(labels, p.predictedIndex(), "predicted class of sample '" + p.sampleId() + "'");
            counts[p.trueIndex()][p.predictedIndex()]++;
        }
        return new ConfusionMatrix(labels, counts);
    }

    /** The lower-case names of expressions, the usual labels. */
    public static List<String> labelsOf(List<Expression> classes) {
        return classes.stream().map(Expression::label).toList();
    }

    /** The element-wise sum (e.g. pooling the folds of a cross-validation); labels must be identical. */
    public ConfusionMatrix plus(ConfusionMatrix other) {
        if (!labels.equals(other.labels)) {
            throw new IllegalArgumentException("cannot add confusion matrices over different classes: " + labels
                    + " and " + other.labels);
        }
        long[][] sum = new long[size()][size()];
        for (int t = 0; t < size(); t++) {
            for (int p = 0; p < size(); p++) {
                sum[t][p] = counts[t][p] + other.counts[t][p];
            }
        }
        return new ConfusionMatrix(labels, sum);
    }

    public List<String> labels() {
        return labels;
    }

    /** Number of classes. */
    public int size() {
        return labels.size();
    }

    /** How many samples of class {@code trueIndex} were predicted as {@code predictedIndex}. */
    public long count(int trueIndex, int predictedIndex) {
        return counts[trueIndex][predictedIndex];
    }

    /** A copy of the counts, {@code [true][predicted]}. */
    public long[][] counts() {
        long[][] copy = new long[size()][];
        for (int t = 0; t < size(); t++) {
            copy[t] = counts[t].clone();
        }
        return copy;
    }

    /** All samples counted. */
    public long total() {
        return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
    }

    /** Samples whose true class is {@code index} (the row sum). */
    public long support(int index) {
        return Arrays.stream(counts[index]).sum();
    }

    /** Samples predicted as {@code index} (the column sum). */
    public long predicted(int index) {
        long sum = 0;
        for (long[] row : counts) {
            sum += row[index];
        }
        return sum;
    }

    /** Correctly classified samples (the trace). */
    public long correct() {
        long sum = 0;
        for (int i = 0; i < size(); i++) {
            sum += counts[i][i];
        }
        return sum;
    }

    /** Correct over total; 0 for an empty matrix (scikit-learn's zero-division convention). */
    public double accuracy() {
        long total = total();
        return total == 0 ? 0 : (double) correct() / total;
    }

    /** Each row divided by its sum (recall on the diagonal); rows without samples stay 0. */
    public double[][] rowNormalized() {
        double[][] normalized = new double[size()][size()];
        for (int t = 0; t < size(); t++) {
            long support = support(t);
            for (int p = 0; p < size() && support > 0; p++) {
                normalized[t][p] = (double) counts[t][p] / support;
            }
        }
        return normalized;
    }

    /** Precision, recall, F1 and support per class, and their averages. */
    public ClassificationMetrics metrics() {
        return ClassificationMetrics.of(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix other && labels.equals(other.labels)
                && Arrays.deepEquals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(labels, Arrays.deepHashCode(counts));
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + labels + Arrays.deepToString(counts);
    }

    private static void checkIndex(List<String> labels, int index, String what) {
        if (index < 0 || index >= labels.size()) {
            throw new IllegalArgumentException(what + " is " + index + ", outside 0.." + (labels.size() - 1)
                    + " " + labels);
        }
    }
}
