package io.fer.core.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.imageio.ImageIO;

/** Generated test images and encoders, including a hand-written palette TIFF laid out like JAFFE's. */
public final class TestImages {
    private TestImages() {}

    /** A grey image whose value at (x, y) is {@code (x * 7 + y * 3) % 256}. */
    public static BufferedImage grayPattern(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, grayAt(x, y));
            }
        }
        return img;
    }

    /** The value {@link #grayPattern} puts at (x, y). */
    public static int grayAt(int x, int y) {
        return (x * 7 + y * 3) % 256;
    }

    /** A colour image whose pixel is {@link #colourAt}. */
    public static BufferedImage colourPattern(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, colourAt(x, y));
            }
        }
        return img;
    }

    /** The colour {@link #colourPattern} puts at (x, y), as 0xRRGGBB. */
    public static int colourAt(int x, int y) {
        return ((x * 13) % 256) << 16 | ((y * 11) % 256) << 8 | ((x + y) * 5) % 256;
    }

    /** Encodes with the JDK's writer for {@code format} ("png", "jpeg", "tiff", "bmp"). */
    public static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("No writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An uncompressed 8-bit palette TIFF (PhotometricInterpretation 3), as JAFFE's files are: each pixel is an index
     * into a 256-entry colour map of 16-bit R, G and B values.
     *
     * @param indices one palette index per pixel, row by row
     * @param paletteRed the 8-bit red level of each of the 256 palette entries (green and blue alike); written
     *     scaled to 16 bits (v * 257) as TIFF wants
     */
    public static byte[] paletteTiff(int w, int h, byte[] indices, int[] paletteRed, int[] paletteGreen,
            int[] paletteBlue) {
        int entries = 10;
        int ifdOffset = 8;
        int ifdSize = 2 + entries * 12 + 4;
        int colourMapOffset = ifdOffset + ifdSize;
        int pixelOffset = colourMapOffset + 3 * 256 * 2;
        ByteBuffer b = ByteBuffer.allocate(pixelOffset + indices.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifdOffset);
        b.putShort((short) entries);
        tag(b, 256, 3, 1, w); // ImageWidth
        tag(b, 257, 3, 1, h); // ImageLength
        tag(b, 258, 3, 1, 8); // BitsPerSample
        tag(b, 259, 3, 1, 1); // Compression: none
        tag(b, 262, 3, 1, 3); // PhotometricInterpretation: palette
        tag(b, 273, 4, 1, pixelOffset); // StripOffsets
        tag(b, 277, 3, 1, 1); // SamplesPerPixel
        tag(b, 278, 3, 1, h); // RowsPerStrip
        tag(b, 279, 4, 1, indices.length); // StripByteCounts
        tag(b, 320, 3, 3 * 256, colourMapOffset); // ColorMap
        b.putInt(0); // no next IFD
        for (int[] channel : new int[][] {paletteRed, paletteGreen, paletteBlue}) {
            for (int i = 0; i < 256; i++) {
                b.putShort((short) (channel[i] * 257));
            }
        }
        b.put(indices);
        return b.array();
    }

    /** A palette TIFF whose palette is a grey ramp (entry i is grey level i) showing {@link #grayPattern}. */
    public static byte[] grayRampPaletteTiff(int w, int h) {
        byte[] indices = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                indices[y * w + x] = (byte) grayAt(x, y);
            }
        }
        int[] ramp = new int[256];
        for (int i = 0; i < 256; i++) {
            ramp[i] = i;
        }
        return paletteTiff(w, h, indices, ramp, ramp, ramp);
    }

    private static void tag(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3 && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    /** Two images side by side on black, tops aligned. */
    public static RgbImage sideBySide(RgbImage left, RgbImage right) {
        BufferedImage canvas = new BufferedImage(left.width() + right.width(), Math.max(left.height(),
                right.height()), BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = canvas.createGraphics();
        g.drawImage(left.toBufferedImage(), 0, 0, null);
        g.drawImage(right.toBufferedImage(), left.width(), 0, null);
        g.dispose();
        return RgbImage.fromBufferedImage(canvas);
    }
}
