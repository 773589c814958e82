package io.fer.train;

import io.fer.train.eval.EpochMetrics;
import io.fer.train.eval.TrainingPhase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default progress report: a log line per phase and per finished epoch, through SLF4J. */
final class ProgressLog implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(FerModel.class);

    private int epochs;

    @Override
    public void phaseStarted(TrainingPhase phase, int epochs, int batchesPerEpoch) {
        this.epochs = epochs;
        LOG.info("phase {} ({}): {} epochs of {} batches", phase.number(), phase.displayName(), epochs,
                batchesPerEpoch);
    }

    @Override
    public void epochFinished(EpochMetrics m) {
        if (LOG.isInfoEnabled()) {
            LOG.info(String.format(java.util.Locale.ROOT, "phase %d epoch %d/%d loss %.4f acc %.4f%s (%.1f s)",
                    m.phase().number(), m.epoch(), epochs, m.trainLoss(), m.trainAccuracy(),
                    m.validationLoss() == null ? ""
                            : String.format(java.util.Locale.ROOT, " val_loss %.4f val_acc %.4f",
                                    m.validationLoss(), m.validationAccuracy()), m.seconds()));
        }
    }
}
