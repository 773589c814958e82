package io.fer.examples;

import io.fer.core.face.CropSettings;
import io.fer.models.Backbone;
import io.fer.train.Evaluation;
import io.fer.train.FerModel;
import io.fer.train.FerModelBuilder;
import io.fer.train.Head;
import io.fer.train.LearningRateSchedule;
import io.fer.train.Phase;
import io.fer.train.TrainingListener;
import io.fer.train.Weights;
import io.fer.train.augment.Augmentation;
import io.fer.train.data.Dataset;
import io.fer.train.data.Fer2013Dataset;
import io.fer.train.data.Sample;
import io.fer.train.eval.EpochMetrics;
import io.fer.train.eval.EvaluationReport;
import io.fer.train.eval.TrainingPhase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code fer pretrain}: trains fer's own expression model on FER2013, from random initialisation or from given
 * weights (the whole network, batch norm included, no frozen layers), validating on PublicTest after every epoch and
 * keeping the best epoch. The state is checkpointed after every epoch, and the same command run again resumes from
 * it. Writes the model directory, the backbone's Keras weights file (a transfer-learning start) and the PublicTest
 * report.
 */
@Command(name = "pretrain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train fer's own expression model on FER2013, from scratch or from given weights (train/ + val/ "
                + "folders or Kaggle's fer2013.csv), validating on PublicTest; resumable from its checkpoint.",
                "Writes OUT/model (model directory), OUT/backbone.h5 (Keras weights) and the PublicTest report."})
final class PretrainCommand implements Callable<Integer> {
    @ParentCommand
    FerCli cli;

    @Option(names = "--data", required = true, paramLabel = "DIR|CSV",
            description = "FER2013: a folder with train/ and val/ (or test/) class folders, or fer2013.csv.")
    Path data;

    @Option(names = "--out", defaultValue = "fer-runs/fer2013", paramLabel = "DIR",
            description = "Where the model, weights, report and checkpoint go. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--backbone", defaultValue = "b0", paramLabel = "b0..b7|cnn",
            converter = Converters.BackboneConverter.class, description = "Default: ${DEFAULT-VALUE}.")
    Backbone backbone;

    @Option(names = "--input-size", defaultValue = "64", paramLabel = "PIXELS",
            description = "Input size (FER2013's 48x48 faces are resized to it). Default: ${DEFAULT-VALUE}.")
    int inputSize;

    @Option(names = "--weights", defaultValue = "none", paramLabel = "none|fer2013|imagenet|FILE",
            description = "The backbone's starting weights: none (random initialisation), or a Keras weights file "
                    + "to go on from, e.g. an earlier run's backbone.h5 trained at another input size. The whole "
                    + "network trains either way. Default: ${DEFAULT-VALUE}.")
    String weights;

