package io.fer.train;

import io.fer.core.face.CropSettings;
import io.fer.core.internal.FerHome;
import io.fer.models.Backbone;
import io.fer.train.augment.Augmentation;
import io.fer.train.data.ClassLabels;
import io.fer.train.data.Dataset;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Configures the paper's two-phase transfer learning into a {@link TrainingConfig} and runs it with a
 * {@link Trainer}: {@code builder()...fit(dataset)} is the short way in. Every setting has the paper's default:
 * EfficientNet-B0 with ImageNet weights at its own input size; a head of global average pooling, dropout 0.2 and a
 * dense softmax; phase 1 "feature extraction" trains only the head on the frozen backbone (50 epochs, Adam 1e-3);
 * phase 2 "fine-tuning" also trains the backbone from {@code freezeUntil(-6)} on (50 epochs, Adam 1e-4), batch norm
 * staying frozen; batch size 32; the paper's augmentation; seed 42.
 *
 * <pre>{@code
 * try (FerModel model = FerModel.builder()
 *         .backbone(Backbone.B0).weights(Weights.imagenet()).allowDownload(true)
 *         .freezeUntil(-6)
 *         .validationFraction(0.1)
 *         .fit(dataset)) {
 *     model.save(Path.of("my-model"));
 * }
 * }</pre>
 */
public final class FerModelBuilder {
    private Backbone backbone = Backbone.B0;
    private Weights weights = Weights.imagenet();
    private boolean allowDownload;
    private int inputSize;
    private Head head = Head.standard();
    private FreezePoint freeze = FreezePoint.index(-6);
    private boolean trainBatchNorm;
    private boolean backboneDropout;
    private Phase featureExtraction = Phase.featureExtraction();
    private Phase fineTuning = Phase.fineTuning();
    private int batchSize = 32;
    private Augmentation augmentation = Augmentation.paper();
    private Dataset validation;
    private double validationFraction;
    private boolean keepBestEpoch = true;
    private long seed = 42;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private PrintStream progress;
    private double labelSmoothing;
    private Path checkpoints;
    private int epochLimit = -1;
    private Map<String, Double> classWeights;
    private boolean balancedClassWeights;
    private CropSettings crop;
    private Path cropCache = FerHome.resolve("crops");
    private int featureVariants = 8;

    FerModelBuilder() {}

    /** The backbone: {@link Backbone#B0} .. {@link Backbone#B7}, or the paper's plain {@link Backbone#CNN}. */
    public FerModelBuilder backbone(Backbone value) {
        this.backbone = Objects.requireNonNull(value, "backbone");
        return this;
    }

    /** Starting weights of the backbone: ImageNet (default), none, or a Keras .h5 file. */
    public FerModelBuilder weights(Weights value) {
        this.weights = Objects.requireNonNull(value, "weights");
        return this;
    }

    /** Whether ImageNet weights may be downloaded when they are not cached (default: no network). */
    public FerModelBuilder allowDownload(boolean value) {
        this.allowDownload = value;
        return this;
    }

    /** Input height and width; default the backbone's own (224 for B0 … 600 for B7). */
    public FerModelBuilder inputSize(int pixels) {
        if (pixels < 8) {
            throw new IllegalArgumentException("Input size must be at least 8 pixels, got " + pixels);
        }
        this.inputSize = pixels;
        return this;
    }

    /** The classifier head. */
    public FerModelBuilder head(Head value) {
        this.head = Objects.requireNonNull(value, "head");
        return this;
    }

    /** Phase 2 trains layers from this Keras index on (negative counts from the end); earlier ones stay frozen. */
    public FerModelBuilder freezeUntil(int kerasIndex) {
        this.freeze = FreezePoint.index(kerasIndex);
        return this;
    }

    /** Phase 2 trains layers from this Keras layer on, e.g. {@code "block7a_se_excite"}. */
    public FerModelBuilder freezeUntil(String layerName) {
        this.freeze = FreezePoint.layer(Objects.requireNonNull(layerName, "layerName"));
        return this;
    }

