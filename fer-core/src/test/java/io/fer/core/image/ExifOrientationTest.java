package io.fer.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.internal.image.ExifOrientation;
import io.fer.core.internal.image.ImageDecoding;
import org.junit.jupiter.api.Test;

class ExifOrientationTest {
    /** A 6 x 4 image whose every pixel differs, so that any wrong turn shows. */
    private static RgbImage upright() {
        return RgbImage.fromBufferedImage(TestImages.colourPattern(6, 4));
    }

    @Test
    void eachOrientationIsUndoneByItsTransform() {
        RgbImage u = upright();
        for (int o = 1; o <= 8; o++) {
            RgbImage stored = ExifOrientation.apply(u, ExifJpegs.inverse(o));
            assertThat(ExifOrientation.apply(stored, o)).as("orientation %d", o).isEqualTo(u);
            assertThat(stored.width()).isEqualTo(o >= 5 ? 4 : 6);
        }
        // orientation 6: the camera was turned clockwise, so the top row of the upright image is the stored left
        // column read bottom to top
        RgbImage stored6 = ExifOrientation.apply(u, 8);
        for (int x = 0; x < 6; x++) {
            assertThat(stored6.rgb(0, 5 - x)).isEqualTo(u.rgb(x, 0));
        }
        assertThatThrownBy(() -> ExifOrientation.apply(u, 9)).hasMessageContaining("1..8");
    }

    @Test
    void readsTheTagFromJpegsInEitherByteOrderAndDecodesUpright() throws Exception {
        // smooth ramps, so that JPEG's loss stays small while any wrong turn or mirror changes most pixels a lot
        byte[] ramps = new byte[64 * 40 * 3];
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 64; x++) {
                int i = (y * 64 + x) * 3;
                ramps[i] = (byte) (x * 4);
                ramps[i + 1] = (byte) (y * 6);
                ramps[i + 2] = (byte) (255 - (x + y) * 2);
            }
        }
        RgbImage u = RgbImage.of(64, 40, ramps);
        assertThat(meanDifference(ExifOrientation.apply(u, 3), u)).isGreaterThan(30);
        for (int o = 1; o <= 8; o++) {
            for (boolean little : new boolean[] {true, false}) {
                byte[] jpeg = ExifJpegs.stored(u, o, little);
                assertThat(ExifOrientation.read(jpeg)).isEqualTo(o);
                RgbImage decoded = ImageDecoding.read(jpeg);
                assertThat(decoded.width()).as("orientation %d", o).isEqualTo(64);
                assertThat(decoded.height()).isEqualTo(40);
                assertThat(meanDifference(decoded, u)).as("orientation %d", o).isLessThan(3);
            }
        }
    }

    @Test
    void noTagOrADamagedOneMeansAsStored() {
        byte[] plain = TestImages.encode(TestImages.colourPattern(16, 16), "jpg");
        assertThat(ExifOrientation.read(plain)).isEqualTo(1);
        assertThat(ExifOrientation.read(TestImages.encode(TestImages.colourPattern(16, 16), "png"))).isEqualTo(1);
        byte[] tagged = ExifJpegs.withOrientation(plain, 6, false);
        byte[] truncated = java.util.Arrays.copyOf(tagged, 20);
        assertThat(ExifOrientation.read(truncated)).isEqualTo(1);
        assertThat(ExifOrientation.read(ExifJpegs.withOrientation(plain, 0, true))).isEqualTo(1);
        assertThat(ExifOrientation.read(ExifJpegs.withOrientation(plain, 12, true))).isEqualTo(1);
        assertThat(ExifOrientation.read(new byte[0])).isEqualTo(1);
    }

    static double meanDifference(RgbImage a, RgbImage b) {
        double sum = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs(a.channel(x, y, c) - b.channel(x, y, c));
                }
            }
        }
        return sum / (a.width() * a.height() * 3.0);
    }
}
