package io.fer.train.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.fer.core.Expression;
import io.fer.train.data.Dataset.Skipped;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSummaryTest {
    @TempDir
    Path dir;

    @Test
    void countsSizesSubjectsAndRendersThemAsText() throws Exception {
        List<Sample> samples = new ArrayList<>();
        samples.add(Sample.ofFile("a", Expression.HAPPY, "S1", "S1_1",
                Fixtures.png(dir.resolve("a.png"), 640, 490, false)));
        samples.add(Sample.ofFile("b", Expression.HAPPY, "S1", "S1_1",
                Fixtures.png(dir.resolve("b.png"), 640, 490, false)));
        samples.add(Sample.ofFile("c", Expression.SADNESS, "S2", "S2_1",
                Fixtures.png(dir.resolve("c.png"), 720, 480, true)));
        samples.add(Sample.ofFile("d", Expression.SADNESS, null, null,
                Fixtures.png(dir.resolve("d.png"), 720, 480, true)));
        samples.add(new Sample("generated", "happy", null, null, null,
                () -> new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB)));
        samples.add(Sample.ofFile("gone", Expression.SADNESS, "S3", null, dir.resolve("gone.png")));
        Dataset d = new Dataset("mixed", List.of("neutral", "happy", "sadness"), samples,
                List.of(new Skipped("x.png", "unknown expression"), Skipped.ignored("README", "not an image file")),
                false);

        DatasetSummary s = DatasetSummary.of(d);
        assertThat(s.images()).isEqualTo(6);
        assertThat(s.imagesPerClass()).containsExactly(Map.entry("neutral", 0),
                Map.entry("happy", 3), Map.entry("sadness", 3));
        assertThat(s.subjects()).isEqualTo(3);
        assertThat(s.samplesWithoutSubject()).isEqualTo(2);
        assertThat(s.sequences()).isEqualTo(2);
        assertThat(s.imageSizes()).containsExactly(Map.entry("640x490", 2), Map.entry("720x480", 2),
                Map.entry("64x64", 1));
        assertThat(s.minWidth()).isEqualTo(64);
        assertThat(s.maxWidth()).isEqualTo(720);
        assertThat(s.minHeight()).isEqualTo(64);
        assertThat(s.maxHeight()).isEqualTo(490);
        assertThat(s.skipped()).containsExactly(new Skipped("x.png", "unknown expression"));
        assertThat(s.ignored()).containsExactly(Skipped.ignored("README", "not an image file"));
        assertThat(s.unreadable()).containsExactly(new Skipped("gone", "no such file"));
        assertThat(s.render()).isEqualTo("""
                Data set mixed: 6 images, 3 classes, 3 subjects, 2 sequences
                  neutral      0
                  happy        3
                  sadness      3
                2 images have no subject id
                Image sizes: 640x490 (2), 720x480 (2), 64x64 (1); width 64..720, height 64..490
                Skipped (1):
                  x.png: unknown expression
                Unreadable (1):
                  gone: no such file
                Ignored (1):
                  README: not an image file
                """);
    }

    @Test
    void anEmptyDatasetSummarisesWithoutSizes() {
        DatasetSummary s = DatasetSummary.of(new Dataset("empty", List.of(), List.of(), List.of(), true));
        assertThat(s.images()).isZero();
        assertThat(s.minWidth()).isZero();
        assertThat(s.render()).isEqualTo("Data set empty: 0 images, 0 classes (face crops)\n");
    }

    @Test
    void sampleHelpersReadFilesThroughFerDecoding() throws Exception {
        Path file = Fixtures.grayPaletteTiff(dir.resolve("KA.NE1.26.tiff"), 12, 10);
        Sample s = Sample.ofFile("KA.NE1.26.tiff", Expression.NEUTRAL, "KA", null, file);
        assertThat(s.loadRgb().isGrayscale()).isTrue();
        assertThat(s.load().getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
        Files.delete(file);
        org.assertj.core.api.Assertions.assertThatThrownBy(s::load).hasMessageContaining(file.toString());
    }
}