    /**
     * Whether batch normalization of unfrozen layers trains in phase 2 (batch statistics, moving averages updated,
     * gamma and beta learned). Default no, as Keras' fine-tuning guide advises for small datasets.
     */
    public FerModelBuilder trainBatchNorm(boolean value) {
        this.trainBatchNorm = value;
        return this;
    }

    /** Whether EfficientNet's stochastic-depth dropout is active in phase 2 (default no). */
    public FerModelBuilder backboneDropout(boolean value) {
        this.backboneDropout = value;
        return this;
    }

    /** Phase 1, feature extraction (head only); {@code new Phase(0, lr)} skips it. */
    public FerModelBuilder featureExtraction(Phase value) {
        this.featureExtraction = Objects.requireNonNull(value, "phase");
        return this;
    }

    /** Phase 1 with {@code epochs} at {@code learningRate}. */
    public FerModelBuilder featureExtraction(int epochs, double learningRate) {
        return featureExtraction(new Phase(epochs, learningRate));
    }

    /** Phase 2, fine-tuning; {@code new Phase(0, lr)} skips it. */
    public FerModelBuilder fineTuning(Phase value) {
        this.fineTuning = Objects.requireNonNull(value, "phase");
        return this;
    }

    /** Phase 2 with {@code epochs} at {@code learningRate}. */
    public FerModelBuilder fineTuning(int epochs, double learningRate) {
        return fineTuning(new Phase(epochs, learningRate));
    }

