package io.fer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.Expression;
import io.fer.core.Prediction;
import io.fer.core.Recognizer;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.RecognizerAccess;
import io.fer.core.internal.image.ImageDecoding;
import io.fer.core.internal.model.ModelDirectory;
import io.fer.core.model.ModelFormatException;
import io.fer.core.runtime.EngineThreads;
import io.fer.core.runtime.ServingEngine;
import io.fer.models.Backbone;
import io.fer.train.augment.Augmentation;
import io.fer.train.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** save → verify → load through DJL → predict, and the refusals of damaged model directories. */
@Tag("slow")
class SaveAndRecognizeTest {
    static final List<Expression> CLASSES = List.of(Expression.ANGER, Expression.HAPPY, Expression.NEUTRAL);

    @TempDir
    static Path tmp;
    static FerModel model;
    static Path saved;
    static Dataset data;

    @BeforeAll
    static void trainAndSave() {
        data = TestImages.patterns(CLASSES, 4, 40, 3);
        model = FerModel.builder().backbone(Backbone.B0).weights(Weights.none()).inputSize(40)
                .featureExtraction(1, 1e-3).fineTuning(1, 1e-4).batchSize(4).augmentation(Augmentation.none())
                .cropCache(tmp.resolve("crops")).quiet().fit(data);
        saved = tmp.resolve("model");
        model.save(saved);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static List<RgbImage> crops() {
        List<RgbImage> crops = new ArrayList<>();
        for (var s : data.samples()) {
            crops.add(ImageDecoding.fromBufferedImage(TestImages.pattern(Expression.fromName(s.label()).orElseThrow().ordinal() % 4, 40, 99)));
        }
        return crops;
    }

    @Test
    void theDirectoryHasAServingModelAndAManifestWithChecksums() throws IOException {
        var manifest = ModelDirectory.verify(saved);
        assertThat(manifest.labels()).containsExactly("anger", "happy", "neutral");
        assertThat(manifest.inputSize()).isEqualTo(40);
        assertThat(manifest.backbone()).isEqualTo("b0");
        assertThat(manifest.files()).containsKeys("saved_model/saved_model.pb",
                "saved_model/variables/variables.index", ModelDirectory.ONNX);
        assertThat(manifest.crop().detectFaces()).isFalse();
        String pb = Files.readString(saved.resolve("saved_model/saved_model.pb"), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(pb).doesNotContain("ApplyAdam").doesNotContain("SoftmaxCrossEntropyWithLogits")
                .as("batch norm is folded into the convolutions").doesNotContain("FusedBatchNorm");
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".saving-"));
        }
    }

    @Test
    void djlGivesTheTrainingGraphsProbabilities() {
        List<RgbImage> crops = crops();
        float[] expected = model.probabilities(crops);
        try (Recognizer r = Recognizer.load(saved)) {
            float[] actual = RecognizerAccess.probabilities(r, crops);
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.length; i++) {
                assertThat(Math.abs(actual[i] - expected[i])).as("probability %d", i).isLessThanOrEqualTo(1e-5f);
            }
            Prediction p = r.predict(crops.get(0)).orElseThrow();
            assertThat(p.probabilities().keySet()).containsExactly("anger", "happy", "neutral");
            assertThat(p.confidence()).isEqualTo(p.probabilities().get(p.label()));
            assertThat(p.faceDetected()).isFalse();
        }
    }

    @Test
    void foldedAndUnfoldedDirectoriesGiveTheSameProbabilities() throws IOException {
        Path unfolded = tmp.resolve("unfolded");
        model.saveUnfolded(unfolded);
        String pb = Files.readString(unfolded.resolve("saved_model/saved_model.pb"),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(pb).contains("FusedBatchNorm");
        List<RgbImage> crops = crops();
        try (Recognizer folded = Recognizer.load(saved); Recognizer plain = Recognizer.load(unfolded)) {
            float[] expected = RecognizerAccess.probabilities(plain, crops);
            float[] actual = RecognizerAccess.probabilities(folded, crops);
            for (int i = 0; i < expected.length; i++) {
                assertThat((double) actual[i]).as("probability %d", i)
                        .isCloseTo(expected[i], org.assertj.core.api.Assertions.within(1e-5 * expected[i] + 1e-7));
            }
        }
    }

    @Test
    void onnxRuntimeAndTensorFlowGiveTheSameProbabilities() {
        List<RgbImage> crops = crops();
        try (Recognizer auto = Recognizer.load(saved);
                Recognizer ort = Recognizer.builder(saved).engine(ServingEngine.ONNX_RUNTIME)
                        .threads(new EngineThreads(2, 1)).load();
                Recognizer tf = Recognizer.builder(saved).engine(ServingEngine.TENSORFLOW).load()) {
            assertThat(auto.engine()).as("CPU host, ONNX form present").isEqualTo(ServingEngine.ONNX_RUNTIME);
            assertThat(ort.engine()).isEqualTo(ServingEngine.ONNX_RUNTIME);
            assertThat(tf.engine()).isEqualTo(ServingEngine.TENSORFLOW);
            float[] expected = RecognizerAccess.probabilities(tf, crops);
            float[] actual = RecognizerAccess.probabilities(ort, crops);
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.length; i++) {
                assertThat(Math.abs(actual[i] - expected[i])).as("probability %d", i).isLessThanOrEqualTo(1e-5f);
            }
            assertThat(RecognizerAccess.probabilities(auto, crops)).containsExactly(actual);
            assertThat(ort.predict(crops.get(0)).orElseThrow().label())
                    .isEqualTo(tf.predict(crops.get(0)).orElseThrow().label());
        }
    }

    @Test
    void aBatchRunInSlicesGivesEachImagesOwnProbabilities() {
        // 72 crops of 40 px are more than one slice (OnnxBatchSlicer: 31 such crops a slice), so ONNX Runtime runs
        // them as four slices on two threads; each row must be what the crop gives alone, and TensorFlow's
        List<RgbImage> crops = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            crops.addAll(crops());
        }
        try (Recognizer ort = Recognizer.builder(saved).engine(ServingEngine.ONNX_RUNTIME)
                        .threads(new EngineThreads(2, 1)).load();
                Recognizer tf = Recognizer.builder(saved).engine(ServingEngine.TENSORFLOW).load()) {
            float[] batch = RecognizerAccess.probabilities(ort, crops);
            float[] viaTensorFlow = RecognizerAccess.probabilities(tf, crops);
            int classes = CLASSES.size();
            assertThat(batch).hasSize(crops.size() * classes);
            for (int i = 0; i < crops.size(); i++) {
                float[] alone = RecognizerAccess.probabilities(ort, List.of(crops.get(i)));
                for (int k = 0; k < classes; k++) {
                    assertThat(Math.abs(batch[i * classes + k] - alone[k])).as("crop %d class %d", i, k)
                            .isLessThanOrEqualTo(1e-6f);
                    assertThat(Math.abs(batch[i * classes + k] - viaTensorFlow[i * classes + k]))
                            .as("crop %d class %d against TensorFlow", i, k).isLessThanOrEqualTo(1e-5f);
                }
            }
        }
    }

    @Test
    void threadsThatSpinDuringCallsGiveTheSameProbabilities() {
        // one crop (one session call) and 72 (slices run side by side while the pool threads spin)
        List<RgbImage> crops = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            crops.addAll(crops());
        }
        try (Recognizer sleeping = Recognizer.builder(saved).engine(ServingEngine.ONNX_RUNTIME)
                        .threads(new EngineThreads(2, 1)).load();
                Recognizer spinning = Recognizer.builder(saved).engine(ServingEngine.ONNX_RUNTIME)
                        .threads(new EngineThreads(2, 1).spinningDuringCalls()).load()) {
            for (List<RgbImage> batch : List.of(crops.subList(0, 1), crops)) {
                float[] expected = RecognizerAccess.probabilities(sleeping, batch);
                float[] actual = RecognizerAccess.probabilities(spinning, batch);
                assertThat(actual).as("batch of %d", batch.size()).hasSameSizeAs(expected);
                for (int i = 0; i < expected.length; i++) {
                    assertThat(Math.abs(actual[i] - expected[i])).as("batch of %d, value %d", batch.size(), i)
                            .isLessThanOrEqualTo(1e-6f);
                }
            }
        }
    }

    @Test
    void aTamperedOnnxFormIsRefusedNamingTheFile() throws IOException {
        Path copy = copyOf(saved, tmp.resolve("tampered-onnx"));
        Path onnx = copy.resolve(ModelDirectory.ONNX);
        byte[] bytes = Files.readAllBytes(onnx);
        bytes[bytes.length / 2] ^= 1;
        Files.write(onnx, bytes);
        for (ServingEngine engine : ServingEngine.values()) {
            assertThatThrownBy(() -> Recognizer.builder(copy).engine(engine).load())
                    .isInstanceOf(ModelFormatException.class).hasMessageContaining("altered")
                    .hasMessageContaining(ModelDirectory.ONNX);
        }
    }

    @Test
    void predictingFromSeveralThreadsGivesTheSameAnswers() throws Exception {
        List<RgbImage> crops = crops();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Recognizer r = Recognizer.load(saved)) {
            float[] expected = RecognizerAccess.probabilities(r, crops);
            List<Future<float[]>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                futures.add(pool.submit(() -> RecognizerAccess.probabilities(r, crops)));
            }
            for (Future<float[]> f : futures) {
                assertThat(f.get()).containsExactly(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTamperedOrIncompleteDirectoryIsRefused() throws IOException {
        Path copy = copyOf(saved, tmp.resolve("tampered"));
        Path data = copy.resolve("saved_model/variables/variables.data-00000-of-00001");
        byte[] bytes = Files.readAllBytes(data);
        bytes[bytes.length / 2] ^= 1;
        Files.write(data, bytes);
        assertThatThrownBy(() -> Recognizer.load(copy)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("altered").hasMessageContaining("variables.data-00000-of-00001");

        Path incomplete = copyOf(saved, tmp.resolve("incomplete"));
        Files.delete(incomplete.resolve("saved_model/variables/variables.index"));
        assertThatThrownBy(() -> Recognizer.load(incomplete)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("incomplete").hasMessageContaining("variables.index");

        Path future = copyOf(saved, tmp.resolve("future"));
        Path manifest = future.resolve(ModelDirectory.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"format\": 1", "\"format\": 99"));
        assertThatThrownBy(() -> Recognizer.load(future)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("fer-model.json does not match its SHA-256");
        Files.delete(future.resolve(ModelDirectory.MANIFEST_SUM)); // as a directory written before manifest sums
        assertThatThrownBy(() -> Recognizer.load(future)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("format 99");

        Path noLabels = copyOf(saved, tmp.resolve("no-labels"));
        Path noLabelsManifest = noLabels.resolve(ModelDirectory.MANIFEST);
        var json = com.google.gson.JsonParser.parseString(Files.readString(noLabelsManifest)).getAsJsonObject();
        json.remove("labels");
        Files.writeString(noLabelsManifest, json.toString());
        Files.delete(noLabels.resolve(ModelDirectory.MANIFEST_SUM));
        assertThatThrownBy(() -> Recognizer.load(noLabels)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(noLabelsManifest.toString()).hasMessageContaining("labels");

        assertThatThrownBy(() -> Recognizer.load(tmp.resolve("nowhere"))).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void savingOverAModelReplacesItAndOverOtherFilesIsRefused() throws IOException {
        Path target = tmp.resolve("again");
        model.save(target);
        model.save(target);
        assertThat(ModelDirectory.verify(target).labels()).hasSize(3);
        Path other = tmp.resolve("user-files");
        Files.createDirectories(other);
        Files.writeString(other.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> model.save(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Refusing to overwrite");
        assertThat(Files.readString(other.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void anEvaluationRunWritesEveryReport() throws IOException {
        Evaluation evaluation = model.evaluate(data, "all");
        assertThat(evaluation.predictions()).hasSize(data.samples().size());
        assertThat(evaluation.matrix().total()).isEqualTo(data.samples().size());
        assertThat(evaluation.misclassified()).hasSize((int) evaluation.predictions().stream()
                .filter(p -> !p.correct()).count());
        Path out = tmp.resolve("report");
        var written = evaluation.report().title("patterns").history(model.history().epochs()).build().writeTo(out);
        assertThat(written).extracting(p -> p.getFileName().toString()).contains("classification_report.txt",
                "metrics.csv", "predictions.csv", "report.json", "summary.md", "confusion_matrix.png",
                "training_curves.png");
        for (Path p : written) {
            if (p.toString().endsWith(".png")) {
                assertThat(javax.imageio.ImageIO.read(p.toFile())).as(p.toString()).isNotNull();
            }
        }
        assertThat(Files.readString(out.resolve("classification_report.txt"))).contains("anger", "happy", "neutral",
                "macro avg");
    }

    @Test
    void theTrainedBackboneRoundTripsThroughAKerasWeightsFile() {
        Path h5 = tmp.resolve("backbone.h5");
        model.saveBackboneWeights(h5);
        var fromFile = io.fer.models.internal.keras.KerasWeightsFile.read(h5);
        var inGraph = model.graph().backbone().readWeights(model.graph().session());
        assertThat(fromFile.layerNames()).isEqualTo(inGraph.layerNames());
        for (String layer : inGraph.layerNames()) {
            var a = inGraph.layer(layer).orElseThrow();
            var b = fromFile.layer(layer).orElseThrow();
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).floats() != null) {
                    assertThat(b.get(i).floats()).as(layer).containsExactly(a.get(i).floats());
                }
            }
        }
    }

    static Path copyOf(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }
}
