package io.fer.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.train.eval.ConfusionMatrix;
import io.fer.core.Expression;
import io.fer.train.data.Dataset.Skipped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixture trees laid out exactly as CK+'s cohn-kanade-images/ and Emotion/ folders. */
class CkPlusDatasetTest {
    @TempDir
    Path root;

    /** Writes frames 1..n of a sequence and, when {@code code} is not null, its label on the last frame. */
    static void sequence(Path root, String subject, String seq, int frames, String code, int size) throws IOException {
        String prefix = subject + "_" + seq + "_";
        Path images = root.resolve("cohn-kanade-images").resolve(subject).resolve(seq);
        Files.createDirectories(images);
        byte[] png = Fixtures.pngBytes(size, size, false);
        for (int f = 1; f <= frames; f++) {
            Files.write(images.resolve(prefix + String.format("%08d", f) + ".png"), png);
        }
        if (code != null) {
            Fixtures.text(root.resolve("Emotion").resolve(subject).resolve(seq)
                    .resolve(prefix + String.format("%08d", frames) + "_emotion.txt"), code);
        }
    }

    private static String code(int c) {
        return String.format("   %.7e%n", (double) c); // "   3.0000000e+00", as CK+ writes them
    }

    private void smallFixture() throws IOException {
        sequence(root, "S005", "001", 11, code(3), 24); // disgust
        Fixtures.png(root.resolve("cohn-kanade-images/S005/001/S005_001_00000011.png"), 24, 24, true); // colour
        Fixtures.text(root.resolve("cohn-kanade-images/S005/001/.DS_Store"), "x");
        sequence(root, "S010", "001", 14, code(7), 24); // surprise
        sequence(root, "S010", "002", 6, null, 24); // unlabelled, with an empty label folder
        Files.createDirectories(root.resolve("Emotion/S010/002"));
        sequence(root, "S010", "003", 5, null, 24); // unlabelled, no label folder at all
        sequence(root, "S011", "001", 4, code(2), 24); // contempt
        sequence(root, "S011", "002", 2, code(5), 24); // happy, only two frames
    }

    @Test
    void lastThreeFramesTakeTheLabelAndTheFirstIsNeutral() throws Exception {
        smallFixture();
        Dataset ck = CkPlusDataset.load(root);
        assertThat(ck.name()).isEqualTo("ckplus");
        assertThat(ck.samples()).hasSize(4 + 4 + 4 + 2);
        assertThat(ck.classes()).containsExactly("neutral", "contempt", "disgust",
                "happy", "surprise");
        Map<String, String> labels = new LinkedHashMap<>();
        ck.samples().stream().filter(s -> "S005_001".equals(s.sequence())).forEach(s -> labels.put(s.id(), s.label()));
        String dir = "cohn-kanade-images/S005/001/S005_001_";
        assertThat(labels).containsExactly(Map.entry(dir + "00000001.png", "neutral"),
                Map.entry(dir + "00000009.png", "disgust"), Map.entry(dir + "00000010.png", "disgust"),
                Map.entry(dir + "00000011.png", "disgust"));
        assertThat(ck.samples()).allSatisfy(s -> assertThat(s.sequence()).startsWith(s.subject() + "_"));
        assertThat(ck.samples().stream().map(Sample::subject).distinct()).containsExactly("S005", "S010", "S011");
        // the short sequence: neutral first frame and one peak frame
        assertThat(ck.samples().stream().filter(s -> "S011_002".equals(s.sequence())).map(Sample::label))
                .containsExactly("neutral", "happy");
        Sample colour = ck.samples().stream().filter(s -> s.id().endsWith("S005_001_00000011.png")).findFirst()
                .orElseThrow();
        assertThat(colour.loadRgb().isGrayscale()).isFalse();
        assertThat(ck.samples().get(0).loadRgb().isGrayscale()).isTrue();
    }

