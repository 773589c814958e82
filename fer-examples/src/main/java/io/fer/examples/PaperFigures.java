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
    /** Table 1, the plain CNN: test accuracy by data set and input size, where the paper states it. */
    private static final Map<String, Map<Integer, Double>> CNN_ACCURACY = Map.of(
            "ckplus", Map.of(48, 0.9545, 360, 0.5758),
            "jaffe", Map.of(360, 0.9167, 128, 0.9167));
    /** Table 3, EfficientNet-B1..B7: test accuracy by data set and backbone, where the paper states it. */
    private static final Map<String, Map<String, Double>> EFFICIENTNET_ACCURACY = Map.of(
            "ckplus", Map.of("b3", 0.9545),
            "jaffe", Map.of("b1", 1.0, "b2", 1.0, "b3", 1.0, "b4", 1.0, "b5", 1.0, "b6", 1.0, "b7", 1.0));

    /** The paper's protocol, for captions. */
    static final String PAPER_PROTOCOL = "a random 90/10 train/test split";

    private PaperFigures() {}

    /** The paper's accuracy of EfficientNet-B0 with both phases on a data set kind, if it states one. */
    static Optional<Double> b0Accuracy(DataKind kind) {
        return Optional.ofNullable(B0_ACCURACY.get(key(kind)));
    }

    /** Table 1: the paper's accuracy of its plain CNN at {@code inputSize} on a data set kind, if it states one. */
    static Optional<Double> cnnAccuracy(DataKind kind, int inputSize) {
        return Optional.ofNullable(CNN_ACCURACY.getOrDefault(key(kind), Map.of()).get(inputSize));
    }

    /** Table 3: the paper's accuracy of an EfficientNet ({@code "b0"} .. {@code "b7"}) on a data set kind. */
    static Optional<Double> efficientNetAccuracy(DataKind kind, String backbone) {
        if (backbone.equals("b0")) {
            return b0Accuracy(kind);
        }
        return Optional.ofNullable(EFFICIENTNET_ACCURACY.getOrDefault(key(kind), Map.of()).get(backbone));
    }

    private static String key(DataKind kind) {
        return kind.name().equals("ck+") ? "ckplus" : kind.name();
    }
}
