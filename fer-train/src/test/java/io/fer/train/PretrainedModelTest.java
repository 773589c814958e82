package io.fer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.Expression;
import io.fer.core.Recognizer;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.RecognizerAccess;
import io.fer.core.internal.model.PretrainedModel;
import io.fer.core.model.ModelFormatException;
import io.fer.models.Backbone;
import io.fer.models.internal.Backbones;
import io.fer.models.internal.keras.KerasWeights;
import io.fer.models.internal.keras.KerasWeightsFile;
import io.fer.models.internal.keras.LayerSpec;
import io.fer.models.internal.keras.WeightArray;
import io.fer.train.augment.Augmentation;
import io.fer.train.data.Dataset;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model shipped in a jar as fer-zoo ships fer's own: found on the classpath, unpacked and verified, served by
 * {@link Recognizer}, and its backbone used as {@link Weights#fer2013()} for the paper's two-phase recipe.
 */
@Tag("slow")
class PretrainedModelTest {
    static final List<Expression> CLASSES = List.of(Expression.HAPPY, Expression.SADNESS, Expression.FEAR);

    @TempDir
    static Path zoo;

    static Path resources;

    /** A zoo folder laid out like fer-zoo's jar, holding a small B0 trained here. */
    @BeforeAll
    static void shipASmallModel() throws Exception {
        resources = zoo.resolve("classes");
        Path base = resources.resolve(PretrainedModel.RESOURCE_ROOT + PretrainedModel.FER2013_B0);
        try (FerModel m = FerModel.builder().backbone(Backbone.B0).weights(Weights.none()).inputSize(32)
                .freezeUntil(0).trainBatchNorm(true).featureExtraction(0, 1e-3).fineTuning(1, 1e-3).batchSize(6)
                .augmentation(Augmentation.none()).seed(2).cropCache(null).quiet().fit(data())) {
            m.save(base.resolve(PretrainedModel.MODEL));
            m.saveBackboneWeights(base.resolve(PretrainedModel.BACKBONE));
        }
        Files.writeString(base.resolve(PretrainedModel.CARD), "# test model\n");
        StringBuilder index = new StringBuilder();
        try (Stream<Path> files = Files.walk(base)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                index.append(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(f)))).append("  ").append(base.relativize(f).toString()
                        .replace('\\', '/')).append('\n');
            }
        }
        Files.writeString(base.resolve(PretrainedModel.INDEX), index);
    }

    static Dataset data() {
        return TestImages.patterns(CLASSES, 6, 32, 31);
    }

    @Test
    void isFoundUnpackedVerifiedAndServed() throws Exception {
        PretrainedModel model = withZoo(resources, PretrainedModel::fer2013);
        assertThat(model.modelDirectory()).isDirectory();
        assertThat(model.modelCard()).hasContent("# test model");
        assertThat(model.backboneWeights().getParent().getParent()).isEqualTo(
                io.fer.core.internal.FerHome.resolve("zoo"));
        try (Recognizer r = withZoo(resources, Recognizer::pretrained)) {
            float[] p = RecognizerAccess.probabilities(r, List.of(RgbImage.fromBufferedImage(data().samples().get(0).load())));
            assertThat(p).hasSize(3);
            assertThat(p[0] + p[1] + p[2]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void withoutTheZooOnTheClasspathTheErrorSaysWhatToAdd() {
        assertThatThrownBy(() -> withZoo(zoo.resolve("empty"), PretrainedModel::fer2013))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("fer-zoo");
    }

    @Test
    void aDamagedShippedFileIsRefused() throws Exception {
        Path copy = zoo.resolve("damaged");
        Path base = resources.resolve(PretrainedModel.RESOURCE_ROOT + PretrainedModel.FER2013_B0);
        Path target = copy.resolve(PretrainedModel.RESOURCE_ROOT + PretrainedModel.FER2013_B0);
        try (Stream<Path> files = Files.walk(base)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path t = target.resolve(base.relativize(f));
                Files.createDirectories(t.getParent());
                Files.copy(f, t);
            }
        }
        // another card: another index hash, so it unpacks into a folder of its own
        Path index = target.resolve(PretrainedModel.INDEX);
        Files.writeString(index, Files.readString(index) + "\n");
        byte[] h5 = Files.readAllBytes(target.resolve(PretrainedModel.BACKBONE));
        h5[h5.length / 2] ^= 1;
        Files.write(target.resolve(PretrainedModel.BACKBONE), h5);
        assertThatThrownBy(() -> withZoo(copy, PretrainedModel::fer2013)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(PretrainedModel.BACKBONE).hasMessageContaining("damaged");
    }

    @Test
    void thePapersTwoPhaseRecipeStartsFromTheShippedBackboneAndKeepsFrozenLayersBitForBit() throws Exception {
        PretrainedModel shipped = withZoo(resources, PretrainedModel::fer2013);
        KerasWeights bundled = KerasWeightsFile.read(shipped.backboneWeights());
        try (FerModel m = withZoo(resources, () -> FerModel.builder().backbone(Backbone.B0).weights(Weights.fer2013())
                .freezeUntil(-6).featureExtraction(1, 1e-3).fineTuning(1, 1e-3).batchSize(6)
                .augmentation(Augmentation.paper()).seed(4).cropCache(null).quiet()
                .fit(TestImages.patterns(List.of(Expression.ANGER, Expression.SURPRISE), 5, 32, 7)))) {
            assertThat(m.classes()).containsExactly("anger", "surprise");
            int first = m.graph().firstTrainable();
            KerasWeights after = m.graph().backbone().readWeights(m.graph().session());
            int trained = 0;
            for (LayerSpec layer : Backbones.layers(Backbone.B0)) {
                for (var w : layer.weights()) {
                    float[] before = floats(bundled, layer.name(), w.name());
                    float[] now = floats(after, layer.name(), w.name());
                    if (before == null) {
                        continue;
                    }
                    if (layer.index() < first || layer.kerasClass().equals("BatchNormalization")) {
                        assertThat(now).as("%s/%s stays as shipped", layer.name(), w.name()).isEqualTo(before);
                    } else if (w.name().equals("kernel") && !java.util.Arrays.equals(now, before)) {
                        trained++;
                    }
                }
            }
            assertThat(trained).as("unfrozen kernels that moved").isPositive();
        }
    }

    @Test
    void fer2013WeightsAreB0s() {
        assertThatThrownBy(() -> withZoo(resources, () -> FerModel.builder().backbone(Backbone.B1)
                .weights(Weights.fer2013()).quiet().fit(data()))).hasMessageContaining("B0")
                .hasMessageContaining("B1");
    }

    private static float[] floats(KerasWeights w, String layer, String weight) {
        return w.layer(layer).orElseThrow().stream().filter(a -> a.name().endsWith(weight)).findFirst()
                .map(WeightArray::floats).orElse(null);
    }

    /** Runs {@code body} with {@code classes} on the context class loader, as a jar on the classpath would be. */
    static <T> T withZoo(Path classes, Callable<T> body) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            t.setContextClassLoader(loader);
            return body.call();
        } finally {
            t.setContextClassLoader(before);
        }
    }
}
