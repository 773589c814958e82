package io.fer.video;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Where frames come from: a video file ({@link #file}), a camera ({@link #camera}) or the application itself
 * ({@link #pushed}). Sources hand out one frame at a time and keep none: a live source (camera, pushed frames) holds
 * at most one frame waiting, and a newer frame replaces it (counted in {@link #dropped()}) when the reader is slower.
 */
public interface VideoSource extends AutoCloseable {
    /**
     * The next frame, waiting for it on a live source; empty at the end of a file, when a camera stops, after
     * {@link PushedFrames#end()} or after {@link #close()}.
     */
    Optional<VideoFrame> next();

    /** The source's name for messages: the file, {@code camera N}, or the name given to pushed frames. */
    String name();

    /** Frames the source dropped because the reader was busy (always 0 for files, which wait for the reader). */
    default long dropped() {
        return 0;
    }

    /** The source's nominal frame rate when it states one (a file's header); empty for cameras and pushed frames. */
    default OptionalDouble framesPerSecond() {
        return OptionalDouble.empty();
    }

    /**
     * Why the source ended early, when it did: a truncated or damaged file (the frames before the damage were
     * handed out), a camera that failed. Empty for a clean end.
     */
    default Optional<String> damage() {
        return Optional.empty();
    }

    /** Stops the source and releases its native resources; {@link #next()} then returns empty. */
    @Override
    void close();

    /**
     * A video file read with OpenCV's {@code VideoCapture}. With the OpenCV jars on Maven Central that is OpenCV's
     * built-in reader: MJPEG in AVI (and image sequences); MP4/H.264 needs FFmpeg, which those jars do not carry (see
     * README). An AVI whose index is missing (a recording cut off) is read frame by frame up to the damage.
     *
     * @throws UnreadableVideoException if the file does not exist or holds no frame fer can read (the message names it)
     */
    static VideoSource file(Path video) throws UnreadableVideoException {
        return FileVideoSource.open(video);
    }

    /**
     * Camera {@code index} (0 is the system's default) through OpenCV's {@code VideoCapture}, read on its own thread
     * so that the camera never waits: frames arriving while the reader is busy replace the waiting one.
     *
     * @throws UnreadableVideoException if the camera cannot be opened
     */
    static VideoSource camera(int index) throws UnreadableVideoException {
        return CameraSource.open(index);
    }

    /** Frames the application pushes ({@link PushedFrames#push}) from its own capture code, named {@code name}. */
    static PushedFrames pushed(String name) {
        return new PushedFrames(name);
    }
}
