package io.fer.train.eval;

/**
 * One epoch of training, as the trainer records it.
 *
 * @param phase 1 for feature extraction (frozen backbone), 2 for fine-tuning
 * @param epoch the epoch within its phase, from 1
 * @param trainLoss mean training loss
 * @param trainAccuracy training accuracy, 0..1
 * @param validationLoss validation loss, or null without a validation set
 * @param validationAccuracy validation accuracy, or null
 * @param seconds wall time of the epoch
 */
public record EpochMetrics(int phase, int epoch, double trainLoss, double trainAccuracy, Double validationLoss,
        Double validationAccuracy, double seconds) {

    /** Phase 1's name in reports. */
    public static final String FEATURE_EXTRACTION = "feature extraction";
    /** Phase 2's name in reports. */
    public static final String FINE_TUNING = "fine-tuning";

    public EpochMetrics {
        if (phase != 1 && phase != 2) {
            throw new IllegalArgumentException("phase must be 1 (" + FEATURE_EXTRACTION + ") or 2 (" + FINE_TUNING
                    + "), got " + phase);
        }
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch numbers start at 1, got " + epoch + " in phase " + phase);
        }
    }

    /** The phase's name: "feature extraction" or "fine-tuning". */
    public String phaseName() {
        return phaseName(phase);
    }

    /** The name of phase 1 or 2. */
    public static String phaseName(int phase) {
        return phase == 1 ? FEATURE_EXTRACTION : FINE_TUNING;
    }
}
