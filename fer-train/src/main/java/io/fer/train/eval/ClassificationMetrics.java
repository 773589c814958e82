package io.fer.train.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-class precision, recall, F1 and support with accuracy and macro and weighted averages, following
 * scikit-learn's {@code precision_recall_fscore_support} and {@code classification_report} with
 * {@code zero_division=0}: a ratio whose denominator is 0 is 0.
 *
 * @param perClass one entry per class, in the matrix's label order
 * @param accuracy correct over total
 * @param total all samples
 * @param macroAverage unweighted mean over classes (classes without samples count, as zeros)
 * @param weightedAverage mean weighted by support
 */
public record ClassificationMetrics(List<ClassMetrics> perClass, double accuracy, long total,
        AverageMetrics macroAverage, AverageMetrics weightedAverage) {

    public ClassificationMetrics {
        perClass = List.copyOf(perClass);
    }

    /** Metrics of one class. */
    public record ClassMetrics(String label, double precision, double recall, double f1, long support) {}

    /** An average over classes; {@code support} is the total. */
    public record AverageMetrics(double precision, double recall, double f1, long support) {}

    /** Computes the metrics of a confusion matrix. */
    public static ClassificationMetrics of(ConfusionMatrix matrix) {
        int n = matrix.size();
        List<ClassMetrics> perClass = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            long truePositives = matrix.count(c, c);
            double precision = ratio(truePositives, matrix.predicted(c));
            double recall = ratio(truePositives, matrix.support(c));
            // scikit-learn 1.2's form; with zero division the F-score is 0 too
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.add(new ClassMetrics(matrix.labels().get(c), precision, recall, f1, matrix.support(c)));
        }
        long total = matrix.total();
        double macroP = 0;
        double macroR = 0;
        double macroF = 0;
        double weightedP = 0;
        double weightedR = 0;
        double weightedF = 0;
        for (ClassMetrics m : perClass) {
            macroP += m.precision();
            macroR += m.recall();
            macroF += m.f1();
            weightedP += m.precision() * m.support();
            weightedR += m.recall() * m.support();
            weightedF += m.f1() * m.support();
        }
        AverageMetrics macro = new AverageMetrics(macroP / n, macroR / n, macroF / n, total);
        AverageMetrics weighted = total == 0
                ? new AverageMetrics(0, 0, 0, 0)
                : new AverageMetrics(weightedP / total, weightedR / total, weightedF / total, total);
        return new ClassificationMetrics(perClass, matrix.accuracy(), total, macro, weighted);
    }

    /** The macro-averaged F1, the usual summary for imbalanced classes. */
    public double macroF1() {
        return macroAverage.f1();
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
