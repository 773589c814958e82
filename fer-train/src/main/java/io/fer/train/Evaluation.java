package io.fer.train;

import io.fer.train.eval.ClassificationMetrics;
import io.fer.train.eval.ConfusionMatrix;
import io.fer.train.eval.EvaluationReport;
import io.fer.train.eval.SamplePrediction;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's predictions on a labelled dataset: the confusion matrix, every prediction, the crops it got wrong
 * (for the misclassified-faces sheet) and the samples it could not use.
 *
 * @param matrix rows true, columns predicted, in the model's class order
 * @param predictions one per evaluated sample
 * @param misclassified the network input of every misclassified sample, keyed by sample id
 * @param skipped samples left out, with the reason (no face found under the SKIP policy)
 */
public record Evaluation(ConfusionMatrix matrix, List<SamplePrediction> predictions,
        Map<String, BufferedImage> misclassified, List<String> skipped) {

    public Evaluation {
        predictions = List.copyOf(predictions);
        misclassified = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(misclassified));
        skipped = List.copyOf(skipped);
    }

    /** Fraction of samples classified right. */
    public double accuracy() {
        return matrix.accuracy();
    }

    /** Per-class precision, recall, F1 and support, with macro and weighted averages. */
    public ClassificationMetrics metrics() {
        return matrix.metrics();
    }

    /** A report builder filled with this evaluation (add a title, history or folds, then write it). */
    public EvaluationReport.Builder report() {
        return EvaluationReport.builder(matrix).predictions(predictions).misclassifiedImages(misclassified);
    }
}
