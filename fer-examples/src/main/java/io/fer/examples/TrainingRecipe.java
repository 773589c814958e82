package io.fer.examples;

import io.fer.examples.Converters.Epochs;
import io.fer.examples.Converters.LearningRates;
import io.fer.models.Backbone;
import io.fer.models.WeightFileException;
import io.fer.models.weights.ImageNetWeights;
import io.fer.train.FerModel;
import io.fer.train.FerModelBuilder;
import io.fer.train.Trainer;
import io.fer.train.TrainingConfig;
import io.fer.train.Weights;
import io.fer.train.augment.Augmentation;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything {@link FerModel#builder()} is told by the command line, checked before any work starts.
 *
 * @param backbone the backbone
 * @param weights its starting weights
 * @param allowDownload whether missing ImageNet weights may be downloaded
 * @param freezeUntil a Keras layer index (negative from the end) or layer name
 * @param epochs epochs of both phases
 * @param learningRates learning rates of both phases
 * @param batch mini-batch size
 * @param inputSize input size in pixels; 0 for the backbone's own
 * @param validation fraction of the training data held out for validation (0: none)
 * @param augmentation whether the paper's augmentation is on
 * @param seed the seed
 * @param cropCache the crop cache folder, or null for none
 * @param trainBatchNorm whether batch normalization trains (from random initialisation, where its statistics are
 *     not yet meaningful)
 */
record TrainingRecipe(Backbone backbone, Weights weights, boolean allowDownload, String freezeUntil, Epochs epochs,
        LearningRates learningRates, int batch, int inputSize, double validation, boolean augmentation, long seed,
        Path cropCache, boolean trainBatchNorm) {

    /** Parses {@code --weights}: {@code auto} is ImageNet for EfficientNet and none for the plain CNN. */
    static Weights weights(String text, Backbone backbone) {
        if (text.trim().equalsIgnoreCase("auto")) {
            return backbone.isEfficientNet() ? Weights.imagenet() : Weights.none();
        }
        return Weights.parse(text.trim());
    }

    /** {@code --freeze-until} as given (trimmed). */
    static String freezePoint(String text) {
        return text.trim();
    }

    /** The input size actually used. */
    int effectiveInputSize() {
        return inputSize > 0 ? inputSize : backbone.defaultInputSize();
    }

    /** This recipe for another backbone (keeping the weights' kind: ImageNet, none or a file) and input size. */
    TrainingRecipe with(Backbone otherBackbone, int otherInputSize) {
        return new TrainingRecipe(otherBackbone, weights, allowDownload, freezeUntil, epochs, learningRates, batch,
                otherInputSize, validation, augmentation, seed, cropCache, trainBatchNorm);
    }

    /** This recipe with other epochs. */
    TrainingRecipe with(Epochs otherEpochs) {
        return new TrainingRecipe(backbone, weights, allowDownload, freezeUntil, otherEpochs, learningRates, batch,
                inputSize, validation, augmentation, seed, cropCache, trainBatchNorm);
    }

    /**
     * Checks the arguments: the command line's own ranges here, everything else by the library's
     * {@link TrainingConfig} (the freeze point exists in the backbone, the weights fit it, the input size is one it
     * takes).
     *
     * @throws IllegalArgumentException naming the bad value
     */
    void checkArguments() {
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
        }
        if (validation < 0 || validation >= 1) {
            throw new IllegalArgumentException("--validation must be a fraction in [0, 1), got " + validation);
        }
        config();
    }

    /** The library's validated configuration of this recipe. */
    TrainingConfig config() {
        return builder(null).config();
    }

    /**
     * Makes sure the starting weights are at hand before the data is read, as the library's {@link Trainer} finds
     * them: ImageNet weights cached (or downloaded, with {@code --allow-download}), a weights file present.
     *
     * @throws io.fer.models.WeightFileException offline without the cached file; its message names the URL
     *     and the path to put the file at
     * @throws IllegalArgumentException if a weights file does not exist
     */
    void checkWeightsAvailable() {
        try {
            new Trainer(config()).startingWeights();
        } catch (WeightFileException e) {
            // the library's message says where to put the file; say how the command line allows downloads
            boolean hint = weights == Weights.imagenet() && !allowDownload
                    && !Files.exists(ImageNetWeights.standard().cachedPath(backbone));
            throw hint ? new IllegalStateException(e.getMessage() + "; on the command line: --allow-download", e) : e;
        }
    }

    /** A model builder set up with this recipe; progress lines go to {@code progress} (null: none). */
    FerModelBuilder builder(PrintStream progress) {
        FerModelBuilder b = FerModel.builder().backbone(backbone).weights(weights).allowDownload(allowDownload)
                .featureExtraction(epochs.featureExtraction(), learningRates.featureExtraction())
                .fineTuning(epochs.fineTuning(), learningRates.fineTuning()).batchSize(batch)
                .augmentation(augmentation ? Augmentation.paper() : Augmentation.none())
                .validationFraction(validation).seed(seed).cropCache(cropCache).trainBatchNorm(trainBatchNorm);
        Integer index = freezeIndex();
        if (index != null) {
            b.freezeUntil(index);
        } else {
            b.freezeUntil(freezeUntil);
        }
        if (inputSize > 0) {
            b.inputSize(inputSize);
        }
        return progress == null ? b.quiet() : b.progress(progress);
    }

    /** The recipe as report lines. */
    Map<String, String> describe() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("backbone", backbone.label());
        info.put("input size", effectiveInputSize() + " px");
        info.put("weights", weights.toString());
        info.put("freeze until", freezeUntil);
        info.put("epochs", epochs.featureExtraction() + " feature extraction, " + epochs.fineTuning()
                + " fine-tuning");
        info.put("learning rates", Converters.plain(learningRates.featureExtraction()) + " (phase 1), "
                + Converters.plain(learningRates.fineTuning()) + " (phase 2)");
        if (trainBatchNorm) {
            info.put("batch norm", "trained (every layer from random initialisation)");
        }
        info.put("batch size", Integer.toString(batch));
        info.put("augmentation", augmentation ? "paper (flip, rotation 10°, zoom 1.1, shifts 10%)" : "none");
        info.put("validation", validation > 0 ? validation + " of each training set, best epoch kept"
                : "none (last epoch kept)");
        info.put("seed", Long.toString(seed));
        return info;
    }

    private Integer freezeIndex() {
        try {
            return Integer.valueOf(freezeUntil);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
