package io.fer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.repository.zoo.ZooModel;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.RecognizerAccess;
import io.fer.core.internal.model.ModelDirectory;
import io.fer.core.model.ModelFormatException;
import io.fer.core.model.ModelManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mirror averaging ({@link ModelManifest#mirrorAveraging()}): a model directory that asks for it is answered with the
 * mean of each face's and its mirror image's probabilities, by the Recognizer and by {@link FerTranslator} alike; the
 * setting is off for directories without it and can be overridden by the application.
 */
class MirrorAveragingTest {
    private static Path legacy;
    private static RgbImage astronaut;

    @BeforeAll
    static void load() throws Exception {
        legacy = Path.of(MirrorAveragingTest.class.getResource("legacy-model/model").toURI());
        try (InputStream in = MirrorAveragingTest.class.getResourceAsStream("face/astronaut-256.jpg")) {
            astronaut = RgbImage.read(in.readAllBytes());
        }
    }

    /** A copy of the legacy model directory whose manifest asks for mirror averaging. */
    private static Path mirroredCopy(Path dir) throws IOException {
        Path copy = dir.resolve("model");
        try (Stream<Path> files = Files.walk(legacy)) {
            for (Path f : files.toList()) {
                Path to = copy.resolve(legacy.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        ModelDirectory.writeManifest(copy, ModelDirectory.verify(copy).withMirrorAveraging(true));
        return copy;
    }

    /** The left-right mirror image of {@code image}, made here pixel by pixel. */
    private static RgbImage mirror(RgbImage image) {
        int w = image.width();
        int h = image.height();
        byte[] rgb = image.toBytes();
        byte[] out = new byte[rgb.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(rgb, (y * w + x) * 3, out, (y * w + (w - 1 - x)) * 3, 3);
            }
        }
        return RgbImage.of(w, h, out);
    }

    @Test
    void eachFaceIsAnsweredWithTheMeanOfItsAndItsMirrorImagesProbabilities(@TempDir Path dir) throws Exception {
        Path mirrored = mirroredCopy(dir);
        RgbImage a = astronaut.resize(32, 32);
        RgbImage b = astronaut.crop(40, 20, 150, 150).resize(32, 32);
        try (Recognizer plain = Recognizer.load(legacy); Recognizer averaged = Recognizer.load(mirrored)) {
            assertThat(plain.mirrorAveraging()).isFalse();
            assertThat(averaged.mirrorAveraging()).isTrue();
            float[] p = RecognizerAccess.probabilities(plain, List.of(a, b, mirror(a), mirror(b)));
            float[] q = RecognizerAccess.probabilities(averaged, List.of(a, b));
            int k = plain.labels().size();
            assertThat(q).hasSize(2 * k);
            boolean mirrorChangesSomething = false;
            for (int i = 0; i < 2; i++) {
                for (int c = 0; c < k; c++) {
                    float own = p[i * k + c];
                    float ofMirror = p[(i + 2) * k + c];
                    mirrorChangesSomething |= Math.abs(own - ofMirror) > 1e-4;
                    assertThat(q[i * k + c]).as("image %d class %d", i, c).isCloseTo((own + ofMirror) / 2,
                            within(1e-6f));
                }
            }
            assertThat(mirrorChangesSomething).as("the fixture's answers differ for mirror images").isTrue();
            // a whole prediction (detection, crop) carries the averaged probabilities too
            Prediction viaPredict = averaged.predict(astronaut).orElseThrow();
            Prediction unaveraged = plain.predict(astronaut).orElseThrow();
            assertThat(viaPredict.face()).isEqualTo(unaveraged.face());
            assertThat(viaPredict.probabilities()).isNotEqualTo(unaveraged.probabilities());
        }
    }

    @Test
    void theApplicationCanTurnItOffOrOn(@TempDir Path dir) throws Exception {
        Path mirrored = mirroredCopy(dir);
        RgbImage a = astronaut.resize(32, 32);
        try (Recognizer off = Recognizer.builder(mirrored).mirrorAveraging(false).load();
                Recognizer plain = Recognizer.load(legacy);
                Recognizer on = Recognizer.builder(legacy).mirrorAveraging(true).load();
                Recognizer averaged = Recognizer.load(mirrored)) {
            assertThat(off.mirrorAveraging()).isFalse();
            assertThat(on.mirrorAveraging()).isTrue();
            assertThat(RecognizerAccess.probabilities(off, List.of(a)))
                    .containsExactly(RecognizerAccess.probabilities(plain, List.of(a)));
            assertThat(RecognizerAccess.probabilities(on, List.of(a)))
                    .containsExactly(RecognizerAccess.probabilities(averaged, List.of(a)));
        }
    }

    @Test
    void djlsPredictorAveragesAsTheRecognizerDoes(@TempDir Path dir) throws Exception {
        Path mirrored = mirroredCopy(dir);
        RgbImage square = astronaut.crop(40, 20, 150, 150); // the translator takes it whole: a centred square
        ImageFactory factory = ImageFactory.getInstance();
        Image image = factory.fromImage(square.toBufferedImage());
        Image mirrorImage = factory.fromImage(mirror(square).toBufferedImage());
        try (ZooModel<Image, Classifications> plainModel = FerTranslator.criteria(legacy).loadModel();
                Predictor<Image, Classifications> plain = plainModel.newPredictor();
                ZooModel<Image, Classifications> model = FerTranslator.criteria(mirrored).loadModel();
                Predictor<Image, Classifications> averaged = model.newPredictor()) {
            Classifications own = plain.predict(image);
            Classifications ofMirror = plain.predict(mirrorImage);
            List<Classifications> got = averaged.batchPredict(List.of(image, image));
            assertThat(got).hasSize(2);
            for (Classifications c : got) {
                for (String label : own.getClassNames()) {
                    double mean = (own.get(label).getProbability() + ofMirror.get(label).getProbability()) / 2;
                    assertThat(c.get(label).getProbability()).as(label).isCloseTo(mean, within(1e-5));
                }
            }
        }
    }

    @Test
    void theManifestSaysItOnlyWhenSetAndRefusesAnythingButABoolean(@TempDir Path dir) throws Exception {
        Path mirrored = mirroredCopy(dir);
        Path manifest = mirrored.resolve(ModelDirectory.MANIFEST);
        String written = Files.readString(manifest, StandardCharsets.UTF_8);
        assertThat(written).contains("\"mirrorAveraging\": true");
        assertThat(Files.readString(legacy.resolve(ModelDirectory.MANIFEST))).doesNotContain("mirrorAveraging");
        ModelDirectory.writeManifest(mirrored, ModelDirectory.verify(mirrored).withMirrorAveraging(false));
        assertThat(Files.readString(manifest, StandardCharsets.UTF_8)).doesNotContain("mirrorAveraging");
        assertThat(ModelDirectory.verify(mirrored).mirrorAveraging()).isFalse();

        // a manifest without its own sum still loads (older directories), so its fields are checked one by one
        Files.delete(mirrored.resolve(ModelDirectory.MANIFEST_SUM));
        Files.writeString(manifest, written.replace("\"mirrorAveraging\": true", "\"mirrorAveraging\": \"yes\""),
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ModelDirectory.verify(mirrored)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("mirrorAveraging").hasMessageContaining("\"yes\"")
                .hasMessageContaining("true or false");
    }
}
