package io.fer.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import org.junit.jupiter.api.Test;

class RgbImageTest {

    @Test
    void grayBufferedImageKeepsItsStoredValuesInThreeEqualChannels() {
        BufferedImage gray = TestImages.grayPattern(40, 30);
        RgbImage img = RgbImage.fromBufferedImage(gray);
        assertThat(img.width()).isEqualTo(40);
        assertThat(img.height()).isEqualTo(30);
        assertThat(img.isGrayscale()).isTrue();
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                // getRGB would map Java's linear grey through a gamma curve; the stored value must come out
                assertThat(img.channel(x, y, 0)).isEqualTo(TestImages.grayAt(x, y));
            }
        }
    }

    @Test
    void sixteenBitGrayIsScaledToEightBits() {
        BufferedImage g16 = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        g16.getRaster().setSample(0, 0, 0, 0);
        g16.getRaster().setSample(1, 0, 0, 65535);
        g16.getRaster().setSample(2, 0, 0, 32896); // 128 * 257
        RgbImage img = RgbImage.fromBufferedImage(g16);
        assertThat(img.rgb(0, 0)).isEqualTo(0x000000);
        assertThat(img.rgb(1, 0)).isEqualTo(0xFFFFFF);
        assertThat(img.rgb(2, 0)).isEqualTo(0x808080);
    }

    @Test
    void colourTypesConvertExactlyAndRoundTrip() {
        BufferedImage rgb = TestImages.colourPattern(17, 9);
        RgbImage img = RgbImage.fromBufferedImage(rgb);
        assertThat(img.isGrayscale()).isFalse();
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 17; x++) {
                assertThat(img.rgb(x, y)).isEqualTo(TestImages.colourAt(x, y));
            }
        }
        BufferedImage bgr = img.toBufferedImage();
        assertThat(bgr.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
        assertThat(bgr.getRGB(5, 4) & 0xFFFFFF).isEqualTo(TestImages.colourAt(5, 4));
        assertThat(RgbImage.fromBufferedImage(bgr)).isEqualTo(img);
    }

    @Test
    void paletteImagesTakeTheirPaletteColours() {
        byte[] r = {0, (byte) 200};
        byte[] g = {0, 100};
        byte[] b = {0, 50};
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 2, r, g, b));
        indexed.getRaster().setSample(1, 0, 0, 1);
        RgbImage img = RgbImage.fromBufferedImage(indexed);
        assertThat(img.rgb(0, 0)).isEqualTo(0x000000);
        assertThat(img.rgb(1, 0)).isEqualTo(200 << 16 | 100 << 8 | 50);
    }

    @Test
    void toFloatsIsHwcRgbFromTheOffset() {
        RgbImage img = RgbImage.of(2, 1, new byte[] {1, 2, 3, (byte) 250, 5, 6});
        float[] dst = new float[8];
        dst[0] = -1;
        img.toFloats(dst, 1);
        assertThat(dst).containsExactly(-1, 1, 2, 3, 250, 5, 6, 0);
        assertThat(img.toFloats()).containsExactly(1, 2, 3, 250, 5, 6);
        assertThatThrownBy(() -> img.toFloats(new float[6], 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void isImmutable() {
        byte[] bytes = {1, 2, 3};
        RgbImage img = RgbImage.of(1, 1, bytes);
        bytes[0] = 9;
        img.toBytes()[1] = 9;
        assertThat(img.rgb(0, 0)).isEqualTo(0x010203);
    }

    @Test
    void rejectsWrongSizes() {
        assertThatThrownBy(() -> RgbImage.of(2, 2, new byte[11])).hasMessageContaining("needs 12 bytes, got 11");
        assertThatThrownBy(() -> RgbImage.of(0, 2, new byte[0])).hasMessageContaining("positive");
        assertThatThrownBy(() -> RgbImage.ofGray(2, 2, new byte[3])).hasMessageContaining("needs 4 bytes");
        RgbImage img = RgbImage.ofGray(2, 2, new byte[4]);
        assertThatThrownBy(() -> img.rgb(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> img.crop(1, 1, 2, 1)).hasMessageContaining("leaves the 2x2 image");
    }

    @Test
    void cropCopiesTheRectangle() {
        RgbImage img = RgbImage.fromBufferedImage(TestImages.colourPattern(10, 8));
        RgbImage part = img.crop(3, 2, 4, 5);
        assertThat(part.width()).isEqualTo(4);
        assertThat(part.height()).isEqualTo(5);
        assertThat(part.rgb(0, 0)).isEqualTo(TestImages.colourAt(3, 2));
        assertThat(part.rgb(3, 4)).isEqualTo(TestImages.colourAt(6, 6));
    }

    @Test
    void resizeKeepsUniformImagesAndAveragesWhenShrinking() {
        byte[] flat = new byte[30 * 20 * 3];
        java.util.Arrays.fill(flat, (byte) 77);
        RgbImage uniform = RgbImage.of(30, 20, flat);
        RgbImage up = uniform.resize(47, 53);
        RgbImage down = uniform.resize(7, 3);
        assertThat(up.width()).isEqualTo(47);
        assertThat(up.height()).isEqualTo(53);
        for (byte v : up.toBytes()) {
            assertThat(v & 0xFF).isEqualTo(77);
        }
        for (byte v : down.toBytes()) {
            assertThat(v & 0xFF).isEqualTo(77);
        }
        assertThat(uniform.resize(30, 20)).isSameAs(uniform);

        // a 1-pixel checkerboard halved: away from the border, every output pixel averages black and white alike
        // (plain bilinear sampling without widening would hit a single source pixel, 0 or 255)
        byte[] checker = new byte[16 * 16];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                checker[y * 16 + x] = (byte) ((x + y) % 2 == 0 ? 0 : 255);
            }
        }
        RgbImage half = RgbImage.ofGray(16, 16, checker).resize(8, 8);
        for (int y = 1; y < 7; y++) {
            for (int x = 1; x < 7; x++) {
                assertThat(half.channel(x, y, 0)).isBetween(120, 135);
            }
        }
    }

    @Test
    void resizeIsBilinearWhenEnlarging() {
        // 2 pixels, 0 and 200, doubled: centres at 0.25/0.75 of the span interpolate between them
        RgbImage img = RgbImage.ofGray(2, 1, new byte[] {0, (byte) 200}).resize(4, 1);
        assertThat(img.channel(0, 0, 0)).isEqualTo(0);
        assertThat(img.channel(1, 0, 0)).isEqualTo(50);
        assertThat(img.channel(2, 0, 0)).isEqualTo(150);
        assertThat(img.channel(3, 0, 0)).isEqualTo(200);
        assertThat(img.isGrayscale()).isTrue();
    }
}
