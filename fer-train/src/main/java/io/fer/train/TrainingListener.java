package io.fer.train;

import io.fer.train.eval.EpochMetrics;

/** Hears about training progress; every method has an empty default. Called on the training thread. */
public interface TrainingListener {

    /** A phase starts: phase 1 (feature extraction) or 2 (fine-tuning). */
    default void phaseStarted(int phase, int epochs, int batchesPerEpoch) {}

    /** A batch finished with its mean loss and accuracy. */
    default void batchFinished(int phase, int epoch, int batch, int batches, double loss, double accuracy) {}

    /** An epoch finished. */
    default void epochFinished(EpochMetrics metrics) {}

    /** A phase finished. */
    default void phaseFinished(int phase) {}
}
