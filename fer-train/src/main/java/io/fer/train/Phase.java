package io.fer.train;

import java.util.Objects;

/**
 * One training phase: how many epochs at which Adam learning rate, and how that rate changes over the phase. Zero
 * epochs skips the phase.
 *
 * @param epochs passes over the training data (0 = skip)
 * @param learningRate Adam's (peak) learning rate
 * @param schedule how the rate changes over the phase's steps
 */
public record Phase(int epochs, double learningRate, LearningRateSchedule schedule) {

    public Phase {
        if (epochs < 0) {
            throw new IllegalArgumentException("Epochs must be 0 or more, got " + epochs);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("Learning rate must be positive, got " + learningRate);
        }
        Objects.requireNonNull(schedule, "schedule");
    }

    /** A phase at a constant learning rate. */
    public Phase(int epochs, double learningRate) {
        this(epochs, learningRate, LearningRateSchedule.constant());
    }

    /** The paper's phase 1, feature extraction: 50 epochs at 1e-3. */
    public static Phase featureExtraction() {
        return new Phase(50, 1e-3);
    }

    /** The paper's phase 2, fine-tuning: 50 epochs at 1e-4. */
    public static Phase fineTuning() {
        return new Phase(50, 1e-4);
    }

    /** This phase with another schedule. */
    public Phase withSchedule(LearningRateSchedule value) {
        return new Phase(epochs, learningRate, value);
    }

    /** Whether the phase runs at all. */
    public boolean enabled() {
        return epochs > 0;
    }

    @Override
    public String toString() {
        return epochs + " epochs at lr " + learningRate
                + (schedule instanceof LearningRateSchedule.Constant ? "" : " (" + schedule + ")");
    }
}
