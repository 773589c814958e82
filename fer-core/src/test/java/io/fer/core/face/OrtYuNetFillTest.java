package io.fer.core.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/** YuNet's input: BGR planes, zero-padded right of and below the image, as OpenCV's blob would be. */
class OrtYuNetFillTest {
    @Test
    void pixelsGoToBgrPlanesAndThePaddingIsZero() {
        int width = 3;
        int height = 2;
        int padW = 32;
        int padH = 32;
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (200 + i); // above 127: the bytes are read unsigned
        }
        FloatBuffer dst = ByteBuffer.allocateDirect(3 * padW * padH * 4).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        for (int i = 0; i < dst.capacity(); i++) {
            dst.put(i, -1f); // what a reused buffer held before: all of it must be overwritten
        }
        OrtYuNetRunner.fill(dst, rgb, width, height, padW, padH);
        assertThat(dst.position()).isZero();
        assertThat(dst.limit()).isEqualTo(3 * padW * padH);
        int plane = padW * padH;
        for (int y = 0; y < padH; y++) {
            for (int x = 0; x < padW; x++) {
                int at = y * padW + x;
                boolean inside = x < width && y < height;
                int src = (y * width + x) * 3;
                assertThat(dst.get(at)).as("blue %d,%d", x, y).isEqualTo(inside ? (rgb[src + 2] & 0xFF) : 0f);
                assertThat(dst.get(plane + at)).as("green %d,%d", x, y).isEqualTo(inside ? (rgb[src + 1] & 0xFF) : 0f);
                assertThat(dst.get(2 * plane + at)).as("red %d,%d", x, y).isEqualTo(inside ? (rgb[src] & 0xFF) : 0f);
            }
        }
    }
}
