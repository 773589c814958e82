package io.fer.train.data.synthetic;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/** OpenCV's Haar frontal-face cascade (the copy fer-core ships), for tests only. */
final class HaarFaceDetector implements AutoCloseable {

    private static final String CASCADE = "io/fer/core/face/haarcascade_frontalface_default.xml";

    private final CascadeClassifier classifier;

    HaarFaceDetector() {
        Path xml;
        try (InputStream in = HaarFaceDetector.class.getClassLoader().getResourceAsStream(CASCADE)) {
            if (in == null) {
                throw new IllegalStateException("cascade resource not on the class path: " + CASCADE);
            }
            xml = Files.createTempFile("haarcascade_frontalface_default", ".xml");
            Files.copy(in, xml, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + CASCADE, e);
        }
        try {
            classifier = new CascadeClassifier(xml.toString());
            if (classifier.empty()) {
                classifier.close();
                throw new IllegalStateException("OpenCV could not load the cascade " + xml);
            }
        } finally {
            xml.toFile().delete();
        }
    }

    /** Faces found with scale step 1.1, 5 neighbours, at least 30x30 pixels. */
    List<Rectangle> detect(BufferedImage image) {
        try (Mat gray = gray(image); RectVector faces = new RectVector(); Size min = new Size(30, 30);
                Size max = new Size()) {
            classifier.detectMultiScale(gray, faces, 1.1, 5, 0, min, max);
            List<Rectangle> found = new ArrayList<>();
            for (long i = 0; i < faces.size(); i++) {
                try (Rect r = faces.get(i)) {
                    found.add(new Rectangle(r.x(), r.y(), r.width(), r.height()));
                }
            }
            return found;
        }
    }

    private static Mat gray(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        byte[] luma = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int r = (rgb[i] >> 16) & 0xFF;
            int g = (rgb[i] >> 8) & 0xFF;
            int b = rgb[i] & 0xFF;
            luma[i] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
        }
        Mat mat = new Mat(height, width, opencv_core.CV_8UC1);
        mat.data().put(luma);
        return mat;
    }

    @Override
    public void close() {
        classifier.close();
    }
}
