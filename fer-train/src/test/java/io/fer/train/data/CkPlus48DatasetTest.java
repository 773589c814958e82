package io.fer.train.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.fer.train.data.Dataset.Skipped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CK+48 tree: seven class folders of 48x48 crops named S010_004_00000017.png. */
class CkPlus48DatasetTest {
    static final List<String> FOLDERS = List.of("anger", "contempt", "disgust", "fear", "happy", "sadness", "surprise");

    @TempDir
    Path dir;

    @Test
    void readsSevenClassesWithSubjectAndSequenceFromTheNames() throws Exception {
        byte[] png = Fixtures.pngBytes(48, 48, false);
        int subject = 10;
        for (String folder : FOLDERS) {
            Files.createDirectories(dir.resolve(folder));
            for (int s = 0; s < 2; s++, subject++) {
                for (int frame = 15; frame <= 17; frame++) {
                    Files.write(dir.resolve(folder).resolve(String.format("S%03d_004_%08d.png", subject, frame)), png);
                }
            }
        }
        Files.write(dir.resolve("happy/happy_face.png"), png); // not CK+48's name pattern
        Fixtures.text(dir.resolve("happy/Thumbs.db"), "x");
        Dataset ck48 = CkPlus48Dataset.load(dir);
        assertThat(ck48.name()).isEqualTo("ckplus48");
        assertThat(ck48.preCropped()).isTrue();
        assertThat(ck48.samples()).hasSize(7 * 2 * 3);
        assertThat(ck48.classes()).containsExactly("anger", "contempt", "disgust",
                "fear", "happy", "sadness", "surprise");
        Sample first = ck48.samples().get(0);
        assertThat(first.id()).isEqualTo("anger/S010_004_00000015.png");
        assertThat(first.label()).isEqualTo("anger");
        assertThat(first.subject()).isEqualTo("S010");
        assertThat(first.sequence()).isEqualTo("S010_004");
        assertThat(ck48.samples().stream().map(Sample::subject).distinct()).hasSize(14);
        assertThat(ck48.skipped()).containsExactly(
                new Skipped("happy/Thumbs.db", "ignored: hidden"),
                new Skipped("happy/happy_face.png", "name does not follow CK+48's S010_004_00000017.png"));
        DatasetSummary summary = DatasetSummary.of(ck48);
        assertThat(summary.render()).startsWith("Data set ckplus48: 42 images, 7 classes, 14 subjects, 14 sequences "
                + "(face crops)\n").contains("48x48 (42)");
    }
}
