package io.fer.core.face;

import io.fer.core.image.RgbImage;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A face detector for tests: always answers the same faces and counts its calls. */
final class FixedDetector implements FaceDetector {
    private final List<DetectedFace> faces;
    private final String id;
    final AtomicInteger calls = new AtomicInteger();

    FixedDetector(String id, FaceBox... boxes) {
        this(id, Arrays.stream(boxes).map(DetectedFace::ofBox).toList());
    }

    FixedDetector(String id, List<DetectedFace> faces) {
        this.id = id;
        this.faces = List.copyOf(faces);
    }

    @Override
    public List<DetectedFace> detect(RgbImage image) {
        calls.incrementAndGet();
        return faces;
    }

    @Override
    public String id() {
        return id;
    }
}
