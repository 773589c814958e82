package io.fer.train;

import io.fer.train.eval.EpochMetrics;
import io.fer.train.eval.TrainingPhase;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints training progress: a line per batch that overwrites itself (phase, epoch, batch, loss, accuracy, time
 * left in the phase) and one line per finished epoch.
 */
final class ProgressPrinter implements TrainingListener {
    private final PrintStream out;
    private long phaseStart;
    private int epochs;
    private int batchesPerEpoch;
    private long lastLine;

    /** Prints to {@code out}. */
    public ProgressPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void phaseStarted(TrainingPhase phase, int epochs, int batchesPerEpoch) {
        this.phaseStart = System.nanoTime();
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        out.printf(Locale.ROOT, "phase %d (%s): %d epochs of %d batches%n", phase.number(),
                phase.displayName(), epochs, batchesPerEpoch);
    }

    @Override
    public void batchFinished(TrainingPhase phase, int epoch, int batch, int batches, double loss, double accuracy) {
        long now = System.nanoTime();
        if (now - lastLine < 250_000_000L && batch < batches) {
            return; // a few updates a second are enough to read; more only fill logs
        }
        lastLine = now;
        long done = (long) (epoch - 1) * batchesPerEpoch + batch;
        long total = (long) epochs * batchesPerEpoch;
        double elapsed = (System.nanoTime() - phaseStart) / 1e9;
        double left = done == 0 ? 0 : elapsed / done * (total - done);
        out.printf(Locale.ROOT, "\r  epoch %d/%d batch %d/%d loss %.4f acc %.3f, %s left   ", epoch, epochs, batch,
                batches, loss, accuracy, duration(left));
        out.flush();
    }

    @Override
    public void epochFinished(EpochMetrics m) {
        out.printf(Locale.ROOT, "\r  epoch %d/%d loss %.4f acc %.3f%s (%.1f s)%s%n", m.epoch(), epochs, m.trainLoss(),
                m.trainAccuracy(), m.validationLoss() == null ? ""
                        : String.format(Locale.ROOT, " val_loss %.4f val_acc %.3f", m.validationLoss(),
                                m.validationAccuracy()), m.seconds(), " ".repeat(12));
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
