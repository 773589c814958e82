package io.fer.benchmarks;

import io.fer.core.face.DetectedFace;
import io.fer.core.face.DetectorSettings;
import io.fer.core.face.FaceDetector;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.image.ImageDecoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * Face detection alone on a decoded 640x480 or 1920x1080 JPEG scene: YuNet on ONNX Runtime (fer's default, one or
 * two threads), YuNet on OpenCV's {@code FaceDetectorYN}, and the Haar cascade, in one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class DetectionBenchmark {
    /**
     * {@code yunet-ort} (the default), {@code yunet-ort-1}, {@code yunet-ort-2}, {@code yunet-opencv}, {@code haar}
     * or {@code yunet} (see Detectors).
     */
    @Param({"yunet-ort", "yunet-ort-1", "yunet-opencv", "haar"})
    public String detectorKind;
    /** Scene size, {@code WIDTHxHEIGHT}. */
    @Param({"640x480", "1920x1080"})
    public String scene;

    private Path folder;
    private RgbImage decoded;
    private FaceDetector detector;

    /** fer's settings for a detector named on the command line ({@link Detectors#settings}). */
    static DetectorSettings settings(String kind) {
        return Detectors.settings(kind);
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String[] wh = scene.split("x");
        folder = Files.createTempDirectory("fer-bench-detection-");
        decoded = ImageDecoding.read(SampleImages.writeScene(folder, Integer.parseInt(wh[0]),
                Integer.parseInt(wh[1]), "jpg"));
        detector = Detectors.create(detectorKind);
    }

    /** The faces of the decoded scene. */
    @Benchmark
    public List<DetectedFace> detect() {
        return detector.detect(decoded);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (detector != null) {
            detector.close();
        }
        if (folder != null) {
            ModelFixture.deleteTree(folder);
        }
    }
}
