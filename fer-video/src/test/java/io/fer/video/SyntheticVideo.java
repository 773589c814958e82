package io.fer.video;

import io.fer.core.Prediction;
import io.fer.core.face.FaceBox;
import io.fer.core.image.RgbImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_videoio.VideoWriter;

/**
 * A scripted scene written as MJPEG AVI with OpenCV's own encoder (no external codec): a red "face" moving right in
 * the upper half and a blue one moving left in the lower half, 15 frames/s, 4 s. Each face's expression is drawn as
 * its green level, and {@link Classifier} reads it back with seeded noise, standing in for a model.
 */
final class SyntheticVideo {
    static final int WIDTH = 320;
    static final int HEIGHT = 240;
    static final double FPS = 15;
    static final int FRAMES = 60;
    static final List<String> LABELS = List.of("happy", "neutral", "sad");
    private static final int SIZE = 60;

    private SyntheticVideo() {}

    /** Red face: happy until 1.2 s, then sad. */
    static String scriptA(double t) {
        return t < 1.2 ? "happy" : "sad";
    }

    /** Blue face: neutral until 2.8 s, then happy. */
    static String scriptB(double t) {
        return t < 2.8 ? "neutral" : "happy";
    }

    static FaceBox boxA(int frame) {
        return new FaceBox(10 + frame * 3, 20, SIZE, SIZE);
    }

    static FaceBox boxB(int frame) {
        return new FaceBox(WIDTH - SIZE - 10 - frame * 3, 140, SIZE, SIZE);
    }

    static void write(Path file) {
        int fourcc = VideoWriter.fourcc((byte) 'M', (byte) 'J', (byte) 'P', (byte) 'G');
        try (VideoWriter writer = new VideoWriter(file.toString(), org.bytedeco.opencv.global.opencv_videoio.CAP_OPENCV_MJPEG, fourcc, FPS, new Size(WIDTH, HEIGHT), true)) {
            if (!writer.isOpened()) {
                throw new IllegalStateException("OpenCV's MJPEG writer did not open " + file);
            }
            for (int i = 0; i < FRAMES; i++) {
                double t = i / FPS;
                try (Mat frame = new Mat(HEIGHT, WIDTH, opencv_core.CV_8UC3, new Scalar(40, 40, 40, 0))) {
                    draw(frame, boxA(i), new Scalar(0, green(scriptA(t)), 220, 0));
                    draw(frame, boxB(i), new Scalar(220, green(scriptB(t)), 0, 0));
                    writer.write(frame);
                }
            }
            writer.release();
        }
    }

    private static void draw(Mat frame, FaceBox b, Scalar colour) {
        opencv_imgproc.rectangle(frame, new Rect(b.x(), b.y(), b.width(), b.height()), colour, -1,
                opencv_imgproc.LINE_8, 0);
    }

    private static double green(String label) {
        return LABELS.indexOf(label) * 120;
    }

    /**
     * Finds the red and the blue square (in a shuffled order, so that the tracker has to do the work) and reads
     * each one's expression from its green level; with probability {@code noise} a face gets a wrong answer instead.
     */
    static final class Classifier implements FrameClassifier {
        private final Random random = new Random(42);
        private final double noise;
        private final long costMillis;

        Classifier(double noise) {
            this(noise, 0);
        }

        /** Takes at least {@code costMillis} per frame, as a real detector and model would (far more than following). */
        Classifier(double noise, long costMillis) {
            this.noise = noise;
            this.costMillis = costMillis;
        }

        @Override
        public List<String> labels() {
            return LABELS;
        }

        @Override
        public List<Prediction> classify(RgbImage frame) {
            if (costMillis > 0) {
                try {
                    Thread.sleep(costMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            List<Prediction> out = new ArrayList<>();
            for (int channel : new int[] {0, 2}) {
                int x0 = Integer.MAX_VALUE;
                int y0 = Integer.MAX_VALUE;
                int x1 = -1;
                int y1 = -1;
                long green = 0;
                long n = 0;
                for (int y = 0; y < frame.height(); y++) {
                    for (int x = 0; x < frame.width(); x++) {
                        if (frame.channel(x, y, channel) > 150 && frame.channel(x, y, 2 - channel) < 90) {
                            x0 = Math.min(x0, x);
                            y0 = Math.min(y0, y);
                            x1 = Math.max(x1, x);
                            y1 = Math.max(y1, y);
                            green += frame.channel(x, y, 1);
                            n++;
                        }
                    }
                }
                if (n < 100) {
                    continue;
                }
                int truth = (int) Math.max(0, Math.min(2, Math.round(green / (double) n / 120)));
                int answer = random.nextDouble() < noise ? (truth + 1 + random.nextInt(2)) % 3 : truth;
                Map<String, Float> p = new LinkedHashMap<>();
                for (int i = 0; i < 3; i++) {
                    p.put(LABELS.get(i), i == answer ? 0.8f : 0.1f);
                }
                out.add(new Prediction(LABELS.get(answer), 0.8f, p, new FaceBox(x0, y0, x1 - x0 + 1, y1 - y0 + 1), true));
            }
            Collections.shuffle(out, random);
            return out;
        }
    }
}
