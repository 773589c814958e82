package io.fer.video;

import io.fer.core.face.FaceBox;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.AtomicFiles;
import java.awt.Color;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_videoio;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_videoio.VideoWriter;

/**
 * Writes the annotated video: every frame read, with each face's box, track id and smoothed label (the latest
 * analysed or followed faces on frames in between), as MJPEG AVI through OpenCV's built-in encoder, which needs no
 * external codec and which {@link VideoSource#file} reads back. The video goes to a hidden file beside the target
 * and takes the target's name in {@link #close()}, so a run that fails leaves an earlier file of that name intact.
 * When the source gives no frame rate (cameras, pushed frames) it is taken from the first two frames' times, the
 * first frame waiting for the second.
 */
final class AnnotatedVideoWriter implements Closeable {
    private static final double DEFAULT_FPS = 25;

    private final Path target;
    private final Path partial;
    private final List<String> labels;
    private final double sourceFps;
    private VideoWriter writer;
    private Mat waiting;
    private double waitingTime;
    private long written;

    /**
     * @param sourceFps the source's frame rate, or NaN when it has none
     * @throws IllegalArgumentException if the target's name does not end in {@code .avi}
     */
    AnnotatedVideoWriter(Path target, List<String> labels, double sourceFps) throws IOException {
        String name = target.getFileName() == null ? "" : target.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".avi")) {
            throw new IllegalArgumentException("The annotated video is written as MJPEG AVI; name it *.avi, got "
                    + target);
        }
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException("The annotated video " + target + " is a folder");
        }
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        this.target = target;
        this.partial = parent.resolve("." + name.substring(0, name.length() - 4) + ".partial.avi");
        this.labels = List.copyOf(labels);
        this.sourceFps = sourceFps;
    }

    /** Draws the faces on the frame and writes it. */
    void write(RgbImage frame, double timeSeconds, List<FrameResult.Face> faces) throws IOException {
        Mat mat = Mats.bgr(frame);
        try {
            draw(mat, faces);
            if (writer == null) {
                if (Double.isNaN(sourceFps) && waiting == null) {
                    waiting = mat;   // the frame rate comes from the next frame's time
                    waitingTime = timeSeconds;
                    mat = null;
                    return;
                }
                double fps = !Double.isNaN(sourceFps) ? sourceFps : fpsFrom(timeSeconds - waitingTime);
                open(mat.cols(), mat.rows(), fps);
                flushWaiting();
            }
            writer.write(mat);
            written++;
        } finally {
            if (mat != null) {
                mat.close();
            }
        }
    }

    private static double fpsFrom(double interval) {
        double fps = interval > 0 ? 1 / interval : DEFAULT_FPS;
        return Math.max(1, Math.min(120, fps));
    }

    private void open(int width, int height, double fps) throws IOException {
        int fourcc = VideoWriter.fourcc((byte) 'M', (byte) 'J', (byte) 'P', (byte) 'G');
        Natives.load();
        writer = new VideoWriter(partial.toString(), opencv_videoio.CAP_OPENCV_MJPEG, fourcc, fps,
                new Size(width, height), true);
        if (!writer.isOpened()) {
            writer.close();
            writer = null;
            throw new IOException("Cannot write the annotated video " + partial + " (OpenCV's MJPEG writer did not "
                    + "open it)");
        }
    }

    private void flushWaiting() {
        if (waiting != null) {
            writer.write(waiting);
            written++;
            waiting.close();
            waiting = null;
        }
    }

    private void draw(Mat mat, List<FrameResult.Face> faces) {
        // at least 3 px: MJPEG halves the colour resolution, and a thinner line would take the face's colour
        int thickness = Math.max(3, mat.cols() / 213);
        double fontScale = Math.max(0.4, mat.cols() / 960.0);
        for (FrameResult.Face f : faces) {
            FaceBox b = f.raw().face();
            Color c = TimelineChart.colour(Math.max(0, labels.indexOf(f.label())));
            Scalar colour = new Scalar(c.getBlue(), c.getGreen(), c.getRed(), 0);
            opencv_imgproc.rectangle(mat, new Rect(b.x(), b.y(), b.width(), b.height()), colour, thickness,
                    opencv_imgproc.LINE_8, 0);
            String text = "#" + f.trackId() + " " + f.label();
            int baseline = Math.max(12, b.y() - 4);
            opencv_imgproc.putText(mat, text, new Point(b.x(), baseline), opencv_imgproc.FONT_HERSHEY_SIMPLEX,
                    fontScale, colour, thickness, opencv_imgproc.LINE_AA, false);
        }
    }

    /** Frames written so far. */
    long written() {
        return written;
    }

    /** After a failed run: drops the partial video, leaving the target as it was. */
    void abort() {
        if (writer != null) {
            writer.release();
            writer.close();
            writer = null;
        }
        if (waiting != null) {
            waiting.close();
            waiting = null;
        }
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            // best effort: the hidden partial file is all that can be left
        }
    }

    /** Finishes the AVI (its index) and gives it the target's name. */
    @Override
    public void close() throws IOException {
        try {
            if (writer == null && waiting != null) {
                open(waiting.cols(), waiting.rows(), Double.isNaN(sourceFps) ? DEFAULT_FPS : sourceFps);
                flushWaiting();
            }
            if (writer != null) {
                writer.release();
                writer.close();
                writer = null;
                AtomicFiles.move(partial, target);
            }
        } finally {
            if (waiting != null) {
                waiting.close();
                waiting = null;
            }
            Files.deleteIfExists(partial);
        }
    }
}
