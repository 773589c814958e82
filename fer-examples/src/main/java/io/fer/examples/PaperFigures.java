package io.fer.examples;

import java.util.Map;
import java.util.Optional;

/**
 * Figures from Alam, Kartowisastro and Wicaksono (2022) that the experiment tables print beside ours. Only figures
 * the paper states are here; where it gives none, the tables leave the cell blank rather than guess.
 */
final class PaperFigures {
    /** EfficientNet-B0 (feature extraction + fine-tuning) test accuracy, by data set. */
    private static final Map<String, Double> B0_ACCURACY = Map.of("ckplus", 0.9957, "jaffe", 1.0);

    /** The paper's protocol, for captions. */
    static final String PAPER_PROTOCOL = "a random 90/10 train/test split";

    private PaperFigures() {}

    /** The paper's accuracy of EfficientNet-B0 with both phases on a data set kind, if it states one. */
    static Optional<Double> b0Accuracy(DataKind kind) {
        return Optional.ofNullable(B0_ACCURACY.get(kind.name().equals("ck+") ? "ckplus" : kind.name()));
    }
}