    @Test
    void unlabelledSequencesAreSkippedAndCounted() throws Exception {
        smallFixture();
        Dataset ck = CkPlusDataset.load(root);
        assertThat(ck.skipped()).filteredOn(s -> !s.isIgnored()).extracting(Skipped::file)
                .containsExactly("cohn-kanade-images/S010/002", "cohn-kanade-images/S010/003");
        assertThat(ck.skipped()).filteredOn(s -> !s.isIgnored())
                .allSatisfy(s -> assertThat(s.reason()).contains("no emotion label"));
        assertThat(ck.skipped()).filteredOn(Skipped::isIgnored).extracting(Skipped::file)
                .containsExactly("cohn-kanade-images/S005/001/.DS_Store");
    }

    @Test
    void theFullProtocolGives1308ImagesIn8ClassesFrom327Sequences() throws Exception {
        // CK+'s labelled sequences per emotion code 1..7, spread over 123 subjects, plus 266 unlabelled ones
        int[] perCode = {0, 45, 18, 59, 25, 69, 28, 83};
        int sequence = 0;
        for (int code = 1; code <= 7; code++) {
            for (int i = 0; i < perCode[code]; i++, sequence++) {
                String subject = String.format("S%03d", 10 + sequence % 123);
                sequence(root, subject, String.format("%03d", 1 + sequence / 123), 4 + sequence % 5, code(code), 8);
            }
        }
        for (int i = 0; i < 266; i++, sequence++) {
            sequence(root, String.format("S%03d", 10 + sequence % 123), String.format("%03d", 1 + sequence / 123), 2,
                    null, 8);
        }
        Dataset ck = CkPlusDataset.load(root);
        assertThat(ck.samples()).hasSize(1308);
        assertThat(ck.classes()).hasSize(8).containsExactlyElementsOf(ConfusionMatrix.labelsOf(List.of(Expression.values())));
        assertThat(ck.samples().stream().map(Sample::sequence).distinct()).hasSize(327);
        assertThat(ck.samples().stream().map(Sample::subject).distinct()).hasSize(123);
        assertThat(ck.countsPerClass()).containsExactly(Map.entry("neutral", 327),
                Map.entry("anger", 135), Map.entry("contempt", 54),
                Map.entry("disgust", 177), Map.entry("fear", 75), Map.entry("happy", 207),
                Map.entry("sadness", 84), Map.entry("surprise", 249));
        assertThat(ck.skipped()).hasSize(266);

        String text = DatasetSummary.of(ck).render();
        assertThat(text).startsWith("Data set ckplus: 1308 images, 8 classes, 123 subjects, 327 sequences\n")
                .contains("Image sizes: 8x8 (1308)")
                .contains("Skipped (266):\n  266 x sequence has no emotion label; CK+'s protocol leaves it out, "
                        + "e.g. cohn-kanade-images/S010/004, ");
    }

    @Test
    void anotherProtocolCanBeChosen() throws Exception {
        smallFixture();
        Dataset peakOnly = CkPlusDataset.load(root, 1, false);
        assertThat(peakOnly.samples()).hasSize(4);
        assertThat(peakOnly.classes()).doesNotContain("neutral");
        assertThatThrownBy(() -> CkPlusDataset.load(root, 0, true)).hasMessageContaining("peakFrames");
    }

    @Test
    void labelsUnderEmotionLabelsEmotionAreFoundToo() throws Exception {
        sequence(root, "S005", "001", 5, code(1), 16);
        Files.createDirectories(root.resolve("Emotion_labels"));
        Files.move(root.resolve("Emotion"), root.resolve("Emotion_labels/Emotion"));
        assertThat(CkPlusDataset.load(root).countsPerClass()).containsEntry("anger", 3);
    }

