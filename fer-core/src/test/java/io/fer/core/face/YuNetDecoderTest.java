package io.fer.core.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** YuNet's decoding and OpenCV's non-maximum suppression on hand-made network outputs. */
class YuNetDecoderTest {
    private static final int PAD_W = 64;
    private static final int PAD_H = 96;

    /** Empty heads for a 64x96 input: every score 0. */
    private static YuNetDecoder.Head[] heads() {
        YuNetDecoder.Head[] heads = new YuNetDecoder.Head[3];
        for (int i = 0; i < 3; i++) {
            int cells = (PAD_W / YuNetDecoder.STRIDES[i]) * (PAD_H / YuNetDecoder.STRIDES[i]);
            heads[i] = new YuNetDecoder.Head(new float[cells], new float[cells], new float[cells * 4],
                    new float[cells * 10]);
        }
        return heads;
    }

    @Test
    void padsSidesToMultiplesOf32() {
        assertThat(YuNetDecoder.padded(1)).isEqualTo(32);
        assertThat(YuNetDecoder.padded(32)).isEqualTo(32);
        assertThat(YuNetDecoder.padded(33)).isEqualTo(64);
        assertThat(YuNetDecoder.padded(480)).isEqualTo(480);
        assertThat(YuNetDecoder.padded(203)).isEqualTo(224);
    }

    @Test
    void decodesACellFromItsGridPositionAndStride() {
        YuNetDecoder.Head[] heads = heads();
        YuNetDecoder.Head h = heads[1]; // stride 16: 4 columns, 6 rows
        int idx = 2 * 4 + 3; // row 2, column 3
        h.cls()[idx] = 0.81f;
        h.obj()[idx] = 1.5f; // clamped to 1
        h.bbox()[idx * 4] = 0.5f;
        h.bbox()[idx * 4 + 1] = 0.25f;
        h.bbox()[idx * 4 + 2] = (float) Math.log(2);
        h.bbox()[idx * 4 + 3] = 0;
        for (int n = 0; n < 5; n++) {
            h.kps()[idx * 10 + 2 * n] = n * 0.1f;
            h.kps()[idx * 10 + 2 * n + 1] = -n * 0.1f;
        }
        float[][] rows = YuNetDecoder.decode(heads, PAD_W, PAD_H, 0.6f, 0.3f, 5000);
        assertThat(rows).hasDimensions(1, 15);
        float[] f = rows[0];
        // centre (3 + 0.5, 2 + 0.25) * 16 = (56, 36); size exp(ln 2) * 16 = 32 by 16
        assertThat(f[0]).isCloseTo(40f, within(1e-4f));
        assertThat(f[1]).isCloseTo(28f, within(1e-4f));
        assertThat(f[2]).isCloseTo(32f, within(1e-4f));
        assertThat(f[3]).isCloseTo(16f, within(1e-4f));
        for (int n = 0; n < 5; n++) {
            assertThat(f[4 + 2 * n]).as("landmark %d x", n).isCloseTo((3 + n * 0.1f) * 16, within(1e-4f));
            assertThat(f[5 + 2 * n]).as("landmark %d y", n).isCloseTo((2 - n * 0.1f) * 16, within(1e-4f));
        }
        assertThat(f[14]).isCloseTo(0.9f, within(1e-6f)); // sqrt(0.81 * 1)
    }

    @Test
    void dropsCellsUnderTheThresholdAndNegativeScores() {
        YuNetDecoder.Head[] heads = heads();
        heads[0].cls()[5] = 0.35f;
        heads[0].obj()[5] = 1f; // sqrt 0.59 < 0.6
        heads[2].cls()[1] = -1f;
        heads[2].obj()[1] = -1f; // clamped to 0 before the product
        assertThat(YuNetDecoder.decode(heads, PAD_W, PAD_H, 0.6f, 0.3f, 5000)).isEmpty();
    }

    @Test
    void suppressesOverlapsKeepingTheHigherScoreFirst() {
        float[] a = face(10, 10, 40, 40, 0.7f);
        float[] b = face(12, 12, 40, 40, 0.9f); // overlaps a by 0.82
        float[] c = face(60, 60, 20, 20, 0.8f); // overlaps nothing
        int[] kept = YuNetDecoder.nms(List.of(a, b, c), 0.6f, 0.3f, 5000);
        assertThat(kept).containsExactly(1, 2);
        // top-k counts candidates before suppression: the best one only
        assertThat(YuNetDecoder.nms(List.of(a, b, c), 0.6f, 0.3f, 1)).containsExactly(1);
        // a score equal to the threshold passes the decoder but not NMSBoxes, which wants more
        assertThat(YuNetDecoder.nms(List.of(face(0, 0, 5, 5, 0.6f), c), 0.6f, 0.3f, 5000)).containsExactly(1);
    }

    @Test
    void overlapIsIntersectionOverUnionOfWholePixelBoxes() {
        assertThat(YuNetDecoder.overlap(new int[] {0, 0, 10, 10}, new int[] {5, 0, 10, 10}))
                .isCloseTo(50f / 150f, within(1e-6f));
        assertThat(YuNetDecoder.overlap(new int[] {0, 0, 10, 10}, new int[] {10, 0, 10, 10})).isZero();
        assertThat(YuNetDecoder.overlap(new int[] {0, 0, 10, 10}, new int[] {0, 0, 10, 10})).isEqualTo(1f);
    }

    @Test
    void refusesHeadsTooSmallForTheInput() {
        assertThatThrownBy(() -> YuNetDecoder.decode(heads(), PAD_W * 2, PAD_H, 0.6f, 0.3f, 5000))
                .hasMessageContaining("stride-8");
    }

    @Test
    void refusesBytesThatAreNotAnOnnxModel() {
        assertThatThrownBy(() -> YuNetOnnxShapes.withFreeInputSize(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("YuNet");
    }

    private static float[] face(float x, float y, float w, float h, float score) {
        float[] f = new float[15];
        f[0] = x;
        f[1] = y;
        f[2] = w;
        f[3] = h;
        f[14] = score;
        return f;
    }
}
