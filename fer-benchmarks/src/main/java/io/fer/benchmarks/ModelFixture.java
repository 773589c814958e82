package io.fer.benchmarks;

import io.fer.core.face.CropSettings;
import io.fer.models.Backbone;
import io.fer.train.FerModel;
import io.fer.train.Weights;
import io.fer.train.augment.Augmentation;
import io.fer.train.data.Dataset;
import io.fer.train.data.synthetic.SyntheticFaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A saved fer model directory for benchmarks, in a temporary folder that {@link #close()} deletes.
 *
 * <p>What the benchmarks measure is the network, not its accuracy, so the model is trained as little as the
 * public API allows: random weights, one phase-1 epoch on eight synthetic faces, no fine-tuning, no augmentation,
 * no crop cache. Faces are detected (the default crop settings), so that end-to-end predictions run the detector.
 *
 * <p>With the system property {@value #KEEP_PROPERTY} naming a folder, each model (backbone, input size, graph form)
 * is trained once and kept there for later JVMs: JMH starts a fresh one per parameter set, and a B3 model takes
 * minutes to train on a loaded 2-core machine. The kept model directory is never deleted by {@link #close()}.
 */
public final class ModelFixture implements AutoCloseable {
    /** System property: a folder to keep trained fixture models in between JVMs (unset: each JVM trains its own). */
    public static final String KEEP_PROPERTY = "fer.benchmarks.keepModels";

    private final Path root;
    private final Path modelDirectory;
    private final Backbone backbone;
    private final int inputSize;

    private ModelFixture(Path root, Path modelDirectory, Backbone backbone, int inputSize) {
        this.root = root;
        this.modelDirectory = modelDirectory;
        this.backbone = backbone;
        this.inputSize = inputSize;
    }

    /**
     * Trains and saves a minimal model.
     *
     * @param backbone {@code b0} .. {@code b7} or {@code cnn} (see {@link Backbone#parse})
     * @param inputSize input side in pixels; 0 or less takes the backbone's default (224 for B0)
     */
    public static ModelFixture build(String backbone, int inputSize) {
        return build(backbone, inputSize, io.fer.train.internal.graph.Exports.Form.FOLDED);
    }

    /** {@link #build(String, int)} with the SavedModel's graph folded or not (the ONNX form is always folded). */
    public static ModelFixture build(String backbone, int inputSize, io.fer.train.internal.graph.Exports.Form form) {
        Backbone b = Backbone.parse(backbone);
        int size = resolveInputSize(b, inputSize);
        Path root;
        try {
            root = Files.createTempDirectory("fer-bench-" + b.label() + "-" + size + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder for the benchmark model", e);
        }
        String keep = System.getProperty(KEEP_PROPERTY);
        if (keep != null && !keep.isBlank()) {
            Path kept = Path.of(keep).resolve(b.label() + "-" + size + "-" + form.name().toLowerCase(java.util.Locale.ROOT));
            if (!Files.isRegularFile(kept.resolve(io.fer.core.internal.model.ModelDirectory.MANIFEST))) {
                // trained beside the kept folder, on its file system, so that one rename puts it in place
                try (ModelFixture fresh = staging(kept.getParent(), b, size)) {
                    train(fresh, form);
                    keepModel(fresh.modelDirectory, kept);
                }
            }
            return new ModelFixture(root, kept, b, size);
        }
        ModelFixture fixture = new ModelFixture(root, root.resolve("model"), b, size);
        train(fixture, form);
        return fixture;
    }

    private static ModelFixture staging(Path folder, Backbone b, int size) {
        try {
            Files.createDirectories(folder);
            Path staging = Files.createTempDirectory(folder, ".training-");
            return new ModelFixture(staging, staging.resolve("model"), b, size);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot train the benchmark model in " + folder + " (" + KEEP_PROPERTY
                    + ")", e);
        }
    }

    /** Moves a freshly saved model directory to {@code kept} in one step, so that no JVM sees half of it. */
    private static void keepModel(Path fresh, Path kept) {
        try {
            Files.move(fresh, kept, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            // another JVM kept the same model first: it was trained alike, use that one
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the benchmark model in " + kept + " (" + KEEP_PROPERTY
                    + ")", e);
        }
    }

    private static void train(ModelFixture fixture, io.fer.train.internal.graph.Exports.Form form) {
        Backbone b = fixture.backbone;
        int size = fixture.inputSize;
        try {
            Dataset faces = SyntheticFaces.builder().identities(1).imagesPerClass(1)
                    .imageSize(SampleImages.renderableSize(size)).seed(7).build();
            try (FerModel model = FerModel.builder().backbone(b).weights(Weights.none()).inputSize(size)
                    // the drawn faces fill their images, where YuNet finds none: centre crops stand in
                    .crop(CropSettings.defaults().toBuilder().inputSize(size)
                            .noFacePolicy(CropSettings.NoFacePolicy.CENTER_CROP).build())
                    .featureExtraction(1, 1e-3).fineTuning(0, 1e-4).batchSize(faces.samples().size())
                    .augmentation(Augmentation.none()).cropCache(null).quiet().fit(faces)) {
                if (form == io.fer.train.internal.graph.Exports.Form.UNFOLDED) {
                    model.saveUnfolded(fixture.modelDirectory);
                } else {
                    model.save(fixture.modelDirectory);
                }
            }
        } catch (RuntimeException | Error e) {
            fixture.close();
            throw e;
        }
    }

    /** The input size a benchmark parameter stands for: the backbone's default when 0 or less. */
    public static int resolveInputSize(Backbone backbone, int inputSize) {
        return inputSize > 0 ? inputSize : backbone.defaultInputSize();
    }

    /** The saved model directory ({@code Recognizer.load} takes it). */
    public Path modelDirectory() {
        return modelDirectory;
    }

    /** The serving SavedModel inside the model directory. */
    public Path savedModel() {
        return modelDirectory.resolve(io.fer.core.internal.model.ModelDirectory.SAVED_MODEL);
    }

    /** The temporary folder that holds the model; benchmarks may write their input files here too. */
    public Path workFolder() {
        return root;
    }

    /** The backbone. */
    public Backbone backbone() {
        return backbone;
    }

    /** The model's input side in pixels. */
    public int inputSize() {
        return inputSize;
    }

    /** Deletes the temporary folder. */
    @Override
    public void close() {
        deleteTree(root);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root, e);
        }
    }
}
