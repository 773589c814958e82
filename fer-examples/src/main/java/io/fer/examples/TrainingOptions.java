package io.fer.examples;

import io.fer.examples.Converters.Epochs;
import io.fer.examples.Converters.LearningRates;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The training recipe's options, shared by {@code fer train} and {@code fer experiment}; defaults follow the paper. */
final class TrainingOptions {
    @Option(names = "--weights", defaultValue = "auto", paramLabel = "imagenet|none|FILE",
            description = "Starting weights of the backbone: imagenet (Keras' files, cached in FER_HOME/weights), none "
                    + "(random initialisation), or a Keras .h5 file; auto is imagenet for b0..b7 and none for cnn. "
                    + "Default: ${DEFAULT-VALUE}.")
    String weights;

    @Option(names = "--allow-download", defaultValue = "false",
            description = "Download missing ImageNet weights (verified by MD5). Default: ${DEFAULT-VALUE}: never "
                    + "touch the network.")
    boolean allowDownload;

    @Option(names = "--freeze-until", defaultValue = "-6", paramLabel = "INDEX|LAYER",
            description = "Phase 2 trains the backbone from this Keras layer on (negative counts from the end; or a "
                    + "layer name, see fer layers). Default: ${DEFAULT-VALUE}.")
    String freezeUntil;

    @Option(names = "--epochs", defaultValue = "50,50", paramLabel = "P1,P2", converter = Converters.EpochsConverter.class,
            description = "Epochs of phase 1 (feature extraction) and phase 2 (fine-tuning); 0 skips a phase. "
                    + "Default: ${DEFAULT-VALUE}.")
    Epochs epochs;

    @Option(names = "--lr", defaultValue = "1e-3,1e-4", paramLabel = "LR1,LR2",
            converter = Converters.LearningRatesConverter.class,
            description = "Adam learning rates of phase 1 and phase 2. Default: ${DEFAULT-VALUE}.")
    LearningRates learningRates;

    @Option(names = "--batch", defaultValue = "32", paramLabel = "N",
            description = "Mini-batch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--validation", defaultValue = "0", paramLabel = "FRACTION",
            description = "Hold out this fraction of each training set for validation, and keep the weights of the "
                    + "epoch that scores best on it (0: none, keep the last epoch). Default: ${DEFAULT-VALUE}.")
    double validation;

    @Option(names = "--no-augmentation", defaultValue = "false",
            description = "Turn off the paper's augmentation (flip, rotation ±10°, zoom 1.1, shifts ±10%%). "
                    + "Default: ${DEFAULT-VALUE}.")
    boolean noAugmentation;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed of splits, initialisation, shuffling and augmentation. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--crop-cache", paramLabel = "DIR",
            defaultValue = "${sys:fer.home:-${env:FER_HOME:-${sys:user.home}/.fer}}/crops",
            description = "Where face crops of image files are cached between runs. Default: ${DEFAULT-VALUE}.")
    Path cropCache;

    /** The recipe for one backbone and input size (0: the backbone's own). */
    TrainingRecipe recipe(io.fer.models.Backbone backbone, int inputSize) {
        return new TrainingRecipe(backbone, TrainingRecipe.weights(weights, backbone), allowDownload,
                TrainingRecipe.freezePoint(freezeUntil), epochs, learningRates, batch, inputSize, validation,
                !noAugmentation, seed, cropCache);
    }
}
