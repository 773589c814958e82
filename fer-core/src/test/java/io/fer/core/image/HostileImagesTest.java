package io.fer.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fer.core.internal.image.ImageDecoding;
import io.fer.core.internal.image.ImageLimits;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Images built to hurt: headers claiming huge sizes, special files, files over the limits. */
class HostileImagesTest {
    @TempDir
    Path tmp;

    @AfterEach
    void clearLimits() {
        System.clearProperty(ImageLimits.MAX_PIXELS_PROPERTY);
        System.clearProperty(ImageLimits.MAX_FILE_BYTES_PROPERTY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "gif", "jpeg", "bmp", "tiff"})
    void aHeaderClaimingAHugeImageIsRefusedBeforeDecoding(String format) throws IOException {
        byte[] bomb = ImageBombs.claiming(format, 40000, 40000);
        assertThat(bomb.length).isLessThan(4096);
        Path file = Files.write(tmp.resolve("bomb." + format), bomb);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            // the JDK's BMP reader checks the size against the file itself, before fer's budget can
            String reason = format.equals("bmp") ? ".*(megapixels|Invalid width/height).*"
                    : ".*40000x40000 = 1600.0 megapixels, more than the limit of 50.0 megapixels \\(system property "
                    + ImageLimits.MAX_PIXELS_PROPERTY + "\\).*";
            assertThatThrownBy(() -> ImageDecoding.read(file)).isInstanceOf(UnreadableImageException.class)
                    .hasMessageContaining(file.toString()).hasMessageMatching(reason);
            assertThatThrownBy(() -> ImageDecoding.readInfo(file)).isInstanceOf(UnreadableImageException.class)
                    .hasMessageContaining(file.toString()).hasMessageMatching(reason);
            assertThatThrownBy(() -> ImageDecoding.read(bomb, "upload")).isInstanceOf(UnreadableImageException.class)
                    .hasMessageContaining("upload").hasMessageMatching(reason);
        });
    }

    @Test
    void theSmallOriginalsOfTheBombsDecode() throws IOException {
        for (String format : new String[] {"png", "gif", "jpeg", "bmp", "tiff"}) {
            RgbImage img = ImageDecoding.read(ImageBombs.small(format), format);
            assertThat(img.width()).as(format).isEqualTo(16);
        }
    }

    @Test
    void aValidPngOfAHundredMegapixelsIsRefusedFromItsHeader() throws IOException {
        Path file = ImageBombs.validGrayPng(tmp.resolve("grey.png"), 10000, 10000);
        assertThat(Files.size(file)).isLessThan(1 << 20);
        assertThatThrownBy(() -> ImageDecoding.read(file)).isInstanceOf(UnreadableImageException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("10000x10000 = 100.0 megapixels");
    }

    @Test
    void thePixelBudgetIsASystemProperty() throws IOException {
        byte[] png = ImageBombs.small("png");
        System.setProperty(ImageLimits.MAX_PIXELS_PROPERTY, "255");
        assertThatThrownBy(() -> ImageDecoding.read(png, "small.png"))
                .hasMessageContaining("16x16").hasMessageContaining(ImageLimits.MAX_PIXELS_PROPERTY);
        System.setProperty(ImageLimits.MAX_PIXELS_PROPERTY, "256");
        assertThat(ImageDecoding.read(png, "small.png").width()).isEqualTo(16);
        System.setProperty(ImageLimits.MAX_PIXELS_PROPERTY, "lots");
        assertThatThrownBy(() -> ImageDecoding.read(png, "small.png")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ImageLimits.MAX_PIXELS_PROPERTY).hasMessageContaining("'lots'");
    }

    @Test
    void aFileOverTheByteLimitIsNotRead() throws IOException {
        Path file = Files.write(tmp.resolve("big.png"), ImageBombs.small("png"));
        System.setProperty(ImageLimits.MAX_FILE_BYTES_PROPERTY, "100");
        assertThatThrownBy(() -> ImageDecoding.read(file)).isInstanceOf(UnreadableImageException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("limit of 100 bytes");
    }

    @Test
    void devZeroIsRefusedAtOnce() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero on this platform");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThatThrownBy(() -> ImageDecoding.read(zero)).isInstanceOf(UnreadableImageException.class)
                    .hasMessageContaining("/dev/zero").hasMessageContaining("not a regular file");
            assertThatThrownBy(() -> ImageDecoding.readInfo(zero)).hasMessageContaining("not a regular file");
        });
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = tmp.resolve("pipe.png");
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e.getMessage());
            return;
        }
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThatThrownBy(() -> ImageDecoding.read(fifo)).isInstanceOf(UnreadableImageException.class)
                    .hasMessageContaining(fifo.toString()).hasMessageContaining("not a regular file");
            assertThatThrownBy(() -> ImageDecoding.readInfo(fifo)).hasMessageContaining("not a regular file");
        });
    }

    @Test
    void aFolderAndABrokenLinkAreNamed() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("folder.png"));
        assertThatThrownBy(() -> ImageDecoding.read(dir)).hasMessageContaining(dir.toString())
                .hasMessageContaining("folder");
        Path link = Files.createSymbolicLink(tmp.resolve("broken.png"), tmp.resolve("missing.png"));
        assertThatThrownBy(() -> ImageDecoding.read(link)).hasMessageContaining(link.toString())
                .hasMessageContaining("broken symbolic link");
    }

    @Test
    void convertingAnImageTooLargeForOneArrayFailsWithASizeNotAnOverflow() {
        // 30000 x 30000 x 3 overflows an int to -1594967296; a fake size avoids allocating 900 MB here
        BufferedImage huge = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY) {
            @Override
            public int getWidth() {
                return 30000;
            }

            @Override
            public int getHeight() {
                return 30000;
            }
        };
        assertThatThrownBy(() -> RgbImage.fromBufferedImage(huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("30000x30000").hasMessageContaining("too large");
    }
}
