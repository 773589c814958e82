package io.fer.examples;

import io.fer.core.Prediction;
import io.fer.core.Recognizer;
import io.fer.models.Backbone;
import io.fer.models.weights.DownloadPolicy;
import io.fer.models.weights.ImageNetWeights;
import io.fer.train.Evaluation;
import io.fer.train.FerModel;
import io.fer.train.FerModelBuilder;
import io.fer.train.ProtocolRun;
import io.fer.train.Weights;
import io.fer.train.augment.Augmentation;
import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import io.fer.train.data.synthetic.SyntheticFaces;
import io.fer.train.eval.EvaluationReport;
import io.fer.train.internal.StagedFolder;
import io.fer.train.internal.run.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code fer demo}: the whole pipeline with no data and no network. It draws synthetic faces (never real people),
 * trains on some identities, tests on identities it never saw, writes the report and the model, and predicts sample
 * scene images through {@link Recognizer}, as an application would.
 *
 * <p>The faces are drawn inside larger scenes, so that training, evaluation and prediction all find the face with
 * the same detector and crop it the same way. The default is the paper's plain CNN at 48 pixels trained from
 * scratch with small batches for many epochs, which learns the drawn expressions well within a couple of minutes on two
 * cores; an EfficientNet without ImageNet weights learns little from a few hundred images.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train and test a small expression model on SYNTHETIC faces (procedurally drawn, not real "
                + "people), with no data and no network; write its report and model, and predict sample images.",
                "Takes a few minutes on two CPU cores."})
final class DemoCommand implements Callable<Integer> {
    /** Scene size: the face is drawn somewhere inside, for the detector to find. */
    static final int SCENE_WIDTH = 256;
    static final int SCENE_HEIGHT = 200;
    /** Side of the face region in a scene, in pixels. */
    static final int FACE_SIZE = 96;

    @Spec
    CommandSpec spec;

    @ParentCommand
    FerCli cli;

    @Option(names = "--out", defaultValue = "fer-demo", paramLabel = "DIR",
            description = "Where the report, the model and the sample images go. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--backbone", defaultValue = "cnn", converter = Converters.BackboneConverter.class,
            paramLabel = "NAME", description = "cnn or b0..b7 (ImageNet weights only if already cached). "
                    + "Default: ${DEFAULT-VALUE}.")
    Backbone backbone;

    @Option(names = "--input-size", defaultValue = "48", paramLabel = "PIXELS",
            description = "Input size of the network. Default: ${DEFAULT-VALUE}.")
    int inputSize;

    @Option(names = "--epochs", defaultValue = "5,150", paramLabel = "P1,P2",
            converter = Converters.EpochsConverter.class,
            description = "Epochs of phase 1 (head only) and phase 2 (the whole network for cnn). "
                    + "Default: ${DEFAULT-VALUE}.")
    Converters.Epochs epochs;

    @Option(names = "--lr", defaultValue = "1e-3,1e-3", paramLabel = "LR1,LR2",
            converter = Converters.LearningRatesConverter.class,
            description = "Adam learning rates of phase 1 and phase 2 (the CNN learns from scratch, so phase 2 keeps "
                    + "a high rate). Default: ${DEFAULT-VALUE}.")
    Converters.LearningRates learningRates;

