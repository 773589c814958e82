package io.fer.train;

import io.fer.train.eval.EpochMetrics;
import io.fer.train.eval.TrainingPhase;
import java.util.List;

/**
 * What happened in {@link FerModelBuilder#fit(io.fer.train.data.Dataset)}: every epoch's metrics (phase 1 first), the epoch whose weights were
 * kept, and the inputs that could not be used.
 *
 * @param epochs one entry per epoch, phase 1 then phase 2
 * @param keptEpoch index into {@code epochs} of the weights the model holds (the best validation epoch when
 *     keep-the-best is on and there was validation data, else the last)
 * @param trainImages images trained on
 * @param validationImages images validated on (0 when none)
 * @param skipped source files left out (no face found under the SKIP policy), with reasons
 * @param seconds wall-clock time of the whole fit
 */
public record TrainingHistory(List<EpochMetrics> epochs, int keptEpoch, int trainImages, int validationImages,
        List<String> skipped, double seconds) {

    public TrainingHistory {
        epochs = List.copyOf(epochs);
        skipped = List.copyOf(skipped);
    }

    /** The epochs of one phase. */
    public List<EpochMetrics> phase(TrainingPhase phase) {
        return epochs.stream().filter(e -> e.phase() == phase).toList();
    }

    /** The last epoch's metrics, if any epoch ran. */
    public EpochMetrics last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }
}
