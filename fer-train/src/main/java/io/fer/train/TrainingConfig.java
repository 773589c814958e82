package io.fer.train;

import com.google.gson.JsonObject;
import io.fer.core.face.CropSettings;
import io.fer.models.Backbone;
import io.fer.models.internal.efficientnet.EfficientNetGraph;
import io.fer.train.augment.Augmentation;
import io.fer.train.data.Dataset;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable, validated training configuration: what {@link FerModelBuilder} collects and a {@link Trainer} runs,
 * in the spirit of DJL's {@code DefaultTrainingConfig} and DL4J's {@code FineTuneConfiguration}. Everything that can
 * be checked without the data is checked when it is made (the freeze point exists in the backbone and is resolved,
 * the weights fit the backbone, the input size is one the backbone takes), so a bad setting fails before any image
 * is read. Its JSON form is the settings part of the training summary in the model directory.
 *
 * @param backbone the backbone
 * @param weights starting weights of the backbone
 * @param allowDownload whether ImageNet weights may be downloaded
 * @param inputSize input height and width; 0 for the backbone's own (or fer's model's, with its weights)
 * @param head the classifier head
 * @param freeze where phase 2 starts training
 * @param trainBatchNorm whether batch normalization of unfrozen layers trains in phase 2
 * @param backboneDropout whether EfficientNet's stochastic depth is active in phase 2
 * @param featureExtraction phase 1
 * @param fineTuning phase 2
 * @param batchSize mini-batch size
 * @param augmentation training-time augmentation
 * @param validation validation data, or null
 * @param validationFraction fraction of the training data held out for validation (0: none)
 * @param keepBestEpoch whether the epoch with the best validation accuracy is kept
 * @param seed seed of everything random
 * @param labelSmoothing Keras' label smoothing, 0 for one-hot targets
 * @param checkpoints folder of per-epoch checkpoints, or null
 * @param epochLimit epochs of one {@code fit} call at most, -1 for no limit
 * @param classWeights loss weight per class label, or null
 * @param balancedClassWeights whether class weights are inversely proportional to class frequency
 * @param crop crop settings, or null for the defaults that fit the data set
 * @param cropCache folder of the crop cache, or null for none
 * @param featureVariants augmentation variants of phase 1's feature cache, 0 for none
 * @param listeners listeners of epochs and batches
 * @param progress where progress lines go, or null for the log
 */
public record TrainingConfig(Backbone backbone, Weights weights, boolean allowDownload, int inputSize, Head head,
        FreezePoint freeze, boolean trainBatchNorm, boolean backboneDropout,
        Phase featureExtraction, Phase fineTuning, int batchSize, Augmentation augmentation, Dataset validation,
        double validationFraction, boolean keepBestEpoch, long seed, double labelSmoothing, Path checkpoints,
        int epochLimit, Map<String, Double> classWeights, boolean balancedClassWeights, CropSettings crop,
        Path cropCache, int featureVariants, List<TrainingListener> listeners, PrintStream progress) {

    /**
     * Checks the settings against each other.
     *
     * @throws IllegalArgumentException naming the setting and value that do not fit
     */
    public TrainingConfig {
        Objects.requireNonNull(backbone, "backbone");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(freeze, "freeze");
        Objects.requireNonNull(featureExtraction, "featureExtraction");
        Objects.requireNonNull(fineTuning, "fineTuning");
        Objects.requireNonNull(augmentation, "augmentation");
        listeners = List.copyOf(listeners);
        classWeights = classWeights == null ? null : Map.copyOf(classWeights);
        freeze.resolve(backbone); // a layer the backbone lacks, or an index out of its range, fails here
        if (!featureExtraction.enabled() && !fineTuning.enabled()) {
            throw new IllegalArgumentException("Both phases have 0 epochs: nothing to train");
        }
        if (weights == Weights.imagenet() && !backbone.isEfficientNet()) {
            throw new IllegalArgumentException("The plain CNN has no ImageNet weights; use Weights.none() or a file");
        }
        if (weights == Weights.fer2013() && backbone != Backbone.B0) {
            throw new IllegalArgumentException("fer's FER2013 weights are EfficientNet-B0's; the backbone is "
                    + backbone.name() + " (use Backbone.B0, or other weights)");
        }
        if (inputSize != 0 && inputSize < 8) {
            throw new IllegalArgumentException("Input size must be at least 8 pixels, got " + inputSize);
        }
        if (backbone.isEfficientNet() && inputSize != 0 && inputSize < EfficientNetGraph.MIN_INPUT_SIZE) {
            throw new IllegalArgumentException("Input size " + inputSize + " px is too small for "
                    + backbone.displayName() + ": Keras' EfficientNet takes at least "
                    + EfficientNetGraph.MIN_INPUT_SIZE + " pixels");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("Batch size must be at least 1, got " + batchSize);
        }
        if (validationFraction < 0 || validationFraction >= 1) {
            throw new IllegalArgumentException("Validation fraction must be in [0, 1), got " + validationFraction);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("Label smoothing must be in [0, 1), got " + labelSmoothing);
        }
        if (epochLimit < -1) {
            throw new IllegalArgumentException("Epoch limit must be 0 or more, got " + epochLimit);
        }
        if (featureVariants < 0) {
            throw new IllegalArgumentException("Feature-cache variants must be 0 or more, got " + featureVariants);
        }
    }

    /** The freeze point resolved in the backbone's Keras layer list: phase 2 trains from this index on. */
    public int firstTrainableLayer() {
        return freeze.resolve(backbone);
    }

    /**
     * The settings as the model directory's training summary records them: weights, freeze point and first
     * trainable layer, batch norm, both phases, label smoothing (when on), batch size, augmentation and seed.
     */
    JsonObject toJson() {
        JsonObject s = new JsonObject();
        s.addProperty("weights", weights.toString());
        s.addProperty("freezeUntil", freeze.toString());
        s.addProperty("firstTrainableLayer", firstTrainableLayer());
        s.addProperty("trainBatchNorm", trainBatchNorm);
        s.addProperty("phase1", featureExtraction.toString());
        s.addProperty("phase2", fineTuning.toString());
        if (labelSmoothing > 0) {
            s.addProperty("labelSmoothing", labelSmoothing);
        }
        s.addProperty("batchSize", batchSize);
        s.addProperty("augmentation", augmentation.toString());
        s.addProperty("seed", seed);
        return s;
    }
}
