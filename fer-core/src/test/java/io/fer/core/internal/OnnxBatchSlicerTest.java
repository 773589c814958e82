package io.fer.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OnnxBatchSlicerTest {
    private static final int PIXELS = OnnxBatchSlicer.PIXELS_PER_SLICE;

    @Test
    void a224PixelBatchRunsOneImagePerSlice() {
        int[] starts = OnnxBatchSlicer.sliceStarts(32, 224, 224, PIXELS, 2);
        assertThat(starts).hasSize(33);
        for (int k = 0; k <= 32; k++) {
            assertThat(starts[k]).isEqualTo(k);
        }
    }

    @Test
    void smallImagesShareASliceAndTheThreadsGetEqualShares() {
        // 64 px: 12 images fit a slice, 3 slices are rounded up to 4 for two threads: 8 images each
        assertThat(OnnxBatchSlicer.sliceStarts(32, 64, 64, PIXELS, 2)).containsExactly(0, 8, 16, 24, 32);
        // one thread: no rounding up
        assertThat(OnnxBatchSlicer.sliceStarts(32, 64, 64, PIXELS, 1)).containsExactly(0, 10, 21, 32);
        // sizes differ by one at most
        assertThat(OnnxBatchSlicer.sliceStarts(7, 224, 224, PIXELS, 4)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(OnnxBatchSlicer.sliceStarts(30, 64, 64, PIXELS, 4)).containsExactly(0, 7, 15, 22, 30);
    }

    @Test
    void aBatchThatFitsOneSliceIsOneCall() {
        assertThat(OnnxBatchSlicer.sliceStarts(1, 224, 224, PIXELS, 2)).containsExactly(0, 1);
        assertThat(OnnxBatchSlicer.sliceStarts(12, 64, 64, PIXELS, 2)).containsExactly(0, 12);
        assertThat(OnnxBatchSlicer.sliceStarts(1, 600, 600, PIXELS, 8)).containsExactly(0, 1);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> OnnxBatchSlicer.sliceStarts(0, 224, 224, PIXELS, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> new OnnxBatchSlicer(null, "images", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
        assertThatThrownBy(() -> new OnnxBatchSlicer(null, "images", 2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pixelsPerSlice");
    }
}
