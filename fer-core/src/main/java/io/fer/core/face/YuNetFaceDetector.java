package io.fer.core.face;

import io.fer.core.image.RgbImage;
import io.fer.core.runtime.TensorFlowRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_objdetect;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.FaceDetectorYN;

/**
 * Finds faces with YuNet (Wu, Peng and Yu 2023), a small CNN run by OpenCV's {@code FaceDetectorYN}: a box, five
 * landmarks and a score per face, for faces turned, tilted and as small as 10 pixels. The model is bundled in
 * fer-core ({@link YuNetModel}); nothing is downloaded.
 *
 * <p>YuNet is trained on faces of about 10 to 300 pixels, so a frame larger than the settings' working size is
 * downscaled first ({@link DetectorSettings#workingScale}) and the boxes and landmarks scaled back. The detector's
 * input size is set before every detection: with a stale one OpenCV silently finds nothing.
 *
 * <p>Thread-safe: {@code FaceDetectorYN} is not, so each call borrows one from a pool that grows to the number of
 * threads calling at once. Holds native memory: close it when done.
 */
public final class YuNetFaceDetector implements FaceDetector {
    /** Non-maximum suppression overlap, as opencv_zoo's demo uses. */
    private static final float NMS_THRESHOLD = 0.3f;
    /** Candidates kept before non-maximum suppression. */
    private static final int TOP_K = 5000;
    /** Floats per face in YuNet's output: box, five landmarks, score. */
    private static final int ROW = 15;

    private final DetectorSettings settings;
    private final Path model;
    private final ConcurrentLinkedDeque<FaceDetectorYN> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /** YuNet with the default settings ({@link DetectorSettings#yunet()}). */
    public YuNetFaceDetector() {
        this(DetectorSettings.yunet());
    }

    /** YuNet with these settings, from the bundled model. */
    public YuNetFaceDetector(DetectorSettings settings) {
        this(settings, null);
    }

    /**
     * YuNet with these settings from another copy of the model file (null: the bundled one).
     *
     * @throws IllegalArgumentException if the settings are not YuNet's or the file is missing
     * @throws IllegalStateException if OpenCV cannot load the model
     */
    public YuNetFaceDetector(DetectorSettings settings, Path modelFile) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.kind() != DetectorSettings.Kind.YUNET) {
            throw new IllegalArgumentException("YuNetFaceDetector needs YuNet's settings, got " + settings.kind());
        }
        if (modelFile != null && !Files.isRegularFile(modelFile)) {
            throw new IllegalArgumentException("The YuNet model " + modelFile + " does not exist");
        }
        TensorFlowRuntime.keepOffline();
        Loader.load(opencv_objdetect.class);
        this.model = modelFile != null ? modelFile : YuNetModel.file();
        // load one now, so that a broken model fails here rather than at the first image
        idle.push(newDetector());
    }

    /** The settings this detector follows. */
    public DetectorSettings settings() {
        return settings;
    }

    /**
     * The faces in an image, largest first (ties: top to bottom, then left to right), each with five landmarks and
     * a score of at least the settings' threshold, none smaller than their smallest face.
     *
     * @throws IllegalStateException if the detector is closed
     */
    @Override
    @SuppressWarnings("try") // the PointerScope is only opened and closed: it frees what is made inside it
    public List<DetectedFace> detect(RgbImage image) {
        int w = image.width();
        int h = image.height();
        double scale = settings.workingScale(w, h);
        int dw = Math.max(1, (int) Math.round(w * scale));
        int dh = Math.max(1, (int) Math.round(h * scale));
        // the scale actually applied, per axis rounded the same way for x and y
        double sx = (double) dw / w;
        double sy = (double) dh / h;
        List<DetectedFace> faces = new ArrayList<>();
        FaceDetectorYN yn = borrow();
        try (PointerScope scope = new PointerScope()) {
            byte[] rgb = image.toBytes();
            Mat colour = new Mat(h, w, opencv_core.CV_8UC3);
            colour.data().put(rgb, 0, rgb.length);
            Mat bgr = new Mat();
            opencv_imgproc.cvtColor(colour, bgr, opencv_imgproc.COLOR_RGB2BGR);
            if (dw != w || dh != h) {
                opencv_imgproc.resize(bgr, bgr, new Size(dw, dh), 0, 0, opencv_imgproc.INTER_AREA);
            }
            yn.setInputSize(new Size(dw, dh)); // before every detect: a stale size silently finds nothing
            Mat out = new Mat();
            yn.detect(bgr, out);
            if (out.rows() > 0 && out.cols() == ROW) {
                try (FloatIndexer rows = out.createIndexer()) {
                    for (int i = 0; i < out.rows(); i++) {
                        DetectedFace face = toFace(rows, i, sx, sy, w, h);
                        if (face != null) {
                            faces.add(face);
                        }
                    }
                }
            }
        } finally {
            release(yn);
        }
        faces.sort(LARGEST_FIRST);
        return List.copyOf(faces.subList(0, Math.min(settings.maxFaces(), faces.size())));
    }

    /** Row {@code i} of YuNet's output in original pixels, or null if it is below the settings' limits. */
    private DetectedFace toFace(FloatIndexer rows, int i, double sx, double sy, int w, int h) {
        float score = rows.get(i, 14);
        if (!(score >= settings.scoreThreshold())) {
            return null;
        }
        double bw = rows.get(i, 2) / sx;
        double bh = rows.get(i, 3) / sy;
        if (Math.min(bw, bh) < settings.minFaceSize()) {
            return null;
        }
        FaceBox box = Boxes.scaledBack(rows.get(i, 0) / sx, rows.get(i, 1) / sy, bw, bh, 1, w, h);
        if (box == null) {
            return null;
        }
        double[] xy = new double[10];
        for (int k = 0; k < 10; k += 2) {
            xy[k] = rows.get(i, 4 + k) / sx;
            xy[k + 1] = rows.get(i, 5 + k) / sy;
        }
        return new DetectedFace(box, FaceLandmarks.of(xy), Math.min(1f, score));
    }

    @Override
    public String id() {
        return "yunet-2023mar/" + settings.describe();
    }

    /** Frees the pooled detectors; ones in use are freed when their call ends. */
    @Override
    public void close() {
        closed = true;
        FaceDetectorYN d;
        while ((d = idle.poll()) != null) {
            d.close();
        }
    }

    private FaceDetectorYN borrow() {
        if (closed) {
            throw new IllegalStateException("This YuNetFaceDetector is closed");
        }
        FaceDetectorYN d = idle.poll();
        return d != null ? d : newDetector();
    }

    private void release(FaceDetectorYN d) {
        if (closed) {
            d.close();
            return;
        }
        idle.push(d);
        // close() may have drained the pool between the check and the push
        if (closed && idle.remove(d)) {
            d.close();
        }
    }

    private FaceDetectorYN newDetector() {
        FaceDetectorYN d;
        try {
            d = FaceDetectorYN.create(model.toString(), "", new Size(320, 320), (float) settings.scoreThreshold(),
                    NMS_THRESHOLD, TOP_K, 0, 0);
        } catch (RuntimeException e) {
            throw new IllegalStateException("OpenCV could not load the YuNet model " + model + ": " + e.getMessage(),
                    e);
        }
        if (d == null || d.isNull()) {
            throw new IllegalStateException("OpenCV could not load the YuNet model " + model);
        }
        return d;
    }
}
