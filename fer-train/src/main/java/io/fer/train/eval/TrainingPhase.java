package io.fer.train.eval;

/**
 * Which of the two training phases something belongs to: phase 1 trains the new head on the frozen backbone, phase 2
 * also fine-tunes the backbone's last layers. Reports and checkpoints write it as its {@link #number()}.
 */
public enum TrainingPhase {
    /** Phase 1: the head alone, on the frozen backbone. */
    FEATURE_EXTRACTION(1, "feature extraction"),
    /** Phase 2: the head and the backbone's layers from the freeze point on. */
    FINE_TUNING(2, "fine-tuning");

    private final int number;
    private final String displayName;

    TrainingPhase(int number, String displayName) {
        this.number = number;
        this.displayName = displayName;
    }

    /** 1 or 2, as reports, logs and checkpoints write it. */
    public int number() {
        return number;
    }

    /** The name in reports: "feature extraction" or "fine-tuning". */
    public String displayName() {
        return displayName;
    }

    /**
     * The phase with this number.
     *
     * @throws IllegalArgumentException naming the number unless it is 1 or 2
     */
    public static TrainingPhase of(int number) {
        for (TrainingPhase p : values()) {
            if (p.number == number) {
                return p;
            }
        }
        throw new IllegalArgumentException("phase must be 1 (" + FEATURE_EXTRACTION.displayName + ") or 2 ("
                + FINE_TUNING.displayName + "), got " + number);
    }
}
