package io.fer.train.protocol;

import io.fer.train.data.Dataset;
import java.util.Objects;

/**
 * One train/test split of an evaluation protocol.
 *
 * @param name how reports name it, e.g. {@code "fold 3/10"} or {@code "subject KA"}
 * @param train the samples to train (and validate) on
 * @param test the held-out samples, never seen in training
 */
public record Fold(String name, Dataset train, Dataset test) {

    public Fold {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }
}