    @Option(names = "--batch", defaultValue = "16", paramLabel = "N",
            description = "Mini-batch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--identities", defaultValue = "48", paramLabel = "N",
            description = "Synthetic people to draw: a quarter are held out for testing, an eighth for validation. "
                    + "Default: ${DEFAULT-VALUE}.")
    int identities;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed of the faces and of training. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--quiet", defaultValue = "false", description = "No progress lines. Default: ${DEFAULT-VALUE}.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        if (identities < 4) {
            throw new ParameterException(spec.commandLine(), "--identities must be at least 4, got " + identities);
        }
        if (inputSize < 8) {
            throw new ParameterException(spec.commandLine(), "--input-size must be at least 8, got " + inputSize);
        }
        Console console = new Console(cli, quiet);
        long started = System.nanoTime();
        Path dir = out.toAbsolutePath().normalize();
        // everything is written into a staged folder that replaces an earlier demo's whole, once complete
        try (StagedFolder staged = RunFolder.begin(dir)) {
            run(staged.path(), console);
            staged.commit();
        } catch (IOException e) {
            throw RunFolder.abandoned(dir, e);
        }
        console.say("Report: %s (also classification_report.txt, metrics.csv, report.json, confusion_matrix.png, "
                + "training_curves.png, misclassified.png)", dir.resolve(EvaluationReport.SUMMARY_MD));
        Path modelDir = dir.resolve(ProtocolRun.MODEL);
        console.say("Model:  %s (load it with Recognizer.load, or: bin/fer predict --model %s IMAGE...)", modelDir,
                modelDir);
        console.say("Done in %.0f s.", (System.nanoTime() - started) / 1e9);
        return 0;
    }

    /** Trains, evaluates and predicts, writing everything into {@code dir}. */
    private void run(Path dir, Console console) throws IOException {
        console.say("fer demo: everything below uses SYNTHETIC data: cartoon-like faces that fer draws itself "
                + "(SyntheticFaces), not photographs of people. The numbers say the pipeline works, not how well it "
                + "recognises real faces.");

        int test = Math.max(1, identities / 4);
        int validation = Math.max(1, identities / 8);
        int train = identities - test - validation;
        Dataset all = SyntheticFaces.builder().identities(identities).imagesPerClass(2).imageSize(FACE_SIZE)
                .scene(SCENE_WIDTH, SCENE_HEIGHT).seed(seed).build();
        Dataset trainSet = byIdentity(all, "synthetic-train", 0, train);
        Dataset validationSet = byIdentity(all, "synthetic-validation", train, train + validation);
        Dataset testSet = byIdentity(all, "synthetic-test", train + validation, identities);
        console.say("Data: %d synthetic people x %d expressions x 2 images, drawn in %dx%d scenes: %d people (%d "
                        + "images) to train, %d (%d) to validate, %d (%d) held out to test.", identities,
                all.classes().size(), SCENE_WIDTH, SCENE_HEIGHT, train, trainSet.samples().size(), validation,
                validationSet.samples().size(), test, testSet.samples().size());

        Weights weights = weights(console);
        FerModelBuilder builder = FerModel.builder().backbone(backbone).weights(weights).inputSize(inputSize)
                .freezeUntil(backbone.isEfficientNet() ? -6 : 0)
                .featureExtraction(epochs.featureExtraction(), learningRates.featureExtraction())
                .fineTuning(epochs.fineTuning(), learningRates.fineTuning())
                .batchSize(batch).augmentation(Augmentation.paper()).validation(validationSet).seed(seed)
                .cropCache(null);
        builder = quiet ? builder.quiet() : builder.progress(console.progress());
        console.step("Training %s at %d px from %s (%s epochs) ...", backbone.label(), inputSize,
                weights == Weights.none() ? "random initialisation" : "ImageNet weights", epochs);
        Path modelDir = dir.resolve(ProtocolRun.MODEL);
        Evaluation evaluation;
        try (FerModel model = builder.fit(trainSet)) {
            console.step("Evaluating on the %d held-out people ...", test);
            evaluation = model.evaluate(testSet, "held-out identities");
            model.save(modelDir);
            EvaluationReport.Builder report = evaluation.report()
                    .title("fer demo: " + backbone.label() + " on synthetic faces, held-out identities")
                    .info("data", "SYNTHETIC: procedurally drawn faces (SyntheticFaces, seed " + seed
                            + "), not real people")
                    .info("split", train + " identities train, " + validation + " validate, " + test
                            + " test (never seen in training)")
                    .info("backbone", backbone.label() + " at " + inputSize + " px, weights " + weights)
                    .info("epochs", epochs.featureExtraction() + " feature extraction, " + epochs.fineTuning()
                            + " fine-tuning")
                    .info("kept epoch", keptEpoch(model))
                    .history(model.history().epochs());
            report.build().writeTo(dir);
        }
        console.say("");
        console.say("Held-out accuracy: %s (%d of %d images of %d people never seen in training; chance is %.1f %%), "
                        + "macro F1 %.3f.", ProtocolSummary.percent(evaluation.accuracy()), evaluation.matrix().correct(),
                evaluation.matrix().total(), test, 100.0 / all.classes().size(), evaluation.metrics().macroF1());
        console.say("");
        predictSamples(testSet, dir, modelDir, console);
        console.say("");
        predictRealPhoto(dir, console);
        console.say("");
    }

    /** ImageNet weights when an EfficientNet's file is cached already (no network), else random initialisation. */
    private Weights weights(Console console) {
        if (!backbone.isEfficientNet()) {
            return Weights.none();
        }
        if (Files.isRegularFile(ImageNetWeights.standard().cachedPath(backbone))) {
            ImageNetWeights.standard().resolve(backbone, DownloadPolicy.OFFLINE);
            return Weights.imagenet();
        }
        console.say("Note: no cached ImageNet weights for %s, so it starts from random weights and will learn "
                + "little; the default cnn does better here.", backbone.label());
        return Weights.none();
    }

    /** Writes one scene per expression from the held-out people as PNG and predicts them with the saved model. */
    private void predictSamples(Dataset testSet, Path dir, Path modelDir, Console console) throws IOException {
        Path samples = dir.resolve("samples");
        Files.createDirectories(samples);
        List<Sample> chosen = new ArrayList<>();
        List<String> subjects = testSet.samples().stream().map(Sample::subject).distinct().toList();
        for (int c = 0; c < testSet.classes().size(); c++) {
            String e = testSet.classes().get(c);
            String subject = subjects.get(c % subjects.size());
            testSet.samples().stream().filter(s -> s.label().equals(e) && s.subject().equals(subject))
                    .reduce((a, b) -> b).ifPresent(chosen::add);
        }
        Table table = new Table("image", "true", "predicted", "confidence", "face (x,y w×h)").left(1).left(2)
                .left(4);
        int right = 0;
        try (Recognizer recognizer = Recognizer.load(modelDir)) {
            for (Sample s : chosen) {
                Path file = samples.resolve(s.sequence() + ".png");
                ImageIO.write(s.load(), "png", file.toFile());
                Optional<Prediction> p = recognizer.predict(file);
                String label = p.map(Prediction::label).orElse("(no face)");
                right += label.equals(s.label()) ? 1 : 0;
                table.row(dir.relativize(file).toString(), s.label(), label,
                        p.map(x -> String.format(Locale.ROOT, "%.2f", x.confidence())).orElse(""),
                        p.map(x -> PredictCommand.describeFace(x, recognizer.cropSettings().detectFaces()))
                                .orElse(""));
            }
        }
        console.say("Predicted through Recognizer.load(\"%s\"), as an application would, on %d sample scenes of "
                + "held-out people (%s):", dir.relativize(modelDir), chosen.size(), dir.relativize(samples));
        console.out().print(table.render());
        console.say("%d of %d right.", right, chosen.size());
    }

    private static String keptEpoch(FerModel model) {
        var history = model.history();
        if (history.epochs().isEmpty()) {
            return "none";
        }
        var kept = history.epochs().get(history.keptEpoch());
        return "phase " + kept.phase().number() + " epoch " + kept.epoch() + " (best validation accuracy "
                + (kept.validationAccuracy() == null ? "n/a" : ProtocolSummary.percent(kept.validationAccuracy())) + ")";
    }

    /**
     * fer's own model (fer-zoo, trained on FER2013's real faces) on a real, public-domain photograph: what the
     * library does out of the box, beside the synthetic run above.
     */
    private static void predictRealPhoto(Path dir, Console console) throws IOException {
        Path photo = dir.resolve("real-photo").resolve("astronaut.jpg");
        try (var in = DemoCommand.class.getResourceAsStream("astronaut-256.jpg")) {
            Files.createDirectories(photo.getParent());
            Files.copy(in, photo, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (Recognizer recognizer = Recognizer.pretrained()) {
            List<io.fer.core.Prediction> faces = recognizer.predictAll(photo);
            console.say("A real photograph (NASA, public domain: %s) through fer's own pretrained model, "
                    + "Recognizer.pretrained() (EfficientNet-B0 trained on FER2013):", dir.relativize(photo));
            if (faces.isEmpty()) {
                console.say("  no face found");
            }
            for (io.fer.core.Prediction p : faces) {
                console.say("  %s %.2f, face at %s", p.label(), p.confidence(), p.face());
            }
        } catch (io.fer.core.model.ModelFormatException e) {
            console.say("fer's pretrained model is not on the classpath (%s), so the real photograph is skipped.",
                    FerCli.oneLine(e));
        }
    }

    /** The samples of identities {@code from} (inclusive) to {@code to} (exclusive). */
    static Dataset byIdentity(Dataset all, String name, int from, int to) {
        List<Sample> picked = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String subject = SyntheticFaces.subjectId(i);
            all.samples().stream().filter(s -> subject.equals(s.subject())).forEach(picked::add);
        }
        return all.subset(name, picked);
    }
}
