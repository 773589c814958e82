package io.fer.train.eval;

import java.util.Objects;

/**
 * One epoch of training, as the trainer records it.
 *
 * @param phase feature extraction (frozen backbone) or fine-tuning
 * @param epoch the epoch within its phase, from 1
 * @param trainLoss mean training loss
 * @param trainAccuracy training accuracy, 0..1
 * @param validationLoss validation loss, or null without a validation set
 * @param validationAccuracy validation accuracy, or null
 * @param seconds wall time of the epoch
 */
public record EpochMetrics(TrainingPhase phase, int epoch, double trainLoss, double trainAccuracy, Double validationLoss,
        Double validationAccuracy, double seconds) {

    public EpochMetrics {
        Objects.requireNonNull(phase, "phase");
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch numbers start at 1, got " + epoch + " in phase " + phase.number());
        }
    }

    /** The phase's name: "feature extraction" or "fine-tuning". */
    public String phaseName() {
        return phase.displayName();
    }
}
