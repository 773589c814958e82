package io.fer.core.face;

import io.fer.core.image.RgbImage;
import io.fer.core.runtime.EngineThreads;
import io.fer.core.runtime.TensorFlowRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Finds faces with YuNet (Wu, Peng and Yu 2023), a small CNN: a box, five landmarks and a score per face, for faces
 * turned, tilted and as small as 10 pixels. The model is bundled in fer-core; nothing is
 * downloaded. Its network runs on ONNX Runtime by default or on OpenCV's {@code FaceDetectorYN}
 * ({@link YuNetBackend}); both decode it as OpenCV does and find the same faces.
 *
 * <p>YuNet is trained on faces of about 10 to 300 pixels, so a frame larger than the settings' working size is
 * downscaled first ({@link DetectorSettings#workingScale}, OpenCV's area interpolation) and the boxes and landmarks
 * scaled back.
 *
 * <p>Thread-safe. Holds native memory: close it when done.
 */
public final class YuNetFaceDetector implements FaceDetector {
    /** Non-maximum suppression overlap, as opencv_zoo's demo uses. */
    private static final float NMS_THRESHOLD = 0.3f;
    /** Candidates kept before non-maximum suppression. */
    private static final int TOP_K = 5000;
    /**
     * ONNX Runtime's threads inside an operation by default: every core the JVM sees, as the classifier's engine
     * gets ({@link EngineThreads#defaults()}); a recognizer detects and then classifies, so the
     * two never compete for the cores. On the idle 2-vCPU Xeon two threads took 0.88x the time of one for a 640x480
     * frame, twice (fer-benchmarks/RESULTS.md, {@code yunet-ort} vs {@code yunet-ort-1}). The threads never
     * spin-wait. Pass 1 to the four-argument constructor to leave the other cores to the application.
     */
    public static final int DEFAULT_ORT_THREADS = EngineThreads.defaults().intraOp();

    private final DetectorSettings settings;
    private final YuNetBackend backend;
    private final YuNetRunner runner;
    private volatile boolean closed;

    /** YuNet with the default settings ({@link DetectorSettings#yunet()}). */
    public YuNetFaceDetector() {
        this(DetectorSettings.yunet());
    }

    /** YuNet with these settings, from the bundled model, on the default backend. */
    public YuNetFaceDetector(DetectorSettings settings) {
        this(settings, null);
    }

    /** YuNet with these settings from another copy of the model file (null: the bundled one), default backend. */
    public YuNetFaceDetector(DetectorSettings settings, Path modelFile) {
        this(settings, modelFile, YuNetBackend.defaultBackend());
    }

    /** YuNet with these settings, from another copy of the model file (null: the bundled one), on this backend. */
    public YuNetFaceDetector(DetectorSettings settings, Path modelFile, YuNetBackend backend) {
        this(settings, modelFile, backend, DEFAULT_ORT_THREADS);
    }

    /**
     * YuNet with these settings, from another copy of the model file (null: the bundled one), on this backend.
     *
     * @param ortThreads threads ONNX Runtime uses inside an operation (OpenCV's DNN module runs on OpenCV's own
     *     thread pool and ignores it)
     * @throws IllegalArgumentException if the settings are not YuNet's, the file is missing or threads are under 1
     * @throws IllegalStateException if the backend cannot load the model
     */
    public YuNetFaceDetector(DetectorSettings settings, Path modelFile, YuNetBackend backend, int ortThreads) {
        if (ortThreads < 1) {
            throw new IllegalArgumentException("ortThreads must be at least 1, got " + ortThreads);
        }
        this.settings = Objects.requireNonNull(settings, "settings");
        this.backend = Objects.requireNonNull(backend, "backend");
        if (settings.kind() != DetectorSettings.Kind.YUNET) {
            throw new IllegalArgumentException("YuNetFaceDetector needs YuNet's settings, got " + settings.kind());
        }
        if (modelFile != null && !Files.isRegularFile(modelFile)) {
            throw new IllegalArgumentException("The YuNet model " + modelFile + " does not exist");
        }
        TensorFlowRuntime.keepOffline();
        Loader.load(opencv_imgproc.class); // large frames are downscaled with OpenCV on either backend
        Path model = modelFile != null ? modelFile : YuNetModel.file();
        float threshold = (float) settings.scoreThreshold();
        this.runner = switch (backend) {
            case ONNX_RUNTIME -> new OrtYuNetRunner(model, threshold, NMS_THRESHOLD, TOP_K, ortThreads);
            case OPENCV -> new OpenCvYuNetRunner(model, threshold, NMS_THRESHOLD, TOP_K);
        };
    }

    /** The settings this detector follows. */
    public DetectorSettings settings() {
        return settings;
    }

    /** What runs the network. */
    public YuNetBackend backend() {
        return backend;
    }

    /**
     * The faces in an image, largest first (ties: top to bottom, then left to right), each with five landmarks and
     * a score of at least the settings' threshold, none smaller than their smallest face.
     *
     * @throws IllegalStateException if the detector is closed
     */
    @Override
    public List<DetectedFace> detect(RgbImage image) {
        if (closed) {
            throw new IllegalStateException("This YuNetFaceDetector is closed");
        }
        int w = image.width();
        int h = image.height();
        double scale = settings.workingScale(w, h);
        int dw = Math.max(1, (int) Math.round(w * scale));
        int dh = Math.max(1, (int) Math.round(h * scale));
        // the scale actually applied, per axis rounded the same way for x and y
        double sx = (double) dw / w;
        double sy = (double) dh / h;
        byte[] rgb = image.toBytes();
        if (dw != w || dh != h) {
            rgb = downscaled(rgb, w, h, dw, dh);
        }
        float[][] rows = runner.detect(rgb, dw, dh);
        List<DetectedFace> faces = new ArrayList<>(rows.length);
        for (float[] row : rows) {
            DetectedFace face = toFace(row, sx, sy, w, h);
            if (face != null) {
                faces.add(face);
            }
        }
        faces.sort(LARGEST_FIRST);
        return List.copyOf(faces.subList(0, Math.min(settings.maxFaces(), faces.size())));
    }

    /** OpenCV's area interpolation of interleaved RGB bytes (per channel, so RGB and BGR give the same pixels). */
    @SuppressWarnings("try") // the PointerScope is only opened and closed: it frees what is made inside it
    private static byte[] downscaled(byte[] rgb, int w, int h, int dw, int dh) {
        try (PointerScope scope = new PointerScope()) {
            Mat full = new Mat(h, w, opencv_core.CV_8UC3);
            full.data().put(rgb, 0, rgb.length);
            Mat small = new Mat();
            opencv_imgproc.resize(full, small, new Size(dw, dh), 0, 0, opencv_imgproc.INTER_AREA);
            byte[] out = new byte[dw * dh * 3];
            if (small.isContinuous()) {
                small.data().get(out);
            } else {
                for (int y = 0; y < dh; y++) {
                    small.ptr(y).get(out, y * dw * 3, dw * 3);
                }
            }
            return out;
        }
    }

    /** A YuNet row in original pixels, or null if it is below the settings' limits. */
    private DetectedFace toFace(float[] row, double sx, double sy, int w, int h) {
        float score = row[14];
        if (!(score >= settings.scoreThreshold())) {
            return null;
        }
        double bw = row[2] / sx;
        double bh = row[3] / sy;
        if (Math.min(bw, bh) < settings.minFaceSize()) {
            return null;
        }
        FaceBox box = Boxes.scaledBack(row[0] / sx, row[1] / sy, bw, bh, 1, w, h);
        if (box == null) {
            return null;
        }
        double[] xy = new double[10];
        for (int k = 0; k < 10; k += 2) {
            xy[k] = row[4 + k] / sx;
            xy[k + 1] = row[5 + k] / sy;
        }
        return new DetectedFace(box, FaceLandmarks.of(xy), Math.min(1f, score));
    }

    /**
     * The same on both backends, which find the same faces: a crop cache filled with one serves the other.
     */
    @Override
    public String id() {
        return "yunet-2023mar/" + settings.describe();
    }

    /** Frees the network's native memory; a call in flight finishes first. */
    @Override
    public void close() {
        closed = true;
        runner.close();
    }
}
