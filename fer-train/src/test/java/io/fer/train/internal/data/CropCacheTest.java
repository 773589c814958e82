package io.fer.train.internal.data;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.face.CropSettings.NoFacePolicy;
import io.fer.core.face.CropSettings;
import io.fer.core.face.DetectedFace;
import io.fer.core.face.FaceBox;
import io.fer.core.face.FaceCrop;
import io.fer.core.face.FaceCropper;
import io.fer.core.face.FaceDetector;
import io.fer.core.face.NoFaceException;
import io.fer.core.image.RgbImage;
import io.fer.core.image.UnreadableImageException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CropCacheTest {
    @TempDir
    Path dir;
    Path cacheDir;
    Path photo;

    @BeforeEach
    void writePhoto() throws IOException {
        cacheDir = dir.resolve("cache");
        photo = dir.resolve("photo.png");
        Files.write(photo, png(colourPattern(120, 90)));
    }

    private static CropSettings settings(int size) {
        return CropSettings.builder().inputSize(size).build();
    }

    private List<Path> entries(CropCache cache) throws IOException {
        try (Stream<Path> files = Files.walk(cache.directory())) {
            return files.filter(p -> p.toString().endsWith(".crop")).toList();
        }
    }

    @Test
    void aSecondRunServesTheCropWithoutDetectingAgain() throws Exception {
        FixedDetector locator = new FixedDetector("fixed", new FaceBox(30, 20, 40, 40));
        CropCache first = new CropCache(cacheDir, new FaceCropper(settings(32), locator));
        FaceCrop computed = first.crop(photo).orElseThrow();
        assertThat(first.misses()).isEqualTo(1);
        assertThat(first.hits()).isZero();
        assertThat(locator.calls.get()).isEqualTo(1);

        // a new cache object, as a second training run would make
        CropCache second = new CropCache(cacheDir, new FaceCropper(settings(32), locator));
        FaceCrop cached = second.crop(photo).orElseThrow();
        assertThat(second.hits()).isEqualTo(1);
        assertThat(second.misses()).isZero();
        assertThat(locator.calls.get()).isEqualTo(1);
        assertThat(cached).isEqualTo(computed);
        assertThat(entries(second)).hasSize(1);
        try (Stream<Path> files = Files.walk(cacheDir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void isKeyedByContentNotByName() throws Exception {
        FixedDetector locator = new FixedDetector("fixed", new FaceBox(30, 20, 40, 40));
        CropCache cache = new CropCache(cacheDir, new FaceCropper(settings(32), locator));
        cache.crop(photo);
        Path copy = Files.copy(photo, dir.resolve("renamed.png"));
        cache.crop(copy);
        assertThat(cache.hits()).isEqualTo(1);
        Files.write(photo, png(grayPattern(120, 90)));
        cache.crop(photo);
        assertThat(cache.misses()).isEqualTo(2);
        assertThat(locator.calls.get()).isEqualTo(2);
    }

    @Test
    void otherSettingsOrLocatorsGetTheirOwnEntries() throws Exception {
        FixedDetector locator = new FixedDetector("fixed", new FaceBox(30, 20, 40, 40));
        CropCache small = new CropCache(cacheDir, new FaceCropper(settings(32), locator));
        CropCache large = new CropCache(cacheDir, new FaceCropper(settings(64), locator));
        CropCache otherLocator = new CropCache(cacheDir, new FaceCropper(settings(32),
                new FixedDetector("other", new FaceBox(30, 20, 40, 40))));
        assertThat(small.directory()).isNotEqualTo(large.directory()).isNotEqualTo(otherLocator.directory());
        assertThat(small.crop(photo).orElseThrow().image().width()).isEqualTo(32);
        assertThat(large.crop(photo).orElseThrow().image().width()).isEqualTo(64);
        otherLocator.crop(photo);
        assertThat(small.misses() + large.misses() + otherLocator.misses()).isEqualTo(3);
        assertThat(Files.readString(small.directory().resolve("settings.txt")))
                .isEqualTo(small.cropper().cacheKey() + "\n");
    }

    @Test
    void damagedEntriesAreRecomputedAndRewritten() throws Exception {
        FixedDetector locator = new FixedDetector("fixed", new FaceBox(30, 20, 40, 40));
        CropCache cache = new CropCache(cacheDir, new FaceCropper(settings(32), locator));
        FaceCrop original = cache.crop(photo).orElseThrow();
        Path entry = entries(cache).get(0);

        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x55; // a flipped pixel byte: only the checksum can tell
        Files.write(entry, bytes);
        assertThat(cache.crop(photo).orElseThrow()).isEqualTo(original);
        assertThat(cache.repaired()).isEqualTo(1);

        Files.write(entry, java.util.Arrays.copyOf(Files.readAllBytes(entry), 100)); // truncated
        assertThat(cache.crop(photo).orElseThrow()).isEqualTo(original);
        Files.write(entry, new byte[0]); // empty
        assertThat(cache.crop(photo).orElseThrow()).isEqualTo(original);
        assertThat(cache.repaired()).isEqualTo(3);
        assertThat(locator.calls.get()).isEqualTo(4);

        // rewritten whole: the next read is a hit
        cache.crop(photo);
        assertThat(cache.hits()).isEqualTo(1);
    }

    @Test
    void oneEntryServesEveryNoFacePolicy() throws Exception {
        FixedDetector none = new FixedDetector("none");
        CropCache centre = new CropCache(cacheDir, new FaceCropper(settings(32).toBuilder()
                .noFacePolicy(NoFacePolicy.CENTER_CROP).build(), none));
        CropCache skip = new CropCache(cacheDir, new FaceCropper(settings(32).toBuilder()
                .noFacePolicy(NoFacePolicy.SKIP).build(), none));
        CropCache fail = new CropCache(cacheDir, new FaceCropper(settings(32).toBuilder()
                .noFacePolicy(NoFacePolicy.FAIL).build(), none));
        FaceCrop crop = centre.crop(photo).orElseThrow();
        assertThat(crop.origin()).isEqualTo(FaceCrop.Origin.NO_FACE_CENTER_CROP);
        assertThat(skip.crop(photo)).isEmpty();
        assertThatThrownBy(() -> fail.crop(photo)).isInstanceOf(NoFaceException.class)
                .hasMessageContaining(photo.toString());
        assertThat(skip.hits() + fail.hits()).isEqualTo(2);
        assertThat(none.calls.get()).isEqualTo(1);
    }

    @Test
    void unreadableImagesFailNamingTheFileAndLeaveNoEntry() throws Exception {
        Path broken = dir.resolve("broken.png");
        Files.writeString(broken, "not a png");
        CropCache cache = new CropCache(cacheDir, new FaceCropper(settings(32), new FixedDetector("none")));
        assertThatThrownBy(() -> cache.crop(broken)).isInstanceOf(UnreadableImageException.class)
                .hasMessageContaining(broken.toString());
        assertThatThrownBy(() -> cache.crop(dir.resolve("missing.png"))).hasMessageContaining("no such file");
        assertThat(entries(cache)).isEmpty();
    }

    /** A face detector that always answers the same faces and counts its calls. */
    private static final class FixedDetector implements FaceDetector {
        private final List<DetectedFace> faces;
        private final String id;
        final AtomicInteger calls = new AtomicInteger();

        FixedDetector(String id, FaceBox... boxes) {
            this.id = id;
            this.faces = Arrays.stream(boxes).map(DetectedFace::ofBox).toList();
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

    private static BufferedImage grayPattern(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (x * 7 + y * 3) % 256);
            }
        }
        return img;
    }

    private static BufferedImage colourPattern(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, ((x * 13) % 256) << 16 | ((y * 11) % 256) << 8 | ((x + y) * 5) % 256);
            }
        }
        return img;
    }

    private static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
