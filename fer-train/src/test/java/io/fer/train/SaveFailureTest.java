package io.fer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.Expression;
import io.fer.core.internal.AtomicFiles;
import io.fer.core.internal.model.ModelDirectory;
import io.fer.models.Backbone;
import io.fer.train.augment.Augmentation;
import io.fer.train.internal.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saves that fail (a full disk) and the folders interrupted saves leave: the previous model stays whole, nothing
 * half-written is left, and the copy a crashed replacement moved aside is deleted only when it is not the only one.
 */
class SaveFailureTest {
    @TempDir
    static Path shared;
    static FerModel first;
    static FerModel second;

    @TempDir
    Path tmp;
    Path target;

    @BeforeAll
    static void train() {
        first = tiny(3);
        second = tiny(4);
    }

    static FerModel tiny(long seed) {
        return FerModel.builder().backbone(Backbone.CNN).weights(Weights.none()).inputSize(32)
                .featureExtraction(1, 1e-3).fineTuning(0, 1e-4).batchSize(4).augmentation(Augmentation.none())
                .seed(seed).cropCache(shared.resolve("crops")).quiet()
                .fit(TestImages.patterns(List.of(Expression.ANGER, Expression.HAPPY), 2, 32, 3));
    }

    @AfterAll
    static void close() {
        first.close();
        second.close();
    }

    @BeforeEach
    void saveThePreviousModel() {
        target = tmp.resolve("model");
        first.save(target);
    }

    @Test
    void aFullDiskFailsNamingTheFileAndLeavesThePreviousModelAndNoPartialFolder() throws Exception {
        Map<String, String> before = contents(target);
        try (AutoCloseable full = AtomicFiles.simulateFullDisk(
                p -> p.getFileName().toString().equals(ModelDirectory.MANIFEST))) {
            assertThatThrownBy(() -> second.save(target)).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("Cannot save the model to " + target)
                    .hasMessageContaining(ModelDirectory.MANIFEST + ": No space left on device")
                    .hasMessageMatching("(?s).*Cannot write \\S+/\\.model\\.saving-\\S+/fer-model\\.json: .*");
        }
        assertThat(contents(target)).isEqualTo(before);
        assertThat(siblings()).containsExactly("model");

        second.save(target); // with room again, the save goes through
        assertThat(contents(target)).isNotEqualTo(before);
        assertThat(siblings()).containsExactly("model");
    }

    @Test
    void anOldCopyLeftBesideTheModelByACrashedSaveIsDeletedByTheNextSave() throws IOException {
        Path stale = copyTree(target, tmp.resolve(".model.old-999999999-1000-1"));
        Path trash = copyTree(target, tmp.resolve(".model.trash-999999999-1000-2"));
        second.save(target);
        assertThat(stale).doesNotExist();
        assertThat(trash).doesNotExist();
        assertThat(siblings()).containsExactly("model");
    }

    @Test
    void theOnlyCopyOfTheModelMovedAsideByACrashIsPutBackNotDeleted() throws Exception {
        Map<String, String> before = contents(target);
        // a crash between the two renames of a replacement: the model is only in its old- folder
        Files.move(target, tmp.resolve(".model.old-999999999-1000-1"));
        try (AutoCloseable full = AtomicFiles.simulateFullDisk(
                p -> p.getFileName().toString().equals(ModelDirectory.MANIFEST))) {
            assertThatThrownBy(() -> second.save(target)).hasMessageContaining("No space left on device");
        }
        assertThat(contents(target)).isEqualTo(before);
        assertThat(siblings()).containsExactly("model");
        ModelDirectory.verify(target);
    }

    @Test
    void anOldCopyOfASaveStillRunningIsLeftAlone() throws IOException {
        Path live = copyTree(target, tmp.resolve(".model.old-" + Directories.ownerTag(ProcessHandle.current()) + "-1"));
        second.save(target);
        assertThat(live).isDirectory();
    }

    @Test
    void aSuccessfulReplacementLeavesNoOldCopy() {
        second.save(target);
        first.save(target);
        assertThat(siblings()).containsExactly("model");
    }

    /** Every file under {@code dir} with its content's SHA-256. */
    static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                sums.put(dir.relativize(f).toString(), ModelDirectory.sha256(f));
            }
        }
        return sums;
    }

    private List<String> siblings() {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
            }
        }
        return to;
    }
}