    @Option(names = "--epochs", defaultValue = "40", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--lr", defaultValue = "2e-3", paramLabel = "LR",
            description = "Adam's peak learning rate. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--schedule", defaultValue = "cosine:2", paramLabel = "constant|cosine[:WARMUP]",
            description = "Learning-rate schedule: warm-up epochs then cosine decay. Default: ${DEFAULT-VALUE}.")
    String schedule;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--label-smoothing", defaultValue = "0.1", paramLabel = "S",
            description = "Default: ${DEFAULT-VALUE}.")
    double labelSmoothing;

    @Option(names = "--dropout", defaultValue = "0.3", paramLabel = "P",
            description = "Dropout before the classifier. Default: ${DEFAULT-VALUE}.")
    double dropout;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
            description = "Use only the first N images of each class of each split (for trials; 0: all). "
                    + "Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--epoch-limit", defaultValue = "-1", paramLabel = "N",
            description = "Run at most N epochs now, then write the model as it stands (best epoch so far); the "
                    + "same command goes on later from the checkpoint. 0 writes the model of a run in progress. "
                    + "Default: ${DEFAULT-VALUE} (no limit).")
    int epochLimit;

    @Option(names = "--quiet", defaultValue = "false", description = "No progress lines. Default: ${DEFAULT-VALUE}.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        Console console = new Console(cli, quiet);
        Path root = out.toAbsolutePath().normalize();
        boolean inProgress = java.nio.file.Files.isRegularFile(root.resolve("checkpoint").resolve("checkpoint.json"));
        if (epochLimit == 0 && !inProgress) {
            throw new IllegalArgumentException("--epoch-limit 0 writes the model of a run in progress, but "
                    + root.resolve("checkpoint") + " holds no checkpoint");
        }
        Fer2013Dataset fer = Fer2013Dataset.load(data);
        Dataset train = limited(fer.train());
        Dataset val = limited(fer.validation().or(fer::test).orElseThrow(() -> new IllegalArgumentException(
                "FER2013 at " + data + " has no PublicTest (val/) or test split to validate on")));
        if (inProgress) {
            // a run of this command in progress: its folder is fer's already
            io.fer.train.internal.run.RunFolder.mark(root);
        } else {
            io.fer.train.internal.run.RunFolder.claim(root); // never overwrite a user's files
        }
        Weights start = Weights.parse(weights);
        FerModelBuilder builder = FerModel.builder().backbone(backbone).weights(start).inputSize(inputSize)
                .head(Head.standard().withDropout(dropout)).freezeUntil(0).trainBatchNorm(true)
                .featureExtraction(0, learningRate)
                .fineTuning(new Phase(epochs, learningRate, LearningRateSchedule.parse(schedule))).batchSize(batch)
                .augmentation(new Augmentation(true, 10, 1.1, 0.1, 0.1)).labelSmoothing(labelSmoothing)
                .validation(val).keepBestEpoch(true).seed(seed).cropCache(null).quiet()
                // FER2013's crops are only resized; the model records how a Recognizer frames faces cut from
                // photographs like them (fer-zoo/FRAMING.md)
                .crop(CropSettings.fer2013Framing(inputSize))
                .checkpoints(root.resolve("checkpoint"));
        if (epochLimit >= 0) {
            builder.epochLimit(epochLimit);
        }
        if (!quiet) {
            builder.listener(new EpochLines(console));
        }
        console.step("%s from %s on %s: %d training, %d validation images, %d px, %d epochs", backbone.label(),
                startName(start), data, train.samples().size(), val.samples().size(), inputSize, epochs);
        try (FerModel model = builder.fit(train)) {
            Evaluation evaluation = model.evaluate(val, "PublicTest");
            model.save(root.resolve("model"));
            if (backbone.isEfficientNet()) {
                model.saveBackboneWeights(root.resolve("backbone.h5"));
            }
            Map<String, String> info = new LinkedHashMap<>();
            info.put("data", "FER2013 " + data + " (Training " + train.samples().size() + ", PublicTest "
                    + val.samples().size() + ")");
            info.put("recipe", backbone.label() + " from " + startName(start) + ", " + inputSize + " px, " + epochs
                    + " epochs, Adam " + learningRate + " " + schedule + ", batch " + batch + ", label smoothing "
                    + labelSmoothing + ", dropout " + dropout + ", seed " + seed);
            EvaluationReport.Builder report = evaluation.report().title(backbone.label() + " on FER2013 PublicTest")
                    .history(model.history().epochs());
            info.forEach(report::info);
            report.build().writeTo(root);
            console.say("PublicTest accuracy %.2f %% (%d images); model in %s", 100 * evaluation.accuracy(),
                    evaluation.matrix().total(), root.resolve("model"));
        }
        return 0;
    }

    private static String startName(Weights start) {
        return start == Weights.none() ? "random initialisation" : "the weights " + start;
    }

    private Dataset limited(Dataset d) {
        if (limit <= 0) {
            return d;
        }
        Map<Object, Integer> seen = new LinkedHashMap<>();
        List<Sample> kept = new ArrayList<>();
        for (Sample s : d.samples()) {
            if (seen.merge(s.label(), 1, Integer::sum) <= limit) {
                kept.add(s);
            }
        }
        return d.subset(d.name(), kept);
    }

    /** One line per epoch and a heartbeat every few hundred batches, readable in a log file. */
    private static final class EpochLines implements TrainingListener {
        private final Console console;
        private long phaseStart;
        private long batchStart;
        private int epochs;

        EpochLines(Console console) {
            this.console = console;
        }

        @Override
        public void phaseStarted(TrainingPhase phase, int epochs, int batchesPerEpoch) {
            this.epochs = epochs;
            this.phaseStart = System.nanoTime();
            this.batchStart = phaseStart;
            console.step("phase %d: %d epochs of %d batches", phase.number(), epochs, batchesPerEpoch);
        }

        @Override
        public void batchFinished(TrainingPhase phase, int epoch, int batch, int batches, double loss,
                double accuracy) {
            if (batch % 100 == 0) {
                long now = System.nanoTime();
                console.step("  epoch %d batch %d/%d loss %.4f acc %.3f (%.1f s per 100 batches)", epoch, batch,
                        batches, loss, accuracy, (now - batchStart) / 1e9);
                batchStart = now;
            }
        }

        @Override
        public void epochFinished(EpochMetrics m) {
            console.step(String.format(Locale.ROOT, "epoch %d/%d loss %.4f acc %.4f val_loss %s val_acc %s (%.0f s)",
                    m.epoch(), epochs, m.trainLoss(), m.trainAccuracy(), m.validationLoss() == null ? "-"
                            : String.format(Locale.ROOT, "%.4f", m.validationLoss()), m.validationAccuracy() == null
                            ? "-" : String.format(Locale.ROOT, "%.4f", m.validationAccuracy()), m.seconds()));
            batchStart = System.nanoTime();
        }
    }
}
