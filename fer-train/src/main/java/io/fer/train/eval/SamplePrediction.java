package io.fer.train.eval;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a model said about one test sample.
 *
 * @param sampleId the sample's id within its dataset
 * @param file the source file as text, or null for generated images
 * @param fold the fold that tested it (e.g. {@code "fold 3/10"}), or null
 * @param trueIndex the true class, an index into the report's labels
 * @param predictedIndex the predicted class
 * @param probabilities the model's class probabilities, one per label, finite; copied
 */
public record SamplePrediction(String sampleId, String file, String fold, int trueIndex, int predictedIndex,
        double[] probabilities) {

    public SamplePrediction {
        Objects.requireNonNull(sampleId, "sampleId");
        probabilities = probabilities.clone();
        for (double p : probabilities) {
            if (!Double.isFinite(p)) {
                throw new IllegalArgumentException("sample '" + sampleId + "' has a non-finite class probability "
                        + Arrays.toString(probabilities));
            }
        }
    }

    /**
     * The prediction for a probability vector: {@code probabilities[offset .. offset + classes)}, the predicted class
     * its largest entry (the first of equal ones). The one place where fer-train turns probabilities into a class.
     */
    public static SamplePrediction ofProbabilities(String sampleId, String file, String fold, int trueIndex,
            float[] probabilities, int offset, int classes) {
        double[] p = new double[classes];
        int best = 0;
        for (int k = 0; k < classes; k++) {
            p[k] = probabilities[offset + k];
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return new SamplePrediction(sampleId, file, fold, trueIndex, best, p);
    }

    /** Whether the prediction is right. */
    public boolean correct() {
        return trueIndex == predictedIndex;
    }

    /** The probability given to the predicted class. */
    public double confidence() {
        return probabilities[predictedIndex];
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SamplePrediction p && sampleId.equals(p.sampleId) && Objects.equals(file, p.file)
                && Objects.equals(fold, p.fold) && trueIndex == p.trueIndex && predictedIndex == p.predictedIndex
                && Arrays.equals(probabilities, p.probabilities);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sampleId, file, fold, trueIndex, predictedIndex, Arrays.hashCode(probabilities));
    }

    @Override
    public String toString() {
        return "SamplePrediction[" + sampleId + ", true " + trueIndex + ", predicted " + predictedIndex + ", "
                + Arrays.toString(probabilities) + "]";
    }
}
