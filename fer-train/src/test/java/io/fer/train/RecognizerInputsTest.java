package io.fer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.Expression;
import io.fer.core.Prediction;
import io.fer.core.Recognizer;
import io.fer.core.face.CropSettings;
import io.fer.core.face.CropSettings.NoFacePolicy;
import io.fer.core.face.NoFaceException;
import io.fer.core.image.RgbImage;
import io.fer.core.image.UnreadableImageException;
import io.fer.core.internal.RecognizerAccess;
import io.fer.models.Backbone;
import io.fer.train.augment.Augmentation;
import io.fer.train.data.Dataset;
import io.fer.train.data.synthetic.SyntheticFaces;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the recognizer does with faces, images without faces, bad images, and after close. */
@Tag("slow")
class RecognizerInputsTest {
    @TempDir
    static Path tmp;
    static Path saved;

    @BeforeAll
    static void trainADetectingModel() {
        Dataset scenes = SyntheticFaces.builder().identities(3).imagesPerClass(1).imageSize(96).scene(256, 200)
                .classes(Expression.HAPPY, Expression.SURPRISE).seed(2).build();
        try (FerModel m = FerModel.builder().backbone(Backbone.CNN).weights(Weights.none()).inputSize(32)
                .crop(CropSettings.defaults()).featureExtraction(1, 1e-3).fineTuning(0, 1e-4)
                .augmentation(Augmentation.none()).cropCache(tmp.resolve("crops")).quiet().fit(scenes)) {
            saved = tmp.resolve("model");
            m.save(saved);
        }
    }

    static RgbImage flat() {
        byte[] gray = new byte[200 * 150];
        java.util.Arrays.fill(gray, (byte) 128);
        return RgbImage.ofGray(200, 150, gray);
    }

    @Test
    void findsTheFaceInAScene() throws Exception {
        Dataset scenes = SyntheticFaces.builder().identities(1).imagesPerClass(1).imageSize(96).scene(256, 200)
                .classes(Expression.HAPPY).seed(77).build();
        var image = scenes.samples().get(0).load();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        Path file = Files.write(tmp.resolve("scene.png"), png.toByteArray());
        try (Recognizer r = Recognizer.load(saved)) {
            Prediction fromFile = r.predict(file).orElseThrow();
            assertThat(fromFile.faceDetected()).isTrue();
            assertThat(fromFile.face().width()).isBetween(40, 180);
            assertThat(fromFile.label()).isIn("happy", "surprise");
            assertThat(r.predict(png.toByteArray()).orElseThrow()).isEqualTo(fromFile);
            assertThat(r.predict(image).orElseThrow()).isEqualTo(fromFile);
            assertThat(r.predictAll(file)).isNotEmpty().first().isEqualTo(fromFile);
        }
    }

    @Test
    void noFaceFollowsThePolicyAndByDefaultGivesNoPrediction() {
        try (Recognizer r = Recognizer.load(saved)) {
            assertThat(r.cropSettings().noFacePolicy()).isEqualTo(NoFacePolicy.SKIP);
            assertThat(r.predict(flat())).isEmpty();
            assertThat(r.predict(RgbImage.of(320, 240, new byte[320 * 240 * 3]))).isEmpty();
            assertThat(r.predictAll(flat())).isEmpty();
        }
        try (Recognizer r = Recognizer.load(saved, NoFacePolicy.CENTER_CROP)) {
            Prediction p = r.predict(flat()).orElseThrow();
            assertThat(p.faceDetected()).isFalse();
            assertThat(p.face().width()).isEqualTo(150);
        }
        try (Recognizer r = Recognizer.load(saved, NoFacePolicy.SKIP)) {
            assertThat(r.predict(flat())).isEmpty();
            assertThat(r.predictAll(flat())).isEmpty();
        }
        try (Recognizer r = Recognizer.load(saved, NoFacePolicy.FAIL)) {
            assertThatThrownBy(() -> r.predict(flat())).isInstanceOf(NoFaceException.class)
                    .hasMessageContaining("No face");
        }
    }

    @Test
    void unreadableImagesAreNamed() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.jpg"), "not an image");
        try (Recognizer r = Recognizer.load(saved)) {
            assertThatThrownBy(() -> r.predict(text)).isInstanceOf(UnreadableImageException.class)
                    .hasMessageContaining(text.toString());
            assertThatThrownBy(() -> r.predict(tmp.resolve("missing.png"))).isInstanceOf(UnreadableImageException.class)
                    .hasMessageContaining("missing.png");
            assertThatThrownBy(() -> RecognizerAccess.probabilities(r, List.of(flat()))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("200x150");
        }
    }

    @Test
    void aClosedRecognizerSaysSo() {
        Recognizer r = Recognizer.load(saved);
        r.close();
        r.close();
        assertThatThrownBy(() -> r.predict(flat())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
