package io.fer.train;

import com.google.gson.JsonObject;
import io.fer.core.face.CropSettings;
import io.fer.core.internal.model.ModelDirectory;
import io.fer.core.internal.model.PretrainedModel;
import io.fer.models.internal.graph.BackboneWeights;
import io.fer.models.weights.DownloadPolicy;
import io.fer.models.weights.ImageNetWeights;
import io.fer.train.data.Dataset;
import io.fer.train.eval.EpochMetrics;
import io.fer.train.eval.TrainingPhase;
import io.fer.train.internal.graph.TrainingGraph;
import io.fer.train.internal.graph.TrainingLoop;
import io.fer.train.protocol.StratifiedRandomSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a {@link TrainingConfig}: the paper's two-phase transfer learning on a data set. In order: the data set is
 * checked, the starting weights are found (or downloaded, if allowed) and the input size settled, so that a missing
 * weights file stops the run before any image is read; then the images are cropped, the graph built, the weights
 * loaded and both phases trained. {@code FerModel.builder()...fit(dataset)} is the short way to the same.
 */
public final class Trainer {
    private final TrainingConfig config;

    /** A trainer of {@code config}; it can {@link #fit} any number of data sets. */
    public Trainer(TrainingConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The configuration this trainer runs. */
    public TrainingConfig config() {
        return config;
    }

    /**
     * Trains both phases on {@code dataset} and returns the trained model (close it).
     *
     * @throws IllegalArgumentException for a data set without images or with fewer than 2 classes, a weights file
     *     that does not exist, or when no training image is usable
     * @throws io.fer.models.WeightFileException offline without the ImageNet weights file, naming where to
     *     put it
     */
    public FerModel fit(Dataset dataset) {
        long start = System.nanoTime();
        checkDataset(dataset);
        Start from = start(); // before any cropping: a missing weights file stops the run at once
        // the model's crop settings: how a Recognizer cuts faces out of photographs for it. Images of a data set of
        // face crops are only resized, whatever they say: detecting faces inside face crops finds nothing
        CropSettings cropSettings = (config.crop() != null ? config.crop()
                : dataset.preCropped() ? CropSettings.preCropped(from.inputSize()) : CropSettings.defaults())
                .withInputSize(from.inputSize());
        Data data = crop(dataset, cropSettings.forDataset(dataset.preCropped()));
        TrainingGraph.Spec spec = new TrainingGraph.Spec(config.backbone(), from.inputSize(),
                dataset.classes().size(), config.head().shape(config.backbone()), config.trainBatchNorm(), config.backboneDropout(),
                config.featureExtraction().learningRate(), config.fineTuning().learningRate(), config.seed());
        TrainingGraph graph = new TrainingGraph(spec, config.firstTrainableLayer());
        try {
            if (from.weightsFile() != null) {
                BackboneWeights.load(graph.backbone(), graph.session(), from.weightsFile());
            }
            TrainingHistory history = train(graph, spec, dataset, data, start);
            JsonObject summary = summary(dataset, history);
            return new FerModel(graph, spec, dataset.classes(), cropSettings, history, summary, config.cropCache());
        } catch (RuntimeException | Error e) {
            graph.close();
            throw e;
        }
    }

    /** Where training starts: the weights file (null for random initialisation) and the input size. */
    private record Start(Path weightsFile, int inputSize) {}

    /** The cropped training and validation images (validation null when there is none). */
    private record Data(CropPipeline.Prepared train, CropPipeline.Prepared validation) {}

    private static void checkDataset(Dataset dataset) {
        Objects.requireNonNull(dataset, "dataset");
        if (dataset.samples().isEmpty()) {
            throw new IllegalArgumentException("Dataset " + dataset.name() + " has no images");
        }
        if (dataset.classes().size() < 2) {
            throw new IllegalArgumentException("Dataset " + dataset.name() + " has " + dataset.classes().size()
                    + " class(es); a classifier needs at least 2");
        }
    }

    /**
     * Finds the starting weights now, as {@link #fit} does first: the ImageNet file cached (or downloaded, if
     * allowed), fer's FER2013 weights on the class path, a weights file present. For a caller that reads its data
     * before training and wants a missing file to stop it earlier still (the command line).
     *
     * @return the weights file, or null for random initialisation
     * @throws IllegalArgumentException if a weights file does not exist
     * @throws io.fer.models.WeightFileException offline without the ImageNet file, naming where to put it
     */
    public Path startingWeights() {
        return weightsFile();
    }

    private Start start() {
        Path weightsFile = weightsFile();
        int size = config.inputSize() > 0 ? config.inputSize()
                : config.weights() == Weights.fer2013() ? pretrainedInputSize() : config.backbone().defaultInputSize();
        return new Start(weightsFile, size);
    }

    /** The starting weights' file, found (or downloaded, if allowed) now; null for random initialisation. */
    private Path weightsFile() {
        Weights weights = config.weights();
        if (weights instanceof Weights.File f) {
            if (!Files.isRegularFile(f.path())) {
                throw new IllegalArgumentException("Weights file " + f.path().toAbsolutePath() + " does not exist");
            }
            return f.path();
        }
        if (weights == Weights.imagenet()) {
            return ImageNetWeights.standard().resolve(config.backbone(),
                    config.allowDownload() ? DownloadPolicy.ALLOWED : DownloadPolicy.OFFLINE);
        }
        if (weights == Weights.fer2013()) {
            return PretrainedModel.fer2013().backboneWeights();
        }
        return null;
    }

    /** The input size fer's own model was trained at. */
    private static int pretrainedInputSize() {
        return ModelDirectory.verify(PretrainedModel.fer2013().modelDirectory()).inputSize();
    }

    private Data crop(Dataset dataset, CropSettings dataCrop) {
        Dataset train = dataset;
        Dataset val = config.validation();
        if (config.validationFraction() > 0) {
            var fold = new StratifiedRandomSplit(1 - config.validationFraction(), config.seed()).folds(dataset).get(0);
            train = fold.train();
            val = fold.test();
        }
        CropPipeline.Prepared trainData;
        CropPipeline.Prepared valData = null;
        try (CropPipeline crops = new CropPipeline(dataCrop, config.cropCache())) {
            trainData = crops.prepare(train);
            if (val != null) {
                // labels index the training classes, whatever order or subset the validation set lists
                valData = crops.prepare(dataset.subset(val.name(), val.samples()));
            }
        }
        if (trainData.images().count() == 0) {
            throw new IllegalArgumentException("No usable training image in " + dataset.name()
                    + " (every one was skipped: " + trainData.skipped().size() + " without a face)");
        }
        return new Data(trainData, valData);
    }

    private TrainingHistory train(TrainingGraph graph, TrainingGraph.Spec spec, Dataset dataset, Data data,
            long start) {
        List<TrainingListener> all = new ArrayList<>(config.listeners());
        all.add(0, config.progress() != null ? new ProgressPrinter(config.progress()) : new ProgressLog());
        float[] classWeightValues = classWeightArray(dataset, data.train());
        TrainingLoop.Settings loop = new TrainingLoop.Settings(config.featureExtraction().epochs(),
                config.fineTuning().epochs(), config.batchSize(), config.augmentation(), config.keepBestEpoch(),
                classWeightValues, config.seed(), config.featureVariants(), rate(config.featureExtraction()),
                config.featureExtraction().learningRate(), rate(config.fineTuning()),
                config.fineTuning().learningRate(), config.labelSmoothing(), config.checkpoints(),
                recipe(dataset, spec, data, classWeightValues), config.epochLimit());
        CropPipeline.Prepared val = data.validation();
        TrainingLoop.Outcome outcome = new TrainingLoop(graph, loop, List.of(forward(all))).run(data.train().images(),
                val == null ? null : val.images());
        List<String> skipped = new ArrayList<>(data.train().skipped());
        if (val != null) {
            skipped.addAll(val.skipped());
        }
        return new TrainingHistory(outcome.epochs(), outcome.keptEpoch(), data.train().images().count(),
                val == null ? 0 : val.images().count(), skipped, (System.nanoTime() - start) / 1e9);
    }

    /** The run in words: a checkpoint resumes only a run that this string describes identically. */
    private String recipe(Dataset dataset, TrainingGraph.Spec spec, Data data, float[] classWeightValues) {
        CropPipeline.Prepared val = data.validation();
        return String.join("; ", "dataset " + dataset.name() + " " + data.train().images().count() + " train / "
                + (val == null ? 0 : val.images().count()) + " validation images", specText(spec),
                "first trainable layer " + config.firstTrainableLayer(), "weights " + config.weights(),
                "phase 1 " + config.featureExtraction(), "phase 2 " + config.fineTuning(),
                "batch " + config.batchSize(), "augmentation " + config.augmentation(),
                "label smoothing " + config.labelSmoothing(), "class weights " + Arrays.toString(classWeightValues),
                "feature variants " + config.featureVariants(), "keep best " + config.keepBestEpoch());
    }

    /**
     * The graph's spec in words, written out as the spec's {@code toString()} read when it held the public
     * {@link Head}, so that checkpoints written then still resume.
     */
    private String specText(TrainingGraph.Spec spec) {
        return "Spec[backbone=" + spec.backbone() + ", inputSize=" + spec.inputSize() + ", classes=" + spec.classes()
                + ", head=" + config.head() + ", trainBatchNorm=" + spec.trainBatchNorm() + ", backboneDropout="
                + spec.backboneDropout() + ", phase1LearningRate=" + spec.phase1LearningRate()
                + ", phase2LearningRate=" + spec.phase2LearningRate() + ", seed=" + spec.seed() + "]";
    }

    /** A phase's schedule for the loop: null for a constant rate, which the graph has built in. */
    private static TrainingLoop.RateSchedule rate(Phase phase) {
        LearningRateSchedule s = phase.schedule();
        return s instanceof LearningRateSchedule.Constant ? null : s::rate;
    }

    /** The loop's progress, passed on to every listener in order. */
    private static TrainingLoop.Listener forward(List<TrainingListener> listeners) {
        return new TrainingLoop.Listener() {
            @Override
            public void phaseStarted(TrainingPhase phase, int epochs, int batchesPerEpoch) {
                listeners.forEach(l -> l.phaseStarted(phase, epochs, batchesPerEpoch));
            }

            @Override
            public void batchFinished(TrainingPhase phase, int epoch, int batch, int batches, double loss,
                    double accuracy) {
                listeners.forEach(l -> l.batchFinished(phase, epoch, batch, batches, loss, accuracy));
            }

            @Override
            public void epochFinished(EpochMetrics metrics) {
                listeners.forEach(l -> l.epochFinished(metrics));
            }

            @Override
            public void phaseFinished(TrainingPhase phase) {
                listeners.forEach(l -> l.phaseFinished(phase));
            }
        };
    }

    private float[] classWeightArray(Dataset dataset, CropPipeline.Prepared train) {
        List<String> classes = dataset.classes();
        if (config.balancedClassWeights()) {
            int[] counts = new int[classes.size()];
            for (int l : train.images().labels()) {
                counts[l]++;
            }
            float[] w = new float[classes.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = counts[i] == 0 ? 0f : (float) train.images().count() / (classes.size() * counts[i]);
            }
            return w;
        }
        Map<String, Double> classWeights = config.classWeights();
        if (classWeights == null) {
            return null;
        }
        float[] w = new float[classes.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = classWeights.getOrDefault(classes.get(i), 1.0).floatValue();
        }
        return w;
    }

    /** The model directory's training summary: the data, the configuration's JSON, then the outcome. */
    private JsonObject summary(Dataset dataset, TrainingHistory history) {
        JsonObject s = new JsonObject();
        s.addProperty("dataset", dataset.name());
        s.addProperty("trainImages", history.trainImages());
        s.addProperty("validationImages", history.validationImages());
        config.toJson().entrySet().forEach(e -> s.add(e.getKey(), e.getValue()));
        s.addProperty("seconds", Math.round(history.seconds() * 10) / 10.0);
        if (history.last() != null) {
            var kept = history.epochs().get(history.keptEpoch());
            s.addProperty("keptEpoch", "phase " + kept.phase().number() + " epoch " + kept.epoch());
            s.addProperty("trainAccuracy", kept.trainAccuracy());
            if (kept.validationAccuracy() != null) {
                s.addProperty("validationAccuracy", kept.validationAccuracy());
            }
        }
        return s;
    }
}
