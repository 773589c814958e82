package io.fer.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.Expression;
import io.fer.train.data.Dataset.Skipped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {
    @TempDir
    Path dir;

    private void classFolder(String name, int images) throws Exception {
        for (int i = 0; i < images; i++) {
            Fixtures.png(dir.resolve(name).resolve("img" + i + ".png"), 20 + i, 20, i % 2 == 0);
        }
    }

    @Test
    void namesFoldersBySynonymsAnyCase() throws Exception {
        classFolder("Angry", 2);
        classFolder("happy", 3);
        classFolder("SURPRISED", 1);
        classFolder("neutral", 2);
        Dataset d = ImageFolderDataset.load(dir);
        assertThat(d.name()).isEqualTo(dir.getFileName().toString());
        assertThat(d.preCropped()).isFalse();
        assertThat(d.classes()).containsExactly("neutral", "anger", "happy",
                "surprise");
        assertThat(d.countsPerClass()).containsExactly(Map.entry("neutral", 2), Map.entry("anger", 2),
                Map.entry("happy", 3), Map.entry("surprise", 1));
        Sample s = d.samples().get(0);
        assertThat(s.id()).isEqualTo("Angry/img0.png");
        assertThat(s.subject()).isNull();
        assertThat(s.load().getWidth()).isEqualTo(20);
    }

    @Test
    void listsWhatItIgnoresAndSkips() throws Exception {
        classFolder("happy", 2);
        Fixtures.text(dir.resolve("README.md"), "my photos");
        Fixtures.text(dir.resolve("happy/.DS_Store"), "x");
        Fixtures.text(dir.resolve("happy/notes.txt"), "x");
        Fixtures.png(dir.resolve("happy/nested/deep.png"), 10, 10, false);
        Fixtures.text(dir.resolve("happy/broken.jpg"), "not a jpeg");
        Files.createDirectories(dir.resolve(".git"));
        Dataset d = ImageFolderDataset.load(dir);
        assertThat(d.samples()).hasSize(2);
        assertThat(d.skipped()).containsExactly(
                new Skipped(".git", "ignored: hidden"),
                new Skipped("README.md", "ignored: a file beside the class folders"),
                new Skipped("happy/.DS_Store", "ignored: hidden"),
                new Skipped("happy/broken.jpg", "not an image in a supported format (PNG, JPEG, TIFF, BMP or GIF)"),
                new Skipped("happy/nested", "ignored: a folder inside a class folder; not searched"),
                new Skipped("happy/notes.txt", "ignored: not an image file"));
    }

    @Test
    void otherFolderNamesAreClassesOfTheirOwnAfterTheKnownExpressions() throws Exception {
        classFolder("happy", 1);
        classFolder("Yawn", 2);
        classFolder("pain", 1);
        classFolder("sad", 1);
        Dataset d = ImageFolderDataset.load(dir);
        assertThat(d.classes()).containsExactly("happy", "sadness", "pain", "yawn");
        assertThat(d.countsPerClass()).containsExactly(Map.entry("happy", 1), Map.entry("sadness", 1),
                Map.entry("pain", 1), Map.entry("yawn", 2));
        assertThat(d.samples()).filteredOn(s -> s.id().startsWith("Yawn/")).extracting(Sample::label)
                .containsOnly("yawn");
        assertThat(DatasetSummary.of(d).render()).contains("pain").contains("(not one of fer's expressions)");
    }

    @Test
    void folderNamesThatCannotBeLabelsAreErrorsNamingThem() throws Exception {
        classFolder("happy", 1);
        String tooLong = "x".repeat(ClassLabels.MAX_LENGTH + 1);
        classFolder(tooLong, 1);
        assertThatThrownBy(() -> ImageFolderDataset.load(dir)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("Folder \"" + tooLong + "\"")
                .hasMessageContaining(dir.toAbsolutePath() + " cannot be a class label")
                .hasMessageContaining("longer than " + ClassLabels.MAX_LENGTH)
                .hasMessageContaining("pass a mapping");
    }

    @Test
    void aMappingNamesOtherFoldersAndWinsOverSynonyms() throws Exception {
        classFolder("smirk", 1);
        classFolder("sad", 2);
        Dataset d = ImageFolderDataset.load(dir, Map.of("SMIRK", "contempt", "sad", "neutral"));
        assertThat(d.countsPerClass()).containsExactly(Map.entry("neutral", 2),
                Map.entry("contempt", 1));
        Dataset named = ImageFolderDataset.load("mine", dir, Map.of("smirk", "contempt"), true);
        assertThat(named.name()).isEqualTo("mine");
        assertThat(named.preCropped()).isTrue();
        assertThat(named.classes()).containsExactly("contempt", "sadness");
    }

    @Test
    void missingFoldersAndEmptyClassesAreErrorsNamingThem() throws Exception {
        assertThatThrownBy(() -> ImageFolderDataset.load(dir)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("holds no class folders");
        classFolder("happy", 1);
        Fixtures.text(dir.resolve("sad/readme.txt"), "nothing here yet");
        assertThatThrownBy(() -> ImageFolderDataset.load(dir)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("Class folder " + dir.resolve("sad").toAbsolutePath() + " holds no image files");
        assertThatThrownBy(() -> ImageFolderDataset.load(dir.resolve("absent")))
                .hasMessageContaining(dir.resolve("absent").toAbsolutePath() + " does not exist");
    }

    @Test
    void theTrainTestLayoutGivesTwoDatasetsWithOneClassList() throws Exception {
        Fixtures.png(dir.resolve("train/angry/a.png"), 16, 16, false);
        Fixtures.png(dir.resolve("train/happy/b.png"), 16, 16, false);
        Fixtures.png(dir.resolve("train/happy/c.png"), 16, 16, false);
        Fixtures.png(dir.resolve("test/happy/d.png"), 16, 16, false);
        Fixtures.png(dir.resolve("test/sad/e.png"), 16, 16, false);
        TrainTestDatasets split = TrainTestDatasets.load(dir);
        String name = dir.getFileName().toString();
        assertThat(split.train().name()).isEqualTo(name + "-train");
        assertThat(split.test().name()).isEqualTo(name + "-test");
        assertThat(split.train().samples()).hasSize(3);
        assertThat(split.test().samples()).extracting(Sample::id).containsExactly("happy/d.png", "sad/e.png");
        assertThat(split.train().classes()).containsExactly("anger", "happy", "sadness")
                .isEqualTo(split.test().classes());
        assertThat(split.test().classIndex(Expression.SADNESS)).isEqualTo(2);

        Path noTest = Files.createDirectories(dir.resolve("other/train/happy"));
        Fixtures.png(noTest.resolve("x.png"), 8, 8, false);
        assertThatThrownBy(() -> TrainTestDatasets.load(dir.resolve("other"))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("has no test folder");
    }
}
