package io.fer.core.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;

/**
 * Decompression bombs: small, well-formed files whose headers claim huge images. Each is a real small image written
 * by Image I/O whose size fields are then rewritten, so every decoder reads a header it believes.
 */
public final class ImageBombs {
    private ImageBombs() {}

    /** A small image encoded as {@code format} ("png", "gif", "jpeg", "bmp", "tiff"). */
    public static byte[] small(String format) {
        BufferedImage img = new BufferedImage(16, 16, format.equals("gif") ? BufferedImage.TYPE_BYTE_INDEXED
                : BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                img.setRGB(x, y, (x * 16) << 16 | (y * 16) << 8 | 0x40);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@link #small} of {@code format} with its header claiming {@code width x height}. */
    public static byte[] claiming(String format, int width, int height) {
        byte[] b = small(format);
        switch (format) {
            case "png" -> {
                ByteBuffer.wrap(b, 16, 8).putInt(width).putInt(height);
                CRC32 crc = new CRC32();
                crc.update(b, 12, 17);
                ByteBuffer.wrap(b, 29, 4).putInt((int) crc.getValue());
            }
            case "gif" -> patchGif(b, width, height);
            case "jpeg" -> patchJpeg(b, width, height);
            case "bmp" -> ByteBuffer.wrap(b, 18, 8).order(ByteOrder.LITTLE_ENDIAN).putInt(width).putInt(height);
            case "tiff" -> patchTiff(b, width, height);
            default -> throw new IllegalArgumentException(format);
        }
        return b;
    }

    private static void patchGif(byte[] b, int w, int h) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        bb.putShort(6, (short) w).putShort(8, (short) h);
        int i = 13 + ((b[10] & 0x80) != 0 ? 3 << ((b[10] & 7) + 1) : 0);
        while (b[i] == 0x21) { // extensions: label, then sub-blocks up to a zero length
            i += 2;
            while (b[i] != 0) {
                i += (b[i] & 0xFF) + 1;
            }
            i++;
        }
        if (b[i] != 0x2C) {
            throw new IllegalStateException("no GIF image descriptor at " + i);
        }
        bb.putShort(i + 5, (short) w).putShort(i + 7, (short) h);
    }

    private static void patchJpeg(byte[] b, int w, int h) {
        for (int i = 2; i + 9 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && ((b[i + 1] & 0xFF) == 0xC0 || (b[i + 1] & 0xFF) == 0xC2)) {
                ByteBuffer.wrap(b, i + 5, 4).putShort((short) h).putShort((short) w);
                return;
            }
        }
        throw new IllegalStateException("no JPEG SOF marker");
    }

    private static void patchTiff(byte[] b, int w, int h) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(b[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd = bb.getInt(4);
        int n = bb.getShort(ifd) & 0xFFFF;
        for (int k = 0; k < n; k++) {
            int e = ifd + 2 + 12 * k;
            int tag = bb.getShort(e) & 0xFFFF;
            if (tag == 256 || tag == 257) {
                bb.putShort(e + 2, (short) 4).putInt(e + 4, 1).putInt(e + 8, tag == 256 ? w : h);
            }
        }
    }

    /**
     * A complete, valid grey PNG of {@code width x height} zeros, streamed to {@code file}: a few hundred kilobytes
     * that decode to {@code width * height} bytes.
     */
    public static Path validGrayPng(Path file, int width, int height) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(os)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                    .put((byte) 0).put((byte) 0).put((byte) 0);
            chunk(out, "IHDR", ihdr.array());
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            try (DeflaterOutputStream d = new DeflaterOutputStream(z, new Deflater(9))) {
                byte[] row = new byte[width + 1]; // filter byte 0, then zeros
                for (int y = 0; y < height; y++) {
                    d.write(row);
                }
            }
            chunk(out, "IDAT", z.toByteArray());
            chunk(out, "IEND", new byte[0]);
        }
        return file;
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
