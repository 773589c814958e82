package io.fer.train;

import io.fer.train.eval.EpochMetrics;
import io.fer.train.eval.TrainingPhase;

/** Hears about training progress; every method has an empty default. Called on the training thread. */
public interface TrainingListener {

    /** A phase starts. */
    default void phaseStarted(TrainingPhase phase, int epochs, int batchesPerEpoch) {}

    /** A batch finished with its mean loss and accuracy. */
    default void batchFinished(TrainingPhase phase, int epoch, int batch, int batches, double loss,
            double accuracy) {}

    /** An epoch finished. */
    default void epochFinished(EpochMetrics metrics) {}

    /** A phase finished. */
    default void phaseFinished(TrainingPhase phase) {}
}
