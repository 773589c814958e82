package io.fer.train.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.train.eval.ConfusionMatrix;
import io.fer.core.Expression;
import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticFacesTest {

    @Test
    void countsLabelsAndIdsFollowTheBuilder() {
        Dataset d = SyntheticFaces.builder().identities(5).imagesPerClass(2).imageSize(64)
                .classes(Expression.HAPPY, Expression.NEUTRAL, Expression.SURPRISE).seed(3).build();

        assertThat(d.name()).isEqualTo("synthetic");
        assertThat(d.preCropped()).isTrue();
        assertThat(d.skipped()).isEmpty();
        assertThat(d.classes()).containsExactly("happy", "neutral", "surprise");
        assertThat(d.samples()).hasSize(5 * 3 * 2);
        Map<String, Long> perClass = d.samples().stream()
                .collect(Collectors.groupingBy(Sample::label, Collectors.counting()));
        assertThat(perClass).containsOnly(Map.entry("happy", 10L), Map.entry("neutral", 10L),
                Map.entry("surprise", 10L));
        assertThat(d.samples()).extracting(Sample::subject).containsOnly("syn000", "syn001", "syn002", "syn003",
                "syn004");
        assertThat(d.samples()).extracting(Sample::id).doesNotHaveDuplicates();
        Sample first = d.samples().get(0);
        assertThat(first.id()).isEqualTo("syn000_happy_0");
        assertThat(first.sequence()).isEqualTo("syn000_happy");
        assertThat(first.file()).isNull();
        assertThat(d.samples()).allSatisfy(s -> {
            assertThat(s.sequence()).isEqualTo(s.subject() + "_" + s.label());
            assertThat(s.id()).startsWith(s.sequence() + "_");
        });
    }

    @Test
    void defaultsCoverAllEightClassesAt96Pixels() throws IOException {
        Dataset d = SyntheticFaces.builder().build();
        assertThat(d.classes()).containsExactlyElementsOf(ConfusionMatrix.labelsOf(List.of(Expression.values())));
        assertThat(d.samples()).hasSize(20 * 8 * 3);
        BufferedImage image = d.samples().get(0).load();
        assertThat(image.getWidth()).isEqualTo(96);
        assertThat(image.getHeight()).isEqualTo(96);
        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    }

    @Test
    void sameSeedGivesSamePixelsAndLoadingTwiceGivesSamePixels() throws IOException {
        Dataset a = SyntheticFaces.builder().identities(3).imagesPerClass(2).imageSize(80).seed(99).build();
        Dataset b = SyntheticFaces.builder().identities(3).imagesPerClass(2).imageSize(80).seed(99).build();
        for (int i = 0; i < a.samples().size(); i++) {
            int[] first = pixels(a.samples().get(i).load());
            assertThat(pixels(b.samples().get(i).load())).as(a.samples().get(i).id()).isEqualTo(first);
            assertThat(pixels(a.samples().get(i).load())).as(a.samples().get(i).id()).isEqualTo(first);
        }
    }

    @Test
    void anImageDoesNotDependOnWhichOtherClassesOrPeopleAreGenerated() throws IOException {
        Dataset all = SyntheticFaces.builder().identities(4).imagesPerClass(2).seed(5).build();
        Dataset some = SyntheticFaces.builder().identities(2).imagesPerClass(2).seed(5)
                .classes(Expression.FEAR, Expression.ANGER).build();
        Map<String, Sample> byId = all.samples().stream().collect(Collectors.toMap(Sample::id, Function.identity()));
        for (Sample s : some.samples()) {
            assertThat(pixels(s.load())).as(s.id()).isEqualTo(pixels(byId.get(s.id()).load()));
        }
    }

    @Test
    void differentSeedsGiveDifferentImages() throws IOException {
        Sample a = SyntheticFaces.builder().identities(1).imagesPerClass(1).seed(1).build().samples().get(0);
        Sample b = SyntheticFaces.builder().identities(1).imagesPerClass(1).seed(2).build().samples().get(0);
        assertThat(meanAbsoluteDifference(a.load(), b.load())).isGreaterThan(10);
    }

    @Test
    void differentPeopleDifferMoreThanFramesOfOnePerson() throws IOException {
        Dataset d = SyntheticFaces.builder().identities(8).imagesPerClass(2).classes(Expression.NEUTRAL).seed(17)
                .build();
        double within = 0;
        double between = 0;
        int people = 8;
        for (int p = 0; p < people; p++) {
            BufferedImage frame0 = d.samples().get(2 * p).load();
            BufferedImage frame1 = d.samples().get(2 * p + 1).load();
            within += meanAbsoluteDifference(frame0, frame1) / people;
            BufferedImage other = d.samples().get(2 * ((p + 1) % people)).load();
            double difference = meanAbsoluteDifference(frame0, other);
            assertThat(difference).as("syn%03d vs its neighbour", p).isGreaterThan(8);
            between += difference / people;
        }
        assertThat(between).isGreaterThan(2 * within);
    }

    @Test
    void everyExpressionMovesItsOwnFeatures() {
        // Same person, pose, light and noise; only the face's shape changes. The brow-and-eye box and the mouth box
        // of a 96 px crop must change where the expression acts (contempt acts on the mouth only).
        FaceRenderer renderer = new FaceRenderer(23, 96, 0, 0);
        for (int person = 0; person < 3; person++) {
            for (Expression e : Expression.values()) {
                BufferedImage relaxed = renderer.render(person, e, 0, 1, ExpressionShape.NEUTRAL);
                BufferedImage expressive = renderer.render(person, e, 0, 1, ExpressionShape.apex(e));
                double upper = meanAbsoluteDifference(relaxed, expressive, 22, 30, 52, 30);
                double lower = meanAbsoluteDifference(relaxed, expressive, 30, 60, 36, 26);
                String what = e.label() + " of syn00" + person;
                switch (e) {
                    case NEUTRAL -> assertThat(upper + lower).as(what).isZero();
                    case CONTEMPT -> assertThat(lower).as(what).isGreaterThan(0.5);
                    default -> {
                        assertThat(upper).as(what + " upper face").isGreaterThan(1.0);
                        assertThat(lower).as(what + " lower face").isGreaterThan(1.0);
                    }
                }
            }
        }
    }

    @Test
    void scenesAreLargerAndNotPreCropped() throws IOException {
        Dataset d = SyntheticFaces.builder().identities(2).imagesPerClass(1).imageSize(64).scene(200, 150)
                .classes(Expression.HAPPY).seed(8).build();
        assertThat(d.name()).isEqualTo("synthetic-scenes");
        assertThat(d.preCropped()).isFalse();
        BufferedImage image = d.samples().get(0).load();
        assertThat(image.getWidth()).isEqualTo(200);
        assertThat(image.getHeight()).isEqualTo(150);
        assertThat(pixels(d.samples().get(0).load())).isEqualTo(pixels(image));

        FaceRenderer renderer = new FaceRenderer(8, 64, 200, 150);
        for (int person = 0; person < 2; person++) {
            var box = renderer.placement(person, Expression.HAPPY, 0, 1).faceBox(renderer.identity(person));
            assertThat(box.getMinX()).isGreaterThanOrEqualTo(0);
            assertThat(box.getMinY()).isGreaterThanOrEqualTo(0);
            assertThat(box.getMaxX()).isLessThanOrEqualTo(200);
            assertThat(box.getMaxY()).isLessThanOrEqualTo(150);
            assertThat(box.getHeight()).isBetween(0.6 * 64, 64.0);
        }
        assertThat(SyntheticFaces.builder().scene(200, 150).crops().identities(1).build().preCropped()).isTrue();
    }

    @Test
    void imageFolderHoldsOnePngPerSampleInItsLabelFolder(@TempDir Path root) throws IOException {
        Dataset d = SyntheticFaces.builder().identities(2).imagesPerClass(1).imageSize(48)
                .classes(Expression.SADNESS, Expression.CONTEMPT).seed(4).build();

        List<Path> written = SyntheticFaces.writeImageFolder(d, root);

        assertThat(written).containsExactly(
                root.resolve("sadness/syn000_sadness_0.png"), root.resolve("contempt/syn000_contempt_0.png"),
                root.resolve("sadness/syn001_sadness_0.png"), root.resolve("contempt/syn001_contempt_0.png"));
        try (var folders = Files.list(root)) {
            assertThat(folders.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("sadness", "contempt");
        }
        for (int i = 0; i < written.size(); i++) {
            BufferedImage read = ImageIO.read(written.get(i).toFile());
            assertThat(pixels(read)).isEqualTo(pixels(d.samples().get(i).load()));
        }
    }

    @Test
    void imageFolderRefusesTwoSamplesWithTheSameFileName(@TempDir Path root) {
        Dataset d = SyntheticFaces.builder().identities(1).imagesPerClass(1).classes(Expression.FEAR).build();
        Sample s = d.samples().get(0);
        Sample clash = new Sample(s.id(), s.label(), s.subject(), s.sequence(), null, s.image());
        Dataset twice = d.subset("twice", List.of(s, clash));
        assertThatThrownBy(() -> SyntheticFaces.writeImageFolder(twice, root))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("syn000_fear_0");
    }

    @Test
    void badBuilderValuesAreRejectedWithTheValue() {
        assertThatThrownBy(() -> SyntheticFaces.builder().identities(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identities").hasMessageContaining("0");
        assertThatThrownBy(() -> SyntheticFaces.builder().imagesPerClass(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> SyntheticFaces.builder().imageSize(16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16");
        assertThatThrownBy(() -> SyntheticFaces.builder().classes())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> SyntheticFaces.builder().classes(Expression.HAPPY, Expression.HAPPY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("happy");
        assertThatThrownBy(() -> SyntheticFaces.builder().imageSize(96).scene(150, 400).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("150x400");
        assertThatThrownBy(() -> SyntheticFaces.builder().scene(0, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x100");
    }

    static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** Mean absolute difference over all pixels and RGB channels, 0..255. */
    static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
        return meanAbsoluteDifference(a, b, 0, 0, a.getWidth(), a.getHeight());
    }

    /** Mean absolute difference over RGB channels in the box at ({@code x}, {@code y}) of the given size. */
    static double meanAbsoluteDifference(BufferedImage a, BufferedImage b, int x, int y, int width, int height) {
        int[] pa = a.getRGB(x, y, width, height, null, 0, width);
        int[] pb = b.getRGB(x, y, width, height, null, 0, width);
        long sum = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                sum += Math.abs(((pa[i] >> shift) & 0xFF) - ((pb[i] >> shift) & 0xFF));
            }
        }
        return sum / (3.0 * pa.length);
    }
}
