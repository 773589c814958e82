package io.fer.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.Prediction;
import io.fer.core.Recognizer;
import io.fer.core.face.FaceCrop;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.RecognizerAccess;
import io.fer.core.runtime.EngineThreads;
import io.fer.core.runtime.ServingEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every benchmark's trial setup, one call of each benchmark method, and teardown, at a tiny input size: so that a
 * change elsewhere that breaks a benchmark fails the build instead of the next benchmark run.
 */
class BenchmarkBodiesTest {
    private static final int SIZE = 32;

    @Test
    void rawSavedModelRunsTheExportedNetwork() {
        RawSavedModelBenchmark b = new RawSavedModelBenchmark();
        b.backbone = "b0";
        b.inputSize = SIZE;
        b.batch = 2;
        b.setUp();
        try {
            assertThat(b.forwardPass()).isBetween(0f, 1f);
        } finally {
            b.tearDown();
        }
    }

    @Test
    void recognizerGivesOneProbabilityRowPerCrop() {
        RecognizerBenchmark b = new RecognizerBenchmark();
        b.backbone = "b0";
        b.inputSize = SIZE;
        b.batch = 3;
        b.setUp();
        try {
            float[] p = b.probabilities();
            assertThat(p).hasSize(3 * 8);
            float sum = 0;
            for (int k = 0; k < 8; k++) {
                sum += p[k];
            }
            assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
        } finally {
            b.tearDown();
        }
    }

