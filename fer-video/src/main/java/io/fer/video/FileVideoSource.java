package io.fer.video;

import io.fer.core.image.Frames;
import io.fer.core.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import org.bytedeco.opencv.global.opencv_videoio;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A video file: OpenCV's {@code VideoCapture} when it opens the file, else, for an AVI, {@link MjpegAviReader}'s
 * salvage of the frames before the damage. Frame times come from the frame rate (25 frames/s when the file gives
 * none). A file that ends before the frame count its header promises is reported as damaged.
 */
final class FileVideoSource implements VideoSource {
    private static final Logger LOG = LoggerFactory.getLogger(FileVideoSource.class);
    private static final double DEFAULT_FPS = 25;

    private final Path file;
    private final VideoCapture capture;
    private final MjpegAviReader salvage;
    private final double secondsPerFrame;
    private final long expectedFrames;
    private final Mat mat = new Mat();
    private long index;
    private boolean ended;
    private String damage;

    private FileVideoSource(Path file, VideoCapture capture, MjpegAviReader salvage, double secondsPerFrame,
            long expectedFrames) {
        this.file = file;
        this.capture = capture;
        this.salvage = salvage;
        this.secondsPerFrame = secondsPerFrame;
        this.expectedFrames = expectedFrames;
    }

    static FileVideoSource open(Path file) throws UnreadableVideoException {
        if (!Files.isRegularFile(file)) {
            throw new UnreadableVideoException("No such video file: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new UnreadableVideoException("Cannot read video " + file + ": permission denied");
        }
        Natives.load();
        VideoCapture capture = new VideoCapture(file.toString(), opencv_videoio.CAP_ANY);
        if (capture.isOpened()) {
            double fps = capture.get(opencv_videoio.CAP_PROP_FPS);
            if (!(fps > 0 && fps < 10_000)) {
                LOG.warn("{} gives no frame rate; assuming {} frames/s", file, DEFAULT_FPS);
                fps = DEFAULT_FPS;
            }
            long count = Math.round(capture.get(opencv_videoio.CAP_PROP_FRAME_COUNT));
            return new FileVideoSource(file, capture, null, 1 / fps, count);
        }
        capture.close();
        if (MjpegAviReader.looksLikeAvi(file)) {
            try {
                MjpegAviReader reader = MjpegAviReader.open(file);
                return new FileVideoSource(file, null, reader, -1, -1);
            } catch (IOException e) {
                throw new UnreadableVideoException("Cannot read video " + file + ": " + e.getMessage());
            }
        }
        throw new UnreadableVideoException("Cannot read video " + file + ": OpenCV's built-in readers do not "
                + "decode it (they read MJPEG AVI; MP4, H.264 and most other formats need FFmpeg, see README)");
    }

    @Override
    public Optional<VideoFrame> next() {
        if (ended) {
            return Optional.empty();
        }
        RgbImage image = salvage != null ? salvaged() : captured();
        if (image == null) {
            ended = true;
            return Optional.empty();
        }
        double spf = salvage != null ? salvage.secondsPerFrame() : secondsPerFrame;
        VideoFrame frame = new VideoFrame(index, index * spf, image);
        index++;
        return Optional.of(frame);
    }

    private RgbImage captured() {
        try {
            if (capture.read(mat) && !mat.empty()) {
                return Frames.fromMat(mat);
            }
        } catch (RuntimeException e) {
            damage = file + " is damaged after frame " + index + ": " + e.getMessage();
            return null;
        }
        if (expectedFrames > 0 && index < expectedFrames) {
            damage = file + " ends after " + index + " of the " + expectedFrames + " frames its header promises";
        }
        return null;
    }

    private RgbImage salvaged() {
        RgbImage image = salvage.next();
        if (image == null) {
            String where = salvage.damage() != null ? salvage.damage() : file + " ends without its index";
            damage = where + " (a recording cut off?); " + index + " frames read before the damage";
            if (index == 0) {
                damage = file + " holds no readable frame: " + where;
            }
        }
        return image;
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public OptionalDouble framesPerSecond() {
        return OptionalDouble.of(1 / (salvage != null ? salvage.secondsPerFrame() : secondsPerFrame));
    }

    @Override
    public Optional<String> damage() {
        return Optional.ofNullable(damage);
    }

    @Override
    public void close() {
        ended = true;
        if (capture != null) {
            capture.release();
            capture.close();
        }
        if (salvage != null) {
            salvage.close();
        }
        mat.close();
    }
}
