package io.fer.train.internal.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fer.train.augment.Augmentation;
import io.fer.train.internal.augment.Augmenter.Transform;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The augmenter's geometry on images small enough to reason about pixel by pixel: where a marked pixel goes under
 * each transform, and what fills the area that comes from outside the image (Keras' {@code fill_mode="nearest"}:
 * {@code aaaa|abcd|dddd}, each coordinate clamped to the edge).
 */
class AugmenterTest {
    private static final int SIZE = 9; // odd, so that the centre (4, 4) is a pixel and quarter turns are exact
    private static final int MAX = SIZE - 1;

    @Test
    void theIdentityCopiesThePixels() {
        float[] src = numbered();
        float[] dst = new float[src.length + 6];
        Augmenter.apply(Transform.identity(), src, 0, SIZE, dst, 6);
        for (int i = 0; i < src.length; i++) {
            assertThat(dst[6 + i]).isEqualTo(src[i]);
        }
    }

    @Test
    void aQuarterTurnMovesAMarkedPixelAboutTheCentre() {
        // the pixel 2 right of and 3 above the centre ends 3 right of and 2 below it: (dx, dy) -> (-dy, dx), a
        // clockwise quarter turn on the screen for a positive angle
        float[] out = apply(new Transform(false, Math.PI / 2, 1, 0, 0), marked(6, 1));
        assertThat(markedAt(out)).containsExactly(7, 6);
        assertThat(value(out, 7, 6)).isCloseTo(1f, within(1e-5f));
    }

    @Test
    void aHalfTurnMirrorsBothAxes() {
        float[] src = numbered();
        float[] out = apply(new Transform(false, Math.PI, 1, 0, 0), src);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                assertThat(value(out, x, y)).isCloseTo(value(src, MAX - x, MAX - y), within(1e-3f));
            }
        }
    }

    @Test
    void aFlipMirrorsLeftAndRightOnly() {
        float[] src = numbered();
        float[] out = apply(new Transform(true, 0, 1, 0, 0), src);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                assertThat(value(out, x, y)).isEqualTo(value(src, MAX - x, y));
            }
        }
        assertThat(markedAt(apply(new Transform(true, 0, 1, 0, 0), marked(1, 2)))).containsExactly(MAX - 1, 2);
    }

    @Test
    void aPositiveShiftMovesTheContentRightAndDownAndAppliesAfterTheFlip() {
        double twoPixels = 2.0 / SIZE;
        assertThat(markedAt(apply(new Transform(false, 0, 1, twoPixels, 0), marked(3, 4)))).containsExactly(5, 4);
        assertThat(markedAt(apply(new Transform(false, 0, 1, 0, twoPixels), marked(3, 4)))).containsExactly(3, 6);
        // flipped first (3 -> 5), then shifted: the shift keeps its direction whether or not the image is flipped
        assertThat(markedAt(apply(new Transform(true, 0, 1, twoPixels, 0), marked(3, 4)))).containsExactly(7, 4);
    }

    @Test
    void aScaleAboveOneZoomsIn() {
        // one pixel right of the centre ends two pixels right of it
        assertThat(markedAt(apply(new Transform(false, 0, 2, 0, 0), marked(5, 4)))).containsExactly(6, 4);
    }

    @Test
    void areasFromOutsideRepeatTheNearestEdgePixelAsKerasNearestFillDoes() {
        float[] src = numbered();
        // shifted 3 px right: columns 0..2 come from outside and repeat column 0 (aaa|abcd...)
        float[] shifted = apply(new Transform(false, 0, 1, 3.0 / SIZE, 0), src);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                assertThat(value(shifted, x, y)).isCloseTo(value(src, Math.max(x - 3, 0), y), within(1e-3f));
            }
        }
        // turned 45°: the top-left output corner maps to (4 - 4 * sqrt 2, 4), left of the image, and each
        // coordinate is clamped on its own (as scipy's mode="nearest" under Keras does), giving the pixel (0, 4)
        float[] turned = apply(new Transform(false, Math.PI / 4, 1, 0, 0), src);
        assertThat(value(turned, 0, 0)).isCloseTo(value(src, 0, 4), within(1e-3f));
        // no pixel is ever zero-filled: every output lies within the source's range
        for (float v : turned) {
            assertThat(v).isBetween(0f, (float) (SIZE * SIZE - 1));
        }
    }

    @Test
    void drawnParametersStayWithinTheSettingsAndNoneDrawsTheIdentity() {
        Augmenter none = new Augmenter(Augmentation.none());
        Augmenter paper = new Augmenter(Augmentation.paper());
        SplittableRandom random = new SplittableRandom(3);
        int flips = 0;
        int draws = 2000;
        for (int i = 0; i < draws; i++) {
            assertThat(none.draw(random)).isEqualTo(Transform.identity());
            Transform t = paper.draw(random);
            flips += t.flip() ? 1 : 0;
            assertThat(Math.toDegrees(Math.abs(t.radians()))).isLessThanOrEqualTo(10);
            assertThat(t.scale()).isBetween(1 / 1.1, 1.1);
            assertThat(Math.abs(t.shiftX())).isLessThanOrEqualTo(0.1);
            assertThat(Math.abs(t.shiftY())).isLessThanOrEqualTo(0.1);
        }
        assertThat(flips).isBetween(draws / 2 - 100, draws / 2 + 100);
        Transform a = paper.draw(new SplittableRandom(11));
        assertThat(paper.draw(new SplittableRandom(11))).as("same seed, same draw").isEqualTo(a);
    }

    private static float[] apply(Transform t, float[] src) {
        float[] dst = new float[src.length];
        Augmenter.apply(t, src, 0, SIZE, dst, 0);
        return dst;
    }

    /** Every pixel a different grey, {@code y * SIZE + x}. */
    private static float[] numbered() {
        float[] p = new float[SIZE * SIZE * 3];
        for (int i = 0; i < SIZE * SIZE; i++) {
            p[i * 3] = i;
            p[i * 3 + 1] = i;
            p[i * 3 + 2] = i;
        }
        return p;
    }

    /** Black with one red pixel of value 1. */
    private static float[] marked(int x, int y) {
        float[] p = new float[SIZE * SIZE * 3];
        p[(y * SIZE + x) * 3] = 1;
        return p;
    }

    /** The only pixel whose red is above 3/4, as {x, y}; fails if there is not exactly one. */
    private static int[] markedAt(float[] image) {
        int[] at = null;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                if (value(image, x, y) > 0.75f) {
                    assertThat(at).as("a second marked pixel at %d,%d", x, y).isNull();
                    at = new int[] {x, y};
                }
                assertThat(image[(y * SIZE + x) * 3 + 1]).as("green stays black").isZero();
            }
        }
        assertThat(at).as("the marked pixel").isNotNull();
        return at;
    }

    private static float value(float[] image, int x, int y) {
        return image[(y * SIZE + x) * 3];
    }
}
