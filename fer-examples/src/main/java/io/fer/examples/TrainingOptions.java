package io.fer.examples;

import io.fer.examples.Converters.Epochs;
import io.fer.examples.Converters.LearningRates;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The training recipe's options, shared by {@code fer train} and {@code fer experiment}; defaults follow the paper. */
final class TrainingOptions {
    @Option(names = "--weights", defaultValue = "auto", paramLabel = "imagenet|fer2013|none|FILE",
            description = "Starting weights of the backbone: imagenet (Keras' files, cached in FER_HOME/weights), "
                    + "fer2013 (fer's own B0 trained on FER2013, in fer-zoo), none (random initialisation), or a "
                    + "Keras .h5 file; auto is imagenet for b0..b7 and none for cnn. "
                    + "Default: ${DEFAULT-VALUE}.")
    String weights;

    @Option(names = "--allow-download", defaultValue = "false",
            description = "Download missing ImageNet weights (verified by MD5). Default: ${DEFAULT-VALUE}: never "
                    + "touch the network.")
    boolean allowDownload;

    @Option(names = "--freeze-until", defaultValue = "auto", paramLabel = "INDEX|LAYER",
            description = "Phase 2 trains the backbone from this Keras layer on (negative counts from the end; or a "
                    + "layer name, see fer layers); auto is -6 from pretrained weights and 0 (every layer) from "
                    + "random initialisation. Default: ${DEFAULT-VALUE}.")
    String freezeUntil;

    @Option(names = "--epochs", defaultValue = "auto", paramLabel = "P1,P2", converter = Converters.EpochsConverter.class,
            description = "Epochs of phase 1 (feature extraction) and phase 2 (fine-tuning); 0 skips a phase; auto "
                    + "is 50,50 from pretrained weights and 0,50 from random initialisation (a head on random "
                    + "filters learns nothing, so the whole network trains, as the paper's CNN does). "
                    + "Default: ${DEFAULT-VALUE}.")
    Epochs epochs;

    @Option(names = "--lr", defaultValue = "auto", paramLabel = "LR1,LR2",
            converter = Converters.LearningRatesConverter.class,
            description = "Adam learning rates of phase 1 and phase 2; auto is 1e-3,1e-4 from pretrained weights and "
                    + "1e-3,1e-3 from random initialisation. Default: ${DEFAULT-VALUE}.")
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

    /**
     * The recipe for one backbone and input size (0: the backbone's own). From random initialisation, the
     * {@code auto} defaults train every layer, batch norm included, for 50 epochs at 1e-3 (the paper's CNN recipe).
     */
    TrainingRecipe recipe(io.fer.models.Backbone backbone, int inputSize) {
        io.fer.train.Weights start = TrainingRecipe.weights(weights, backbone);
        boolean scratch = start == io.fer.train.Weights.none();
        String freeze = freezeUntil.trim().equals("auto") ? (scratch ? "0" : "-6") : freezeUntil;
        Epochs e = epochs != null ? epochs : scratch ? new Epochs(0, 50) : new Epochs(50, 50);
        LearningRates lr = learningRates != null ? learningRates
                : scratch ? new LearningRates(1e-3, 1e-3) : new LearningRates(1e-3, 1e-4);
        boolean wholeNetwork = scratch && TrainingRecipe.freezePoint(freeze).equals("0");
        return new TrainingRecipe(backbone, start, allowDownload, TrainingRecipe.freezePoint(freeze), e, lr, batch,
                inputSize, validation, !noAugmentation, seed, cropCache, wholeNetwork);
    }
}
