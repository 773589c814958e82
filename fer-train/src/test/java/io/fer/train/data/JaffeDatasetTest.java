package io.fer.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.image.RgbImage;
import io.fer.train.data.Dataset.Skipped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JAFFE folder as distributed: 213 grey palette TIFFs of 10 subjects, a README, and a few bad files. */
class JaffeDatasetTest {
    static final List<String> SUBJECTS = List.of("KA", "KL", "KM", "KR", "MK", "NA", "NM", "TM", "UY", "YM");
    static final List<String> CODES = List.of("AN", "DI", "FE", "HA", "NE", "SA", "SU");

    @TempDir
    static Path dir;

    /** Writes the 213 images: 3 takes of each expression per subject, and a 4th HA take for KA, KL and KM. */
    static void writeJaffe(Path folder) throws Exception {
        int number = 1;
        for (String subject : SUBJECTS) {
            for (String code : CODES) {
                int takes = code.equals("HA") && List.of("KA", "KL", "KM").contains(subject) ? 4 : 3;
                for (int take = 1; take <= takes; take++) {
                    Fixtures.grayPaletteTiff(folder.resolve(subject + "." + code + take + "." + number++ + ".tiff"),
                            32, 32);
                }
            }
        }
        Fixtures.text(folder.resolve("README"), "The Japanese Female Facial Expression (JAFFE) Database\n");
    }

    @BeforeAll
    static void writeFixture() throws Exception {
        writeJaffe(dir);
        Files.copy(dir.resolve("KA.AN1.1.tiff"), dir.resolve("KA.XX1.900.tiff")); // unknown code
        Files.copy(dir.resolve("KA.AN1.1.tiff"), dir.resolve("KA-AN1-901.tiff")); // not JAFFE's name pattern
        Fixtures.text(dir.resolve("KA.HA1.902.tiff"), "not a tiff"); // corrupt
        Files.createDirectories(dir.resolve("extra"));
    }

    @Test
    void reads213ImagesOf7ClassesAnd10Subjects() throws Exception {
        Dataset jaffe = JaffeDataset.load(dir);
        assertThat(jaffe.name()).isEqualTo("jaffe");
        assertThat(jaffe.samples()).hasSize(213);
        assertThat(jaffe.classes()).containsExactly("neutral", "anger", "disgust",
                "fear", "happy", "sadness", "surprise");
        assertThat(jaffe.samples().stream().map(Sample::subject).distinct()).hasSize(10)
                .containsExactlyInAnyOrderElementsOf(SUBJECTS);
        assertThat(jaffe.countsPerClass()).containsEntry("happy", 33).containsEntry("anger", 30);
        assertThat(jaffe.preCropped()).isFalse();
    }

    @Test
    void readsSubjectAndLabelFromTheFileName() throws Exception {
        Sample s = JaffeDataset.load(dir).samples().stream().filter(x -> x.id().equals("KL.SU2.43.tiff"))
                .findFirst().orElseThrow();
        assertThat(s.label()).isEqualTo("surprise");
        assertThat(s.subject()).isEqualTo("KL");
        assertThat(s.sequence()).isNull();
        assertThat(s.file()).isEqualTo(dir.resolve("KL.SU2.43.tiff"));
    }

    @Test
    void paletteTiffsLoadAsGrey() throws Exception {
        Sample s = JaffeDataset.load(dir).samples().get(0);
        RgbImage img = s.loadRgb();
        assertThat(img.width()).isEqualTo(32);
        assertThat(img.isGrayscale()).isTrue();
        assertThat(RgbImage.fromBufferedImage(s.load())).isEqualTo(img);
    }

    @Test
    void listsEveryFileItLeftOutWithTheReason() throws Exception {
        Map<String, String> reasons = JaffeDataset.load(dir).skipped().stream()
                .collect(java.util.stream.Collectors.toMap(Skipped::file, Skipped::reason));
        assertThat(reasons).containsOnlyKeys("README", "extra", "KA.XX1.900.tiff", "KA-AN1-901.tiff",
                "KA.HA1.902.tiff");
        assertThat(reasons.get("README")).isEqualTo("ignored: not an image file");
        assertThat(reasons.get("extra")).startsWith("ignored: a folder");
        assertThat(reasons.get("KA.XX1.900.tiff")).startsWith("unknown expression code \"XX\"").contains("SU surprise");
        assertThat(reasons.get("KA-AN1-901.tiff")).contains("SUBJECT.CODEn.NUMBER.tiff");
        assertThat(reasons.get("KA.HA1.902.tiff")).startsWith("not an image");
    }

    @Test
    void summaryCountsClassesSubjectsSizesAndSkips() throws Exception {
        DatasetSummary summary = DatasetSummary.of(JaffeDataset.load(dir));
        assertThat(summary.images()).isEqualTo(213);
        assertThat(summary.subjects()).isEqualTo(10);
        assertThat(summary.imageSizes()).containsExactly(Map.entry("32x32", 213));
        assertThat(summary.ignored()).extracting(Skipped::file).containsExactly("README", "extra");
        assertThat(summary.skipped()).hasSize(3);
        String text = summary.render();
        assertThat(text).startsWith("Data set jaffe: 213 images, 7 classes, 10 subjects\n")
                .contains("  happy        33\n")
                .contains("Image sizes: 32x32 (213); width 32..32, height 32..32\n")
                .contains("Skipped (3):\n  KA-AN1-901.tiff: name does not follow")
                .contains("Ignored (2):\n  README: not an image file\n");
    }

    @Test
    void missingOrEmptyFoldersAreClearErrors() throws Exception {
        Path missing = dir.resolveSibling("no-such-jaffe");
        assertThatThrownBy(() -> JaffeDataset.load(missing)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString()).hasMessageContaining("does not exist");
        Path onlyReadme = Files.createTempDirectory(dir.getParent(), "jaffe-readme");
        Fixtures.text(onlyReadme.resolve("README"), "x");
        assertThatThrownBy(() -> JaffeDataset.load(onlyReadme)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("No JAFFE image").hasMessageContaining("1 file(s) skipped");
        assertThatThrownBy(() -> JaffeDataset.load(dir.resolve("README")))
                .hasMessageContaining("is a file, not a folder");
    }

    @Test
    void layoutNamesDispatchToTheAdapters() throws Exception {
        assertThat(DatasetLayout.fromName("JAFFE")).contains(DatasetLayout.JAFFE);
        assertThat(DatasetLayout.fromName("CK+")).contains(DatasetLayout.CK_PLUS);
        assertThat(DatasetLayout.fromName("ck+48")).contains(DatasetLayout.CK_PLUS_48);
        assertThat(DatasetLayout.fromName("fer2013")).contains(DatasetLayout.FER2013);
        assertThat(DatasetLayout.fromName("mnist")).isEmpty();
        assertThat(DatasetLayout.acceptedNames()).contains("jaffe").contains("ckplus / ck+");
        assertThat(DatasetLayout.JAFFE.load(dir).samples()).hasSize(213);
    }
}
