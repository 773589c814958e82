package io.fer.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.Expression;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FER2013 in both layouts users download: class folders per split, and Kaggle's fer2013.csv. */
class Fer2013DatasetTest {
    @TempDir
    Path dir;

    @Test
    void readsTrainAndValFoldersWithFer2013ClassNames() throws Exception {
        String[] names = {"angry", "disgust", "fear", "happy", "neutral", "sad", "surprise"};
        for (String n : names) {
            Fixtures.png(dir.resolve("train").resolve(n).resolve("Training_1.png"), 48, 48, true);
            Fixtures.png(dir.resolve("train").resolve(n).resolve("Training_2.png"), 48, 48, true);
        }
        Fixtures.png(dir.resolve("val").resolve("happy").resolve("PublicTest_1.png"), 48, 48, true);
        Fer2013Dataset fer = Fer2013Dataset.load(dir);
        assertThat(fer.train().samples()).hasSize(14);
        assertThat(fer.train().preCropped()).isTrue();
        assertThat(fer.train().classes()).containsExactly("neutral", "anger", "disgust",
                "fear", "happy", "sadness", "surprise");
        Dataset val = fer.validation().orElseThrow();
        assertThat(val.samples()).hasSize(1);
        assertThat(val.classes()).isEqualTo(fer.train().classes()); // class indices mean the same on both sides
        assertThat(fer.test()).isEmpty();
    }

    @Test
    void aFolderWithoutTrainIsNamed() {
        assertThatThrownBy(() -> Fer2013Dataset.load(dir)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(dir.toAbsolutePath().toString()).hasMessageContaining("train/");
    }

    @Test
    void readsKaggleCsvByUsageAndReportsBadRowsByLine() throws Exception {
        Path csv = dir.resolve("fer2013.csv");
        StringBuilder text = new StringBuilder("emotion,pixels,Usage\n");
        text.append(row(3, 7)).append(",Training\n");       // line 2: happy
        text.append(row(0, 200)).append(",Training\n");     // line 3: angry
        text.append(row(6, 1)).append(",PublicTest\n");     // line 4: neutral
        text.append(row(4, 9)).append(",PrivateTest\n");    // line 5: sad
        text.append("9,").append(pixels(5)).append(",Training\n");  // line 6: no such emotion
        text.append("2,1 2 3,Training\n");                  // line 7: too few pixels
        text.append(row(5, 3)).append(",Elsewhere\n");     // line 8: unknown usage
        text.append("2,").append(pixels(256)).append(",Training\n"); // line 9: a value over 255
        Files.writeString(csv, text);
        Fer2013Dataset fer = Fer2013Dataset.load(csv);
        assertThat(fer.train().countsPerClass()).containsEntry("happy", 1).containsEntry("anger", 1);
        assertThat(fer.validation().orElseThrow().samples()).extracting(Sample::label)
                .containsExactly("neutral");
        assertThat(fer.test().orElseThrow().samples()).extracting(Sample::label).containsExactly("sadness");
        assertThat(fer.train().skipped()).extracting(Dataset.Skipped::file)
                .containsExactly("line 6", "line 7", "line 8", "line 9");
        assertThat(fer.train().skipped().get(0).reason()).contains("emotion 9");
        BufferedImage img = fer.train().samples().get(1).load();
        assertThat(img.getWidth()).isEqualTo(48);
        assertThat(img.getRaster().getSample(5, 5, 0)).isEqualTo(200);
    }

    @Test
    void aCsvWithoutItsColumnsIsNamed() throws Exception {
        Path csv = dir.resolve("other.csv");
        Files.writeString(csv, "label,image\n1,2\n");
        assertThatThrownBy(() -> Fer2013Dataset.load(csv)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(csv.toAbsolutePath().toString()).hasMessageContaining("'emotion'");
    }

    @Test
    void parsesExactly2304Values() {
        assertThat(Fer2013Dataset.parsePixels(pixels(17))).hasSize(2304).containsOnly((byte) 17);
        assertThat(Fer2013Dataset.parsePixels(pixels(17) + " 3")).isNull();
        assertThat(Fer2013Dataset.parsePixels("1 x 3")).isNull();
    }

    private static String row(int emotion, int value) {
        return emotion + "," + pixels(value);
    }

    private static String pixels(int value) {
        StringJoiner j = new StringJoiner(" ");
        for (int i = 0; i < 48 * 48; i++) {
            j.add(Integer.toString(value));
        }
        return j.toString();
    }
}
