package io.fer.benchmarks;

import io.fer.core.face.CropSettings;
import io.fer.core.face.DetectedFace;
import io.fer.core.face.DetectorSettings;
import io.fer.core.face.FaceCrop;
import io.fer.core.face.FaceCropper;
import io.fer.core.face.FaceDetector;
import io.fer.core.image.RgbImage;
import io.fer.core.image.UnreadableImageException;
import io.fer.core.internal.image.ImageDecoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * The pre-processing of a prediction without the network: decoding a scene file, detecting the face, and the
 * whole path (decode, detect, crop, resize) as {@link io.fer.core.Recognizer} runs it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class PreprocessingBenchmark {
    /** Crop side in pixels (the model's input size). */
    @Param("224")
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
    /** The face detector: {@code yunet} (the default) or {@code haar}. */
    @Param({"yunet", "haar"})
    public String detectorKind;

    private Path folder;
    private Path scene;
    private RgbImage decoded;
    private FaceDetector detector;
    private FaceCropper cropper;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        folder = Files.createTempDirectory("fer-bench-preprocessing-");
        scene = SampleImages.writeScene(folder, sceneWidth, sceneHeight, format);
        decoded = ImageDecoding.read(scene);
        detector = Detectors.create(detectorKind);
        cropper = new FaceCropper(CropSettings.defaults().toBuilder().detector(DetectionBenchmark.settings(detectorKind))
                .inputSize(inputSize).build(), detector);
    }

    /** Reading and decoding the file into RGB bytes. */
    @Benchmark
    public RgbImage decode() throws UnreadableImageException {
        return ImageDecoding.read(scene);
    }

    /** Face detection on the decoded scene. */
    @Benchmark
    public List<DetectedFace> detect() {
        return detector.detect(decoded);
    }

    /** Decode, detect, crop and resize: everything a prediction does before the network. */
    @Benchmark
    public Optional<FaceCrop> decodeDetectCropResize() throws UnreadableImageException {
        return cropper.crop(ImageDecoding.read(scene));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (cropper != null) {
            cropper.close();
        }
        if (detector != null) {
            detector.close();
        }
        if (folder != null) {
            ModelFixture.deleteTree(folder);
        }
    }
}