    /** Mini-batch size (default 32). */
    public FerModelBuilder batchSize(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("Batch size must be at least 1, got " + value);
        }
        this.batchSize = value;
        return this;
    }

    /** Training-time augmentation; {@link Augmentation#none()} turns it off. */
    public FerModelBuilder augmentation(Augmentation value) {
        this.augmentation = Objects.requireNonNull(value, "augmentation");
        return this;
    }

    /** Validation data, evaluated after every epoch (replaces a validation fraction). */
    public FerModelBuilder validation(Dataset value) {
        this.validation = value;
        this.validationFraction = 0;
        return this;
    }

    /** Holds out this stratified fraction of the training data for validation (0 = none). */
    public FerModelBuilder validationFraction(double fraction) {
        if (fraction < 0 || fraction >= 1) {
            throw new IllegalArgumentException("Validation fraction must be in [0, 1), got " + fraction);
        }
        this.validationFraction = fraction;
        this.validation = null;
        return this;
    }

    /** Keep the weights of the epoch with the best validation accuracy (default yes; needs validation data). */
    public FerModelBuilder keepBestEpoch(boolean value) {
        this.keepBestEpoch = value;
        return this;
    }

    /** Seed of initialisation, shuffling, augmentation and dropout: equal seeds give equal runs. */
    public FerModelBuilder seed(long value) {
        this.seed = value;
        return this;
    }

    /** Adds a listener for epoch and batch metrics. */
    public FerModelBuilder listener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** No progress lines on a console (the default; epochs are logged through SLF4J, listeners hear everything). */
    public FerModelBuilder quiet() {
        this.progress = null;
        return this;
    }

    /**
     * Progress lines for a terminal on {@code out} (a line per batch that overwrites itself, one per epoch); by
     * default there are none, and each epoch is logged through SLF4J.
     */
    public FerModelBuilder progress(PrintStream out) {
        this.progress = out;
        return this;
    }

    /**
     * Label smoothing of the training targets, Keras' {@code label_smoothing}: {@code 1 - s + s/classes} on the true
     * class, {@code s/classes} on the others. Default 0 (one-hot). Helps noisy labels such as FER2013's.
     */
    public FerModelBuilder labelSmoothing(double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("Label smoothing must be in [0, 1), got " + value);
        }
        this.labelSmoothing = value;
        return this;
    }

    /**
     * Keeps the training state after every epoch in {@code folder} (every variable, optimizer slots included, the
     * history and the best epoch), and resumes from it when {@code fit} is called again with the same settings and
     * data: an interrupted run loses at most one epoch. A folder holding another run's checkpoint is refused.
     * Default none.
     */
    public FerModelBuilder checkpoints(Path folder) {
        this.checkpoints = folder;
        return this;
    }

    /** Loss weight per class label (any name {@link ClassLabels#of} accepts; missing classes weigh 1). */
    public FerModelBuilder classWeights(Map<String, Double> weights) {
        Map<String, Double> byLabel = new TreeMap<>(ClassLabels.ORDER); // a stable order for the recipe
        weights.forEach((label, weight) -> byLabel.put(ClassLabels.of(label), weight));
        this.classWeights = byLabel;
        this.balancedClassWeights = false;
        return this;
    }

    /** Class weights inversely proportional to class frequency (scikit-learn's "balanced"). */
    public FerModelBuilder balancedClassWeights() {
        this.balancedClassWeights = true;
        this.classWeights = null;
        return this;
    }

    /**
     * How faces are found and cropped in whole images, in training and in the saved model's {@code Recognizer};
     * default: {@link CropSettings#defaults()} (YuNet, aligned, margin 10%, square, no answer without a face), or no
     * detection when the dataset is already cropped. Images of a data set of face crops are only resized, whatever
     * these settings say; a model trained on such crops still records these settings for photographs. The input
     * size always follows {@link #inputSize(int)}.
     */
    public FerModelBuilder crop(CropSettings value) {
        this.crop = Objects.requireNonNull(value, "crop");
        return this;
    }

    /** Folder of the on-disk crop cache (default {@code FER_HOME/crops}); null disables it. */
    public FerModelBuilder cropCache(Path folder) {
        this.cropCache = folder;
        return this;
    }

    /**
     * Phase 1 trains the head on the frozen backbone's features, computed once for this many augmentation variants of
     * each training image (once in all when augmentation is off) instead of every epoch: a large speed-up, since the
     * frozen backbone is most of the work. Each epoch picks one variant per image at random. 0 turns the cache off,
     * so that every epoch sees freshly augmented images as Keras does. Default 8.
     */
    public FerModelBuilder featureCache(int variants) {
        if (variants < 0) {
            throw new IllegalArgumentException("Feature-cache variants must be 0 or more, got " + variants);
        }
        this.featureVariants = variants;
        return this;
    }

    /**
     * Runs at most {@code epochs} epochs in this {@code fit} call and returns the model as it then stands (the best
     * epoch so far when {@link #keepBestEpoch} is on); with {@link #checkpoints}, a later {@code fit} goes on from
     * there. {@code 0} with a checkpoint just rebuilds the model of a run in progress. Default: no limit.
     */
    public FerModelBuilder epochLimit(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("Epoch limit must be 0 or more, got " + epochs);
        }
        this.epochLimit = epochs;
        return this;
    }

    /**
     * The settings as an immutable, validated {@link TrainingConfig}.
     *
     * @throws IllegalArgumentException naming a setting that does not fit the others (a freeze point the backbone
     *     lacks, ImageNet weights for the plain CNN, an input size the backbone refuses, no epochs at all)
     */
    public TrainingConfig config() {
        return new TrainingConfig(backbone, weights, allowDownload, inputSize, head, freeze, trainBatchNorm,
                backboneDropout, featureExtraction, fineTuning, batchSize, augmentation, validation,
                validationFraction, keepBestEpoch, seed, labelSmoothing, checkpoints, epochLimit, classWeights,
                balancedClassWeights, crop, cropCache, featureVariants, listeners, progress);
    }

    /**
     * Trains both phases on {@code dataset} and returns the trained model (close it): {@code new
     * Trainer(config()).fit(dataset)}. The settings are checked, and the starting weights found, before any image
     * is read.
     */
    public FerModel fit(Dataset dataset) {
        return new Trainer(config()).fit(dataset);
    }
}
