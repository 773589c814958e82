package io.fer.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.Recognizer;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.RecognizerAccess;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;

/**
 * The Recognizer fills its input tensors from direct buffers that it keeps between calls (up to 64 MiB) or makes for
 * one call (above): whatever buffer a call gets, and whatever an earlier call left in it, the answers must be those
 * of the raw SavedModel.
 */
class RecognizerInputBuffersTest {
    private static final int SIZE = 32;
    private static ModelFixture fixture;
    private static RawSavedModel raw;
    private static Recognizer recognizer;

    @BeforeAll
    static void load() {
        fixture = ModelFixture.build("b0", SIZE);
        raw = new RawSavedModel(fixture.savedModel(), SIZE);
        recognizer = Recognizer.load(fixture.modelDirectory());
    }

    @AfterAll
    static void close() {
        recognizer.close();
        raw.close();
        fixture.close();
    }

    private static float[] rawProbabilities(List<RgbImage> crops) {
        try (TFloat32 t = raw.tensor(SampleImages.floats(crops), crops.size())) {
            return raw.probabilities(t);
        }
    }

    @Test
    void smallerBatchesAfterLargerOnesSeeOnlyTheirOwnImages() {
        List<RgbImage> eight = SampleImages.crops(8, SIZE);
        List<RgbImage> three = new ArrayList<>(eight.subList(5, 8));
        float[] expected = rawProbabilities(three);
        RecognizerAccess.probabilities(recognizer, eight);
        assertThat(RecognizerAccess.probabilities(recognizer, three)).containsExactly(expected, Offset.offset(1e-6f));
        assertThat(RecognizerAccess.run(recognizer, SampleImages.floats(three), 3))
                .containsExactly(expected, Offset.offset(1e-6f));
    }

    @Test
    void aBatchAboveTheKeptBufferLimitIsAnsweredAndTheKeptBufferStillWorks() {
        // 5,462 crops of 32 x 32 x 3 floats are just over 64 MiB
        int n = 5462;
        List<RgbImage> crops = SampleImages.crops(n, SIZE);
        float[] all = RecognizerAccess.probabilities(recognizer, crops);
        assertThat(all).hasSize(n * 8);
        List<RgbImage> firstSixteen = crops.subList(0, 16);
        float[] expected = rawProbabilities(firstSixteen);
        for (int i = 0; i < expected.length; i++) {
            assertThat(all[i]).as("probability %d", i).isCloseTo(expected[i], Offset.offset(1e-5f));
        }
        assertThat(RecognizerAccess.probabilities(recognizer, firstSixteen))
                .containsExactly(expected, Offset.offset(1e-6f));
    }

    @Test
    void tooFewFloatsForTheImageCountIsRefused() {
        assertThatThrownBy(() -> RecognizerAccess.run(recognizer, new float[SIZE * SIZE * 3], 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
