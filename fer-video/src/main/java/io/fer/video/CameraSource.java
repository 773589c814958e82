package io.fer.video;

import io.fer.core.image.Frames;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A camera read on its own thread into a {@link FrameSlot}, so that a slow analyzer drops frames instead of lagging. */
final class CameraSource implements VideoSource {
    private static final Logger LOG = LoggerFactory.getLogger(CameraSource.class);

    private final String name;
    private final VideoCapture capture;
    private final FrameSlot slot = new FrameSlot();
    private final Thread reader;
    private volatile boolean stopping;
    private volatile String damage;

    private CameraSource(int index, VideoCapture capture) {
        this.name = "camera " + index;
        this.capture = capture;
        this.reader = new Thread(this::readLoop, "fer-" + name.replace(' ', '-'));
        reader.setDaemon(true);
    }

    static CameraSource open(int index) throws UnreadableVideoException {
        if (index < 0) {
            throw new UnreadableVideoException("A camera index is 0 or more, got " + index);
        }
        Natives.load();
        VideoCapture capture = new VideoCapture(index);
        if (!capture.isOpened()) {
            capture.close();
            throw new UnreadableVideoException("Cannot open camera " + index
                    + " (no such device, or it is busy or not permitted)");
        }
        CameraSource source = new CameraSource(index, capture);
        source.reader.start();
        return source;
    }

    private void readLoop() {
        long start = System.nanoTime();
        long index = 0;
        try (Mat mat = new Mat()) {
            while (!stopping) {
                if (!capture.read(mat) || mat.empty()) {
                    if (!stopping) {
                        damage = name + " stopped delivering frames after " + index;
                    }
                    break;
                }
                double t = (System.nanoTime() - start) / 1e9;
                slot.put(new VideoFrame(index++, t, Frames.fromMat(mat)));
            }
        } catch (RuntimeException e) {
            damage = name + " failed after " + index + " frames: " + e.getMessage();
            LOG.warn("{}", damage);
        } finally {
            slot.end();
        }
    }

    @Override
    public Optional<VideoFrame> next() {
        return slot.take();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long dropped() {
        return slot.dropped();
    }

    @Override
    public Optional<String> damage() {
        return Optional.ofNullable(damage);
    }

    @Override
    public void close() {
        stopping = true;
        slot.discard();
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!reader.isAlive()) {
            capture.release();
            capture.close();
        } else {
            LOG.warn("{} did not stop within 5 s; its capture is left to the JVM", name);
        }
    }
}