    @Test
    void badLabelFilesAreErrorsNamingTheFile() throws Exception {
        sequence(root, "S005", "001", 5, "   9.0000000e+00\n", 16);
        Path label = root.resolve("Emotion/S005/001/S005_001_00000005_emotion.txt");
        assertThatThrownBy(() -> CkPlusDataset.load(root)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(label.toAbsolutePath().toString())
                .hasMessageContaining("holds code 9; CK+ codes are 0 neutral");
        Files.writeString(label, "happy\n");
        assertThatThrownBy(() -> CkPlusDataset.load(root)).hasMessageContaining(label.toAbsolutePath().toString())
                .hasMessageContaining("does not hold an emotion code").hasMessageContaining("\"happy\"");
        Files.writeString(label, "  2.5000000e+00");
        assertThatThrownBy(() -> CkPlusDataset.load(root)).hasMessageContaining("not a whole emotion code");
        Files.writeString(label, "");
        assertThatThrownBy(() -> CkPlusDataset.load(root)).hasMessageContaining("does not hold an emotion code");
        Files.writeString(label, code(4));
        Fixtures.text(root.resolve("Emotion/S005/001/S005_001_00000004_emotion.txt"), code(4));
        assertThatThrownBy(() -> CkPlusDataset.load(root)).hasMessageContaining("two emotion label files");
    }

    @Test
    void damagedOrMissingPartsAreListedOrReported() throws Exception {
        sequence(root, "S005", "001", 6, code(6), 16);
        sequence(root, "S005", "002", 1, code(6), 16); // a single frame
        Fixtures.truncatedPng(root.resolve("cohn-kanade-images/S005/001/S005_001_00000006.png"), 16, 16);
        Fixtures.text(root.resolve("cohn-kanade-images/S005/001/S005_001_00000005.png"), "garbage");
        Fixtures.text(root.resolve("Emotion/S099/001/S099_001_00000010_emotion.txt"), code(1)); // no frames
        Dataset ck = CkPlusDataset.load(root);
        Map<String, String> reasons = new LinkedHashMap<>();
        ck.skipped().forEach(s -> reasons.put(s.file(), s.reason()));
        assertThat(reasons).containsOnlyKeys("cohn-kanade-images/S005/001/S005_001_00000005.png",
                "cohn-kanade-images/S005/002", "Emotion/S099/001");
        assertThat(reasons.get("cohn-kanade-images/S005/001/S005_001_00000005.png")).startsWith("not an image");
        assertThat(reasons.get("cohn-kanade-images/S005/002")).contains("1 frame(s)");
        assertThat(reasons.get("Emotion/S099/001")).contains("without a sequence folder");
        // the truncated frame passes the header check; decoding everything finds it
        assertThat(ck.samples()).hasSize(3);
        Dataset decoded = ck.decodeAll();
        assertThat(decoded.samples()).hasSize(2);
        assertThat(decoded.skipped().get(decoded.skipped().size() - 1))
                .isEqualTo(new Skipped("cohn-kanade-images/S005/001/S005_001_00000006.png",
                        decoded.skipped().get(decoded.skipped().size() - 1).reason()));
        assertThat(decoded.skipped().get(decoded.skipped().size() - 1).reason()).contains("corrupt or truncated");
        assertThatThrownBy(() -> ck.samples().get(2).load()).hasMessageContaining("S005_001_00000006.png");
    }

    @Test
    void missingFoldersAreClearErrors() throws Exception {
        assertThatThrownBy(() -> CkPlusDataset.load(root)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("has no cohn-kanade-images folder");
        sequence(root, "S005", "001", 5, null, 16);
        assertThatThrownBy(() -> CkPlusDataset.load(root)).hasMessageContaining("has no Emotion folder");
        Files.createDirectories(root.resolve("Emotion"));
        assertThatThrownBy(() -> CkPlusDataset.load(root)).hasMessageContaining("No labelled CK+ sequence");
        assertThatThrownBy(() -> CkPlusDataset.load(root.resolve("nope"))).hasMessageContaining("does not exist");
        assertThat(List.of(CkPlusDataset.IMAGES, CkPlusDataset.EMOTION)).containsExactly("cohn-kanade-images",
                "Emotion");
    }
}
