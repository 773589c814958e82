package io.fer.train.protocol;

import io.fer.train.data.Dataset;
import java.util.List;

/**
 * An evaluation protocol: how a dataset is split into train and test folds.
 *
 * <p>Every fold's train and test sets are disjoint; subject-based protocols also keep every subject (and so every
 * recording sequence) on one side only.
 */
public interface Protocol {

    /** A short description for reports, e.g. {@code "subject-independent 10-fold (seed 42)"}. */
    String description();

    /**
     * Splits {@code dataset} into folds.
     *
     * @throws IllegalArgumentException if the dataset does not suit the protocol (too few subjects, a sample without
     *     a subject id, a label outside the dataset's classes …); the message names the offending sample or value
     */
    List<Fold> folds(Dataset dataset);
}
