package io.fer.core.face;

import java.nio.file.Path;
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
 * YuNet through OpenCV's {@code FaceDetectorYN} (its DNN module). The detector's input size is set before every
 * detection: with a stale one OpenCV silently finds nothing. {@code FaceDetectorYN} is not thread-safe, so each call
 * borrows one from a pool that grows to the number of threads calling at once.
 */
final class OpenCvYuNetRunner implements YuNetRunner {
    private final Path model;
    private final float scoreThreshold;
    private final float nmsThreshold;
    private final int topK;
    private final ConcurrentLinkedDeque<FaceDetectorYN> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /** @throws IllegalStateException if OpenCV cannot load the model */
    OpenCvYuNetRunner(Path model, float scoreThreshold, float nmsThreshold, int topK) {
        this.model = model;
        this.scoreThreshold = scoreThreshold;
        this.nmsThreshold = nmsThreshold;
        this.topK = topK;
        Loader.load(opencv_objdetect.class);
        // load one now, so that a broken model fails here rather than at the first image
        idle.push(newDetector());
    }

    @Override
    @SuppressWarnings("try") // the PointerScope is only opened and closed: it frees what is made inside it
    public float[][] detect(byte[] rgb, int width, int height) {
        FaceDetectorYN yn = borrow();
        try (PointerScope scope = new PointerScope()) {
            Mat colour = new Mat(height, width, opencv_core.CV_8UC3);
            colour.data().put(rgb, 0, width * height * 3);
            Mat bgr = new Mat();
            opencv_imgproc.cvtColor(colour, bgr, opencv_imgproc.COLOR_RGB2BGR);
            yn.setInputSize(new Size(width, height)); // before every detect: a stale size silently finds nothing
            Mat out = new Mat();
            yn.detect(bgr, out);
            if (out.rows() == 0 || out.cols() != YuNetDecoder.ROW) {
                return new float[0][];
            }
            float[][] rows = new float[out.rows()][YuNetDecoder.ROW];
            try (FloatIndexer idx = out.createIndexer()) {
                for (int i = 0; i < rows.length; i++) {
                    for (int j = 0; j < YuNetDecoder.ROW; j++) {
                        rows[i][j] = idx.get(i, j);
                    }
                }
            }
            return rows;
        } finally {
            release(yn);
        }
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
            d = FaceDetectorYN.create(model.toString(), "", new Size(320, 320), scoreThreshold, nmsThreshold, topK,
                    0, 0);
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
