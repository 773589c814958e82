package io.fer.benchmarks;

import io.fer.core.Prediction;
import io.fer.core.Recognizer;
import io.fer.core.face.FaceDetector;
import io.fer.core.image.UnreadableImageException;
import io.fer.core.runtime.ServingEngine;
import io.fer.train.internal.graph.Exports;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Recognizer#predict(Path)} of a scene file: read, decode, detect the face, crop, resize, classify. The
 * scene holds one synthetic face that both detectors find.
 *
 * <p>{@code pipeline} picks detector and engine: {@code yunet} is today's default (YuNet on ONNX Runtime, the
 * default engine on the folded model), {@code yunet-opencv} the same with YuNet on OpenCV, {@code haar} the Haar
 * cascade with the default engine, and {@code before} the Recognizer as it was before YuNet and ONNX Runtime: Haar,
 * TensorFlow serving the unfolded graph. One run gives every ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 3)
public class EndToEndBenchmark {
    /** {@code b0} .. {@code b7}. */
    @Param("b0")
    public String backbone;
    /** Input side in pixels; 0 takes the backbone's default. */
    @Param("0")
    public int inputSize;
    /** Scene width in pixels. */
    @Param("640")
    public int sceneWidth;
    /** Scene height in pixels. */
    @Param("480")
    public int sceneHeight;
    /** File format of the scene: {@code jpg} or {@code png}. */
    @Param("jpg")
    public String format;
    /** {@code yunet}, {@code yunet-opencv}, {@code haar} or {@code before} (Haar + TensorFlow, unfolded). */
    @Param({"yunet", "yunet-opencv", "haar", "before"})
    public String pipeline;

    private ModelFixture fixture;
    private FaceDetector detector;
    private Recognizer recognizer;
    private Path scene;

    @Setup(Level.Trial)
    public void setUp() {
        boolean before = pipeline.equals("before");
        String detectorName = before ? "haar" : pipeline;
        fixture = ModelFixture.build(backbone, inputSize, before ? Exports.Form.UNFOLDED : Exports.Form.FOLDED);
        detector = Detectors.create(detectorName);
        recognizer = Recognizer.builder(fixture.modelDirectory())
                .detectorSettings(Detectors.settings(detectorName)).detector(detector)
                .engine(before ? ServingEngine.TENSORFLOW : ServingEngine.AUTO).load();
        scene = SampleImages.writeScene(fixture.workFolder(), sceneWidth, sceneHeight, format);
    }

    /** The engine the recognizer runs on (for tests). */
    ServingEngine engine() {
        return recognizer.engine();
    }

    /** One prediction from an image file. */
    @Benchmark
    public Optional<Prediction> predictFile() throws UnreadableImageException {
        return recognizer.predict(scene);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (recognizer != null) {
            recognizer.close();
        }
        if (detector != null) {
            detector.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }
}
