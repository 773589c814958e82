package io.fer.core.face;

import io.fer.core.image.RgbImage;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A face locator for tests: always answers the same boxes and counts its calls. */
final class FixedLocator implements FaceLocator {
    private final List<FaceBox> faces;
    private final String id;
    final AtomicInteger calls = new AtomicInteger();

    FixedLocator(String id, FaceBox... faces) {
        this.id = id;
        this.faces = List.of(faces);
    }

    @Override
    public List<FaceBox> locate(RgbImage image) {
        calls.incrementAndGet();
        return faces;
    }

    @Override
    public String id() {
        return id;
    }
}
