package io.fer.core.face;

import io.fer.core.image.RgbImage;
import io.fer.core.internal.AtomicFiles;
import io.fer.core.internal.FerHome;
import io.fer.core.runtime.TensorFlowRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_objdetect;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * Finds frontal faces with OpenCV's Haar cascade ({@code haarcascade_frontalface_default.xml}, shipped in the
 * OpenCV natives jar and unpacked once into {@link FerHome}).
 *
 * <p>The image is turned grey (OpenCV's RGB-to-grey weights), its histogram equalised, and
 * {@code detectMultiScale} run with the given scale step, neighbour count and smallest face size. It gives boxes only:
 * no landmarks (so aligned crops fall back to box crops) and no score. Kept for model directories trained with it
 * and as a choice ({@link DetectorSettings#haar()}); {@link YuNetFaceDetector} is the default.
 *
 * <p>Thread-safe: OpenCV's {@code CascadeClassifier} is not, so each call borrows one from a pool that grows to the
 * number of threads calling at once. Holds native memory: close it when done.
 */
final class HaarFaceDetector implements FaceDetector {
    /** The cascade's path inside the OpenCV natives jar. */
    /** The cascade's classpath resource (the same on every platform: OpenCV's Windows jar lacks it). */
    static final String CASCADE_RESOURCE = "io/fer/core/face/haarcascade_frontalface_default.xml";
    /** Default scale step between detection scales. */
    public static final double DEFAULT_SCALE_FACTOR = 1.1;
    /** Default number of overlapping hits a face needs. */
    public static final int DEFAULT_MIN_NEIGHBORS = 5;
    /** Default smallest face side, in pixels. */
    public static final int DEFAULT_MIN_SIZE = 30;

    private static Path cascadeFile;

    private final double scaleFactor;
    private final int minNeighbors;
    private final int minSize;
    private final int maxFaces;
    private final DetectorSettings settings;
    private final Path cascade;
    private final ConcurrentLinkedDeque<CascadeClassifier> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /** A detector with scale step 1.1, 5 neighbours and faces of at least 30 pixels, on full-size frames. */
    public HaarFaceDetector() {
        this(DEFAULT_SCALE_FACTOR, DEFAULT_MIN_NEIGHBORS, DEFAULT_MIN_SIZE);
    }

    /**
     * A detector with scale step 1.1 and 5 neighbours, and the smallest face, most faces and working size of
     * {@code settings} (its score threshold does not apply: the cascade gives no score).
     */
    public HaarFaceDetector(DetectorSettings settings) {
        this(DEFAULT_SCALE_FACTOR, DEFAULT_MIN_NEIGHBORS, settings);
    }

    /**
     * A detector with its own parameters.
     *
     * @param scaleFactor how much the search window grows between scales, above 1
     * @param minNeighbors how many overlapping hits a face needs (more: fewer false faces)
     * @param minSize the smallest face side searched for, in pixels
     * @throws IllegalStateException if OpenCV or the cascade cannot be loaded
     */
    public HaarFaceDetector(double scaleFactor, int minNeighbors, int minSize) {
        this(scaleFactor, minNeighbors, DetectorSettings.haar().withMinFaceSize(minSize));
    }

    private HaarFaceDetector(double scaleFactor, int minNeighbors, DetectorSettings settings) {
        int minSize = settings.minFaceSize();
        if (!(scaleFactor > 1.0)) {
            throw new IllegalArgumentException("scaleFactor must be above 1, got " + scaleFactor);
        }
        if (minNeighbors < 0 || minSize < 1) {
            throw new IllegalArgumentException("minNeighbors must be >= 0 and minSize >= 1, got " + minNeighbors
                    + " and " + minSize);
        }
        this.scaleFactor = scaleFactor;
        this.minNeighbors = minNeighbors;
        this.minSize = minSize;
        this.maxFaces = settings.maxFaces();
        this.settings = settings;
        this.cascade = loadNatives();
        // load one now, so that a broken cascade fails here rather than at the first image
        idle.push(newClassifier());
    }

    /**
     * The faces in an image, largest first (ties: top to bottom, then left to right), boxes only.
     *
     * @throws IllegalStateException if the detector is closed
     */
    @SuppressWarnings("try") // the PointerScope is only opened and closed: it frees what is made inside it
    @Override
    public List<DetectedFace> detect(RgbImage image) {
        CascadeClassifier classifier = borrow();
        try {
            List<DetectedFace> faces = new ArrayList<>();
            double scale = settings.workingScale(image.width(), image.height());
            int searched = Math.max(1, (int) Math.round(minSize * scale));
            byte[] rgb = image.toBytes();
            // every native object made in here is freed when the scope closes (the pooled classifier is not)
            try (PointerScope scope = new PointerScope()) {
                Mat colour = new Mat(image.height(), image.width(), opencv_core.CV_8UC3);
                colour.data().put(rgb, 0, rgb.length);
                Mat gray = new Mat();
                opencv_imgproc.cvtColor(colour, gray, opencv_imgproc.COLOR_RGB2GRAY);
                if (scale < 1) {
                    opencv_imgproc.resize(gray, gray, new Size((int) Math.round(image.width() * scale),
                            (int) Math.round(image.height() * scale)), 0, 0, opencv_imgproc.INTER_AREA);
                }
                opencv_imgproc.equalizeHist(gray, gray);
                RectVector found = new RectVector();
                classifier.detectMultiScale(gray, found, scaleFactor, minNeighbors, 0, new Size(searched, searched),
                        new Size());
                for (long i = 0; i < found.size(); i++) {
                    Rect r = found.get(i);
                    FaceBox box = scale < 1 ? Boxes.scaledBack(r.x(), r.y(), r.width(), r.height(), scale,
                            image.width(), image.height()) : new FaceBox(r.x(), r.y(), r.width(), r.height());
                    if (box != null) {
                        faces.add(DetectedFace.ofBox(box));
                    }
                }
            }
            faces.sort(LARGEST_FIRST);
            return List.copyOf(faces.subList(0, Math.min(maxFaces, faces.size())));
        } finally {
            release(classifier);
        }
    }

    @Override
    public String id() {
        return String.format(Locale.ROOT, "opencv-haar-frontalface-default/%s/%d/%d/max=%d/work=%d",
                Double.toString(scaleFactor), minNeighbors, minSize, maxFaces, settings.workingSize());
    }

    /** Frees the pooled classifiers; ones in use are freed when their call ends. */
    @Override
    public void close() {
        closed = true;
        CascadeClassifier c;
        while ((c = idle.poll()) != null) {
            c.close();
        }
    }

    private CascadeClassifier borrow() {
        if (closed) {
            throw new IllegalStateException("This HaarFaceDetector is closed");
        }
        CascadeClassifier c = idle.poll();
        return c != null ? c : newClassifier();
    }

    private void release(CascadeClassifier c) {
        if (closed) {
            c.close();
            return;
        }
        idle.push(c);
        // close() may have drained the pool between the check and the push
        if (closed && idle.remove(c)) {
            c.close();
        }
    }

    private CascadeClassifier newClassifier() {
        CascadeClassifier c = new CascadeClassifier(cascade.toString());
        if (c.empty()) {
            c.close();
            throw new IllegalStateException("OpenCV could not load the face cascade " + cascade
                    + " (delete it so that it is unpacked again)");
        }
        return c;
    }

    /** Loads OpenCV (its natives cached under FerHome) and unpacks the cascade, once per JVM. */
    private static synchronized Path loadNatives() {
        if (cascadeFile == null) {
            TensorFlowRuntime.keepOffline();
            Loader.load(opencv_objdetect.class);
            cascadeFile = unpackCascade();
        }
        return cascadeFile;
    }

    /**
     * Copies the cascade out of the natives jar (OpenCV reads it from a file), unless a copy of the right size is
     * there already; writes a temporary file and moves it into place, so that no reader sees half a file.
     */
    private static Path unpackCascade() {
        URL url = HaarFaceDetector.class.getClassLoader().getResource(CASCADE_RESOURCE);
        if (url == null) {
            throw new IllegalStateException("The face cascade " + CASCADE_RESOURCE + " is missing from the classpath "
                    + "(it is part of the fer-core jar; a fat jar must keep fer-core's resources)");
        }
        Path dir = FerHome.resolve("opencv");
        try {
            return AtomicFiles.unpack(url, dir.resolve("haarcascade_frontalface_default.xml"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the face cascade into " + dir + " (set " + FerHome.ENV
                    + " to a writable folder)", e);
        }
    }
}
