package io.fer.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.internal.image.ImageDecoding;
import io.fer.core.internal.image.ImageInfo;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecodingTest {
    @TempDir
    Path dir;

    @Test
    void handWrittenPaletteTiffWithGreyRampComesOutGrey() throws Exception {
        Path file = dir.resolve("KA.AN1.39.tiff");
        Files.write(file, TestImages.grayRampPaletteTiff(32, 24));
        RgbImage img = ImageDecoding.read(file);
        assertThat(img.width()).isEqualTo(32);
        assertThat(img.height()).isEqualTo(24);
        assertThat(img.isGrayscale()).isTrue();
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                assertThat(img.channel(x, y, 1)).isEqualTo(TestImages.grayAt(x, y));
            }
        }
        assertThat(ImageDecoding.readInfo(file)).isEqualTo(new ImageInfo(32, 24, "tif"));
    }

    @Test
    void paletteTiffWithColouredPaletteKeepsItsColours() throws Exception {
        int[] red = new int[256];
        int[] green = new int[256];
        int[] blue = new int[256];
        red[1] = 255;
        blue[2] = 255;
        Path file = dir.resolve("colour-palette.tif");
        Files.write(file, TestImages.paletteTiff(3, 1, new byte[] {0, 1, 2}, red, green, blue));
        RgbImage img = ImageDecoding.read(file);
        assertThat(img.rgb(0, 0)).isEqualTo(0x000000);
        assertThat(img.rgb(1, 0)).isEqualTo(0xFF0000);
        assertThat(img.rgb(2, 0)).isEqualTo(0x0000FF);
    }

    @Test
    void paletteTiffWrittenByImageIoReadsBackGrey() throws Exception {
        byte[] ramp = new byte[256];
        for (int i = 0; i < 256; i++) {
            ramp[i] = (byte) i;
        }
        BufferedImage indexed = new BufferedImage(20, 10, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 256, ramp, ramp, ramp));
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                indexed.getRaster().setSample(x, y, 0, TestImages.grayAt(x, y));
            }
        }
        RgbImage img = ImageDecoding.read(TestImages.encode(indexed, "tiff"));
        assertThat(img.isGrayscale()).isTrue();
        assertThat(img.channel(13, 7, 2)).isEqualTo(TestImages.grayAt(13, 7));
    }

    @Test
    void greyPngColourPngColourTiffAndBmpDecodeExactly() throws Exception {
        RgbImage gray = ImageDecoding.read(TestImages.encode(TestImages.grayPattern(9, 5), "png"));
        assertThat(gray.isGrayscale()).isTrue();
        assertThat(gray.channel(8, 4, 0)).isEqualTo(TestImages.grayAt(8, 4));
        for (String format : new String[] {"png", "tiff", "bmp"}) {
            RgbImage colour = ImageDecoding.read(TestImages.encode(TestImages.colourPattern(9, 5), format));
            assertThat(colour.rgb(7, 3)).as(format).isEqualTo(TestImages.colourAt(7, 3));
        }
    }

    @Test
    void jpegDecodesCloseToTheOriginal() throws Exception {
        BufferedImage flat = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                flat.setRGB(x, y, 0x4080C0);
            }
        }
        Path file = dir.resolve("flat.jpg");
        Files.write(file, TestImages.encode(flat, "jpeg"));
        RgbImage img = ImageDecoding.read(file);
        assertThat(img.channel(5, 5, 0)).isCloseTo(0x40, org.assertj.core.data.Offset.offset(4));
        assertThat(img.channel(5, 5, 2)).isCloseTo(0xC0, org.assertj.core.data.Offset.offset(4));
        assertThat(ImageDecoding.readInfo(file).size()).isEqualTo("16x16");
    }

    @Test
    void truncatedImagesFailNamingTheFile() throws Exception {
        for (String format : new String[] {"png", "jpeg", "tiff"}) {
            byte[] whole = TestImages.encode(TestImages.colourPattern(64, 64), format);
            Path file = dir.resolve("truncated." + format);
            Files.write(file, Arrays.copyOf(whole, whole.length / 2));
            assertThatThrownBy(() -> ImageDecoding.read(file)).as(format)
                    .isInstanceOf(UnreadableImageException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("corrupt or truncated");
        }
    }

    @Test
    void garbageEmptyMissingAndFolderFailNamingTheFile() throws Exception {
        Path garbage = dir.resolve("notes.png");
        Files.writeString(garbage, "this is not a picture");
        Path empty = Files.createFile(dir.resolve("empty.png"));
        Path missing = dir.resolve("missing.png");
        assertThatThrownBy(() -> ImageDecoding.read(garbage))
                .hasMessage("Cannot read image " + garbage + ": not an image in a supported format "
                        + "(PNG, JPEG, TIFF, BMP or GIF)");
        assertThatThrownBy(() -> ImageDecoding.readInfo(garbage)).hasMessageContaining("not an image");
        assertThatThrownBy(() -> ImageDecoding.read(empty)).hasMessageContaining(empty + ": the file is empty");
        assertThatThrownBy(() -> ImageDecoding.readInfo(empty)).hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> ImageDecoding.read(missing)).hasMessageContaining(missing + ": no such file");
        assertThatThrownBy(() -> ImageDecoding.readInfo(missing)).hasMessageContaining("no such file");
        assertThatThrownBy(() -> ImageDecoding.read(dir)).hasMessageContaining("it is a folder");
        UnreadableImageException e = org.junit.jupiter.api.Assertions.assertThrows(UnreadableImageException.class,
                () -> ImageDecoding.read(new byte[] {1, 2, 3}, "upload.jpg"));
        assertThat(e.source()).isEqualTo("upload.jpg");
        assertThat(e.reason()).startsWith("not an image");
    }

    @Test
    void recognisesImageFileNames() {
        assertThat(ImageDecoding.hasImageExtension("KA.AN1.39.tiff")).isTrue();
        assertThat(ImageDecoding.hasImageExtension("S005_001_00000001.PNG")).isTrue();
        assertThat(ImageDecoding.hasImageExtension("face.jpeg")).isTrue();
        assertThat(ImageDecoding.hasImageExtension("README")).isFalse();
        assertThat(ImageDecoding.hasImageExtension("S005_001_00000011_emotion.txt")).isFalse();
        assertThat(ImageDecoding.hasImageExtension(".DS_Store")).isFalse();
    }
}
