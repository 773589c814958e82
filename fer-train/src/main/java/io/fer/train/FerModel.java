package io.fer.train;

import com.google.gson.JsonObject;
import io.fer.core.face.CropSettings;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.FerVersion;
import io.fer.core.internal.model.ModelDirectory;
import io.fer.core.model.ModelManifest;
import io.fer.models.Backbone;
import io.fer.models.internal.graph.BackboneWeights;
import io.fer.models.internal.serving.OnnxExport;
import io.fer.train.data.Dataset;
import io.fer.train.eval.ConfusionMatrix;
import io.fer.train.eval.SamplePrediction;
import io.fer.train.internal.StagedFolder;
import io.fer.train.internal.graph.Exports;
import io.fer.train.internal.graph.LabelledImages;
import io.fer.train.internal.graph.TrainingGraph;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * A trained expression classifier: the result of {@link FerModelBuilder#fit}. It can classify face crops, be evaluated on
 * a dataset, and be saved as a model directory that {@link io.fer.core.Recognizer} loads with {@code fer-core}
 * alone. Holds a TensorFlow graph and session: close it.
 *
 * <pre>{@code
 * try (FerModel model = FerModel.builder().backbone(Backbone.B0).freezeUntil(-6).fit(dataset)) {
 *     model.save(Path.of("models/jaffe-b0"));
 * }
 * }</pre>
 */
public final class FerModel implements AutoCloseable {

    private final TrainingGraph graph;
    private final TrainingGraph.Spec spec;
    private final List<String> classes;
    private final CropSettings crop;
    private final TrainingHistory history;
    private final JsonObject summary;
    private final Path cropCache;

    FerModel(TrainingGraph graph, TrainingGraph.Spec spec, List<String> classes, CropSettings crop,
            TrainingHistory history, JsonObject summary, Path cropCache) {
        this.graph = graph;
        this.spec = spec;
        this.classes = List.copyOf(classes);
        this.crop = crop;
        this.history = history;
        this.summary = summary;
        this.cropCache = cropCache;
    }

    /** Starts configuring a model: the paper's recipe by default (B0, ImageNet weights, freeze until -6). */
    public static FerModelBuilder builder() {
        return new FerModelBuilder();
    }

    /** The class labels in output order, e.g. {@code "happy"} (the same list as {@link #labels()}). */
    public List<String> classes() {
        return classes;
    }

    /** Class labels in output order, e.g. {@code "happy"}. */
    public List<String> labels() {
        return classes;
    }

    /** What happened in training. */
    public TrainingHistory history() {
        return history;
    }

    /** The backbone. */
    public Backbone backbone() {
        return spec.backbone();
    }

    /** Input height and width in pixels. */
    public int inputSize() {
        return spec.inputSize();
    }

    /** How images are cropped, in training and at run time. */
    public CropSettings cropSettings() {
        return crop;
    }

    /** The training graph (for this package's tests, which look inside). */
    TrainingGraph graph() {
        return graph;
    }

    /**
     * Class probabilities of crops of the model's input size, by the inference tower of the training graph:
     * row-major, {@code crops.size() x classes().size()}.
     */
    public float[] probabilities(List<RgbImage> crops) {
        int s = spec.inputSize();
        for (int i = 0; i < crops.size(); i++) {
            RgbImage c = crops.get(i);
            if (c.width() != s || c.height() != s) {
                throw new IllegalArgumentException("Crop " + i + " is " + c.width() + "x" + c.height()
                        + "; the model takes " + s + "x" + s);
            }
        }
        return probabilities(crops.size(), (i, dst, offset) -> crops.get(i).toFloats(dst, offset));
    }

    /** Probabilities of prepared crops. */
    float[] probabilities(LabelledImages images) {
        return probabilities(images.count(), images::copyAsFloats);
    }

    /** Writes image {@code i} as floats 0..255 (HWC RGB) into {@code dst} at {@code offset}. */
    private interface ImageSource {
        void write(int i, float[] dst, int offset);
    }

    /** Runs {@code n} images through the inference tower a batch at a time, so memory stays one batch deep. */
    private float[] probabilities(int n, ImageSource images) {
        int s = spec.inputSize();
        int per = s * s * 3;
        int c = classes.size();
        float[] out = new float[n * c];
        int batch = 32;
        float[] x = new float[Math.min(batch, n) * per];
        for (int from = 0; from < n; from += batch) {
            int m = Math.min(batch, n - from);
            for (int k = 0; k < m; k++) {
                images.write(from + k, x, k * per);
            }
            try (TFloat32 t = TFloat32.tensorOf(Shape.of(m, s, s, 3),
                    DataBuffers.of(x, true, false).slice(0, (long) m * per));
                    Result r = graph.session().runner().feed(graph.images(), t).fetch(graph.probabilities()).run()) {
                ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out, false, false).slice((long) from * c, (long) m * c));
            }
        }
        return out;
    }

    /**
     * Classifies every sample of {@code data} (cropped as in training, no augmentation) and compares with its label.
     * Samples must carry one of this model's classes; the error names the first that does not.
     *
     * @param fold the fold name recorded in each prediction, or null
     */
    public Evaluation evaluate(Dataset data, String fold) {
        for (var s : data.samples()) {
            if (!classes.contains(s.label())) {
                throw new IllegalArgumentException("Sample " + s.id() + " is labelled " + s.label()
                        + ", which this model does not know (its classes: " + labels() + ")");
            }
        }
        Dataset asModel = new Dataset(data.name(), classes, data.samples(), data.skipped(), data.preCropped());
        CropPipeline.Prepared prepared;
        // face crops are only resized, as in training; whole images are cropped as the Recognizer will
        CropSettings dataCrop = crop.forDataset(data.preCropped());
        try (CropPipeline crops = new CropPipeline(dataCrop, cropCache)) {
            prepared = crops.prepare(asModel);
        }
        LabelledImages images = prepared.images();
        float[] probs = probabilities(images);
        int c = classes.size();
        List<SamplePrediction> predictions = new ArrayList<>(images.count());
        Map<String, BufferedImage> wrong = new LinkedHashMap<>();
        for (int i = 0; i < images.count(); i++) {
            var sample = prepared.samples().get(i);
            String file = sample.file() == null ? null : sample.file().toString();
            SamplePrediction pred = SamplePrediction.ofProbabilities(sample.id(), file, fold, images.labels()[i], probs, i * c, c);
            predictions.add(pred);
            if (!pred.correct()) {
                wrong.put(sample.id(), RgbImage.of(images.size(), images.size(), images.pixels().get(i))
                        .toBufferedImage());
            }
        }
        return new Evaluation(ConfusionMatrix.of(labels(), predictions), predictions, wrong, prepared.skipped());
    }

    /** {@link #evaluate(Dataset, String)} without a fold name. */
    public Evaluation evaluate(Dataset data) {
        return evaluate(data, null);
    }

    /**
     * Saves the model as a directory: a serving-only SavedModel, {@code fer-model.json} and its SHA-256. The
     * directory is built beside the target and moved into place at the end, so a failure or an interruption leaves
     * no half-written model, and an existing model directory at {@code dir} is replaced only once the new one is
     * complete. Refuses to replace a directory that holds anything but a fer model (naming the first such file), so
     * that no file of the user's is deleted. What an interrupted save of this target left behind (whose process is
     * gone) is tidied up first: half-saved folders ({@code .NAME.saving-*}) are deleted, and a previous model left
     * aside ({@code .NAME.old-*}) is put back if the target is missing, else deleted. EfficientNet models are saved
     * with batch norm folded into the convolutions.
     */
    public void save(Path dir) {
        save(dir, Exports.Form.FOLDED);
    }

    /**
     * {@link #save(Path)} with the SavedModel's graph unfolded, layer by layer as training built it (for
     * comparisons: folding changes features by less than 1e-6 of the largest); {@code model.onnx} stays folded.
     */
    public void saveUnfolded(Path dir) {
        save(dir, Exports.Form.UNFOLDED);
    }

    /** {@link #save(Path)} with the SavedModel's graph in the given form. */
    void save(Path dir, Exports.Form form) {
        Path target = dir.toAbsolutePath().normalize();
        try {
            checkReplaceable(target);
            try (StagedFolder staged = StagedFolder.begin(target)) {
                Path tmp = staged.path();
                Exports.savedModel(graph, spec, tmp.resolve(ModelDirectory.SAVED_MODEL), form);
                if (spec.backbone().isEfficientNet()) {
                    // the same (folded) network for ONNX Runtime, covered by the manifest's sums
                    OnnxExport.write(Exports.servingNetwork(graph, spec), ModelDirectory.INPUT, ModelDirectory.OUTPUT,
                            tmp.resolve(ModelDirectory.ONNX));
                }
                ModelManifest m = new ModelManifest(ModelDirectory.FORMAT, FerVersion.get(), labels(), spec.inputSize(),
                        "RGB", "0..255", spec.backbone().label(), crop, false, summary.toString(),
                        ModelDirectory.files(tmp));
                ModelDirectory.writeManifest(tmp, m);
                staged.commit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the model to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the trained backbone's weights as a Keras-2 HDF5 weights file (Keras' own layout, written atomically),
     * for example to start another training from them with {@link Weights#file(Path)}.
     */
    public void saveBackboneWeights(Path h5) {
        BackboneWeights.save(graph.backbone(), graph.session(), h5);
    }

    /**
     * Refuses a target that exists and is not a folder holding nothing but a fer model (or nothing at all): replacing
     * it would delete the user's files.
     */
    static void checkReplaceable(Path target) throws IOException {
        if (!Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("Refusing to overwrite " + target + ": it exists and is not a folder");
        }
        List<String> entries;
        try (var s = Files.list(target)) {
            entries = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        if (entries.isEmpty()) {
            return;
        }
        if (!entries.contains(ModelDirectory.MANIFEST)) {
            throw new IllegalArgumentException("Refusing to overwrite " + target + ": it is not empty and not a fer "
                    + "model directory (it has no " + ModelDirectory.MANIFEST + "; it holds "
                    + target.resolve(entries.get(0)) + ")");
        }
        for (String e : entries) {
            if (!ModelDirectory.isModelEntry(e)) {
                throw new IllegalArgumentException("Refusing to replace the model in " + target + ": it also holds "
                        + target.resolve(e) + ", which is not part of a fer model and would be deleted; move it away "
                        + "or save elsewhere");
            }
        }
    }

    @Override
    public void close() {
        graph.close();
    }

    /** Summary fields for reports. */
    JsonObject summary() {
        return summary.deepCopy();
    }

}
