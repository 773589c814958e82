package io.fer.train;

/**
 * One training phase: how many epochs at which Adam learning rate. Zero epochs skips the phase.
 *
 * @param epochs passes over the training data (0 = skip)
 * @param learningRate Adam's learning rate
 */
public record Phase(int epochs, double learningRate) {

    public Phase {
        if (epochs < 0) {
            throw new IllegalArgumentException("Epochs must be 0 or more, got " + epochs);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("Learning rate must be positive, got " + learningRate);
        }
    }

    /** The paper's phase 1, feature extraction: 50 epochs at 1e-3. */
    public static Phase featureExtraction() {
        return new Phase(50, 1e-3);
    }

    /** The paper's phase 2, fine-tuning: 50 epochs at 1e-4. */
    public static Phase fineTuning() {
        return new Phase(50, 1e-4);
    }

    /** Whether the phase runs at all. */
    public boolean enabled() {
        return epochs > 0;
    }
}
