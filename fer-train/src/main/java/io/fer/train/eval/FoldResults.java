package io.fer.train.eval;

import java.util.List;
import java.util.Objects;

/**
 * The results of every fold of a protocol: accuracy and macro F1 as mean and standard deviation over folds, and the
 * pooled confusion matrix (all folds' test predictions together).
 *
 * <p>The standard deviation is the population one (NumPy's {@code np.std} default, ddof 0), as commonly reported
 * for k-fold results; a single fold has deviation 0.
 */
public final class FoldResults {

    private final List<FoldResult> folds;

    /** @param folds at least one, all over the same classes */
    public FoldResults(List<FoldResult> folds) {
        this.folds = List.copyOf(folds);
        if (this.folds.isEmpty()) {
            throw new IllegalArgumentException("no fold results");
        }
        List<String> labels = this.folds.get(0).matrix().labels();
        for (FoldResult f : this.folds) {
            if (!f.matrix().labels().equals(labels)) {
                throw new IllegalArgumentException("fold '" + f.name() + "' has classes " + f.matrix().labels()
                        + ", fold '" + this.folds.get(0).name() + "' " + labels);
            }
        }
    }

    /** One fold's test result. */
    public record FoldResult(String name, ConfusionMatrix matrix) {
        public FoldResult {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(matrix, "matrix");
        }

        public double accuracy() {
            return matrix.accuracy();
        }

        public double macroF1() {
            return matrix.metrics().macroF1();
        }
    }

    /** A mean and a (population) standard deviation. */
    public record MeanStd(double mean, double std) {}

    public List<FoldResult> folds() {
        return folds;
    }

    public List<String> labels() {
        return folds.get(0).matrix().labels();
    }

    /** Accuracy over folds. */
    public MeanStd accuracy() {
        return meanStd(folds.stream().mapToDouble(FoldResult::accuracy).toArray());
    }

    /** Macro F1 over folds. */
    public MeanStd macroF1() {
        return meanStd(folds.stream().mapToDouble(FoldResult::macroF1).toArray());
    }

    /** The sum of all folds' matrices. */
    public ConfusionMatrix pooled() {
        ConfusionMatrix sum = ConfusionMatrix.empty(labels());
        for (FoldResult f : folds) {
            sum = sum.plus(f.matrix());
        }
        return sum;
    }

    static MeanStd meanStd(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new MeanStd(mean, Math.sqrt(squares / values.length));
    }
}