    @Test
    void everyServingEngineGivesProbabilityRows() {
        for (String serving : new String[] {"auto", "auto-spinning", "onnxruntime", "tensorflow-folded",
                "tensorflow-unfolded"}) {
            EngineBenchmark b = new EngineBenchmark();
            b.backbone = "b0";
            b.inputSize = SIZE;
            b.batch = 2;
            b.serving = serving;
            b.through = "recognizer";
            b.setUp();
            try {
                float[] p = b.probabilities();
                assertThat(p).as(serving).hasSize(2 * 8);
                float sum = 0;
                for (int k = 0; k < 8; k++) {
                    sum += p[k];
                }
                assertThat(sum).as(serving).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
            } finally {
                b.tearDown();
            }
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EngineBenchmark.engine("tflite"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tflite");
    }

    @Test
    void aPairTimesBothCallsAndCountsIt() {
        for (String[] pairing : new String[][] {{"auto", "engine"}, {"auto", "session"},
                {"tensorflow-folded", "engine"}}) {
            String serving = pairing[0] + " against " + pairing[1];
            PairedEngineBenchmark b = new PairedEngineBenchmark();
            b.backbone = "b0";
            b.inputSize = SIZE;
            b.batch = 2;
            b.serving = pairing[0];
            b.against = pairing[1];
            b.setUp();
            try {
                PairedEngineBenchmark.Times times = new PairedEngineBenchmark.Times();
                times.clear();
                org.openjdk.jmh.infra.Blackhole sink = new org.openjdk.jmh.infra.Blackhole(
                        "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
                b.pair(times, sink);
                b.pair(times, sink);
                assertThat(times.pairs).as(serving).isEqualTo(2);
                assertThat(times.engineNanos).as(serving).isPositive();
                assertThat(times.recognizerNanos).as(serving).isPositive();
                times.clear();
                assertThat(times.pairs + times.engineNanos + times.recognizerNanos).isZero();
            } finally {
                b.tearDown();
            }
        }
        PairedEngineBenchmark tf = new PairedEngineBenchmark();
        tf.backbone = "b0";
        tf.inputSize = SIZE;
        tf.batch = 2;
        tf.serving = "tensorflow-folded";
        tf.against = "session";
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(tf::setUp)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("against=session");
        } finally {
            tf.tearDown();
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("slow")
    void theEngineRunDirectlyGivesTheRecognizersProbabilities() {
        List<RgbImage> crops = SampleImages.crops(3, SIZE);
        try (ModelFixture fixture = ModelFixture.build("b0", SIZE)) {
            for (ServingEngine engine : new ServingEngine[] {ServingEngine.ONNX_RUNTIME, ServingEngine.TENSORFLOW}) {
                EngineThreads threads = new EngineThreads(2, 1);
                float[] viaRecognizer;
                try (Recognizer r = Recognizer.builder(fixture.modelDirectory()).engine(engine).threads(threads)
                        .load()) {
                    viaRecognizer = RecognizerAccess.probabilities(r, crops);
                }
                try (RawEngine raw = RawEngine.open(engine, fixture.modelDirectory(), SIZE, threads,
                        SampleImages.floats(crops), 3)) {
                    assertThat(raw.probabilities()).as(engine.name()).hasSize(3 * 8)
                            .containsExactly(viaRecognizer, org.assertj.core.data.Offset.offset(1e-6f));
                }
            }
        }
        assertThatThrownBy(() -> RawEngine.open(ServingEngine.AUTO, Path.of("nowhere"), SIZE,
                EngineThreads.defaults(), new float[0], 0)).hasMessageContaining("AUTO");
    }

    @Test
    @org.junit.jupiter.api.Tag("slow")
    void fersSlicesGiveTheProbabilitiesOfOneSessionCall() {
        // 60 crops of 32 px are two of OnnxBatchSlicer's slices (49 such crops a slice)
        int n = 60;
        List<RgbImage> crops = SampleImages.crops(n, SIZE);
        float[] images = SampleImages.floats(crops);
        EngineThreads threads = new EngineThreads(2, 1);
        try (ModelFixture fixture = ModelFixture.build("b0", SIZE);
                RawEngine oneCall = RawEngine.openOnnxSession(fixture.modelDirectory(), SIZE, threads, images, n);
                RawEngine sliced = RawEngine.open(ServingEngine.ONNX_RUNTIME, fixture.modelDirectory(), SIZE, threads,
                        images, n);
                Recognizer r = Recognizer.builder(fixture.modelDirectory()).engine(ServingEngine.ONNX_RUNTIME)
                        .threads(threads).load()) {
            float[] expected = oneCall.probabilities();
            assertThat(expected).hasSize(n * 8);
            assertThat(sliced.probabilities()).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(io.fer.core.internal.RecognizerAccess.probabilities(r, crops)).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void onnxSessionBenchmarkRunsOneCallWithEitherOptions() {
        for (String options : new String[] {"fer", "stock"}) {
            OnnxSessionBenchmark b = new OnnxSessionBenchmark();
            b.backbone = "b0";
            b.inputSize = SIZE;
            b.batch = 2;
            b.options = options;
            b.setUp();
            try {
                assertThat(b.probabilities()).as(options).hasSize(2 * 8);
            } finally {
                b.tearDown();
            }
        }
        OnnxSessionBenchmark b = new OnnxSessionBenchmark();
        b.backbone = "b0";
        b.inputSize = SIZE;
        b.batch = 1;
        b.options = "spin";
        assertThatThrownBy(b::setUp).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spin");
    }

    @Test
    void engineBenchmarkRunsTheChosenEngineDirectly() {
        EngineBenchmark b = new EngineBenchmark();
        b.backbone = "b0";
        b.inputSize = SIZE;
        b.batch = 2;
        b.serving = "auto";
        b.through = "engine";
        b.setUp();
        try {
            assertThat(b.probabilities()).hasSize(2 * 8);
        } finally {
            b.tearDown();
        }
        b.through = "djl";
        assertThatThrownBy(b::setUp).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("djl");
    }

    @Test
    void matrixProductOnEitherEngineIsTheProduct() throws Exception {
        int n = 48;
        for (String engine : new String[] {"onnxruntime", "tensorflow"}) {
            MatMulPeakBenchmark b = new MatMulPeakBenchmark();
            b.engine = engine;
            b.n = n;
            b.threads = 1;
            b.setUp();
            try {
                assertThat(b.multiply()).as(engine).isCloseTo(MatMulPeakBenchmark.firstElement(n),
                        org.assertj.core.data.Offset.offset(1e-3f));
            } finally {
                b.tearDown();
            }
        }
        assertThat(MatMulPeakBenchmark.flop(4096)).isEqualTo(2.0 * 4096 * 4096 * 4096);
    }

    @Test
    void endToEndFindsTheFaceInTheSceneFile() throws Exception {
        EndToEndBenchmark b = new EndToEndBenchmark();
        b.backbone = "b0";
        b.inputSize = SIZE;
        b.sceneWidth = 320;
        b.sceneHeight = 240;
        b.format = "jpg";
        for (String pipeline : new String[] {"yunet", "before"}) {
            b.pipeline = pipeline;
            b.setUp();
            try {
                Optional<Prediction> p = b.predictFile();
                assertThat(p).as(pipeline).isPresent();
                assertThat(p.get().faceDetected()).as(pipeline).isTrue();
                // the baseline is Haar (no landmarks) on TensorFlow; today's default YuNet on ONNX Runtime
                assertThat(p.get().landmarks() == null).as(pipeline).isEqualTo(pipeline.equals("before"));
                assertThat(b.engine()).as(pipeline).isEqualTo(pipeline.equals("before")
                        ? io.fer.core.runtime.ServingEngine.TENSORFLOW : io.fer.core.runtime.ServingEngine.ONNX_RUNTIME);
            } finally {
                b.tearDown();
            }
        }
    }

    @Test
    void detectionFindsTheFaceWithEitherDetector() throws Exception {
        for (String kind : new String[] {"yunet-ort", "yunet-ort-1", "yunet-ort-2", "yunet-opencv", "haar"}) {
            DetectionBenchmark b = new DetectionBenchmark();
            b.detectorKind = kind;
            b.scene = "640x480";
            b.setUp();
            try {
                assertThat(b.detect()).as(kind).hasSize(1);
            } finally {
                b.tearDown();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"yunet", "haar"})
    void preprocessingDecodesDetectsAndCrops(String kind) throws Exception {
        PreprocessingBenchmark b = new PreprocessingBenchmark();
        b.inputSize = SIZE;
        b.sceneWidth = 320;
        b.sceneHeight = 240;
        b.format = "png";
        b.detectorKind = kind;
        b.setUp();
        try {
            RgbImage decoded = b.decode();
            assertThat(decoded.width()).isEqualTo(320);
            assertThat(decoded.height()).isEqualTo(240);
            assertThat(b.detect()).isNotEmpty();
            Optional<FaceCrop> crop = b.decodeDetectCropResize();
            assertThat(crop).isPresent();
            assertThat(crop.get().detected()).isTrue();
            assertThat(crop.get().image().width()).isEqualTo(SIZE);
        } finally {
            b.tearDown();
        }
    }

    @Test
    void augmentationTransformsTheWholeBatch() {
        AugmentationBenchmark b = new AugmentationBenchmark();
        b.inputSize = SIZE;
        b.batch = 4;
        b.setUp();
        float[] original = SampleImages.floats(SampleImages.crops(4, SIZE));
        float[] out = b.augmentBatch().clone();
        assertThat(out).hasSameSizeAs(original).isNotEqualTo(original);
        for (float v : out) {
            assertThat(v).isBetween(0f, 255f);
        }
    }

    @Test
    void trainingStepsOfBothPhasesRunFromImagesAndFromCaches() {
        TrainingStepBenchmark b = new TrainingStepBenchmark();
        b.backbone = "b0";
        b.inputSize = SIZE;
        b.batch = 4;
        b.freezeUntil = -6;
        b.setUp();
        try {
            for (float loss : new float[] {b.phase1FromImages(), b.phase1FromCachedFeatures(), b.phase2FromImages(),
                    b.phase2FromCachedBoundary()}) {
                assertThat(loss).isFinite().isPositive();
            }
        } finally {
            b.tearDown();
        }
    }

    @Test
    void theModelFixtureDeletesItsFolder() {
        ModelFixture f = ModelFixture.build("b0", SIZE);
        assertThat(f.modelDirectory().resolve("fer-model.json")).exists();
        assertThat(f.inputSize()).isEqualTo(SIZE);
        f.close();
        assertThat(f.workFolder()).doesNotExist();
    }

    @Test
    void aKeptModelIsTrainedOnceAndOutlivesItsFixture(@org.junit.jupiter.api.io.TempDir Path keep) throws Exception {
        String before = System.getProperty(ModelFixture.KEEP_PROPERTY);
        System.setProperty(ModelFixture.KEEP_PROPERTY, keep.toString());
        try {
            Path first;
            java.nio.file.attribute.FileTime trained;
            try (ModelFixture f = ModelFixture.build("b0", SIZE)) {
                first = f.modelDirectory();
                assertThat(first).startsWith(keep);
                trained = java.nio.file.Files.getLastModifiedTime(first.resolve("fer-model.json"));
            }
            assertThat(first.resolve("fer-model.json")).exists();
            try (ModelFixture again = ModelFixture.build("b0", SIZE)) {
                assertThat(again.modelDirectory()).isEqualTo(first);
                assertThat(java.nio.file.Files.getLastModifiedTime(first.resolve("fer-model.json"))).isEqualTo(trained);
                try (Recognizer r = Recognizer.load(again.modelDirectory())) {
                    assertThat(RecognizerAccess.probabilities(r, SampleImages.crops(1, SIZE))).hasSize(8);
                }
            }
            try (java.util.stream.Stream<Path> left = java.nio.file.Files.list(keep)) {
                assertThat(left).as("nothing but the kept model").containsExactly(first);
            }
        } finally {
            if (before == null) {
                System.clearProperty(ModelFixture.KEEP_PROPERTY);
            } else {
                System.setProperty(ModelFixture.KEEP_PROPERTY, before);
            }
        }
    }
}
