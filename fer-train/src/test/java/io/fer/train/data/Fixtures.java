package io.fer.train.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;

/** Writes small generated images and files into fixture trees that mimic the data sets' layouts. */
final class Fixtures {
    private Fixtures() {}

    /** A drawn, face-like grey image: an oval with two eyes and a mouth. */
    static BufferedImage face(int w, int h, boolean colour) {
        BufferedImage img = new BufferedImage(w, h, colour ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(colour ? new Color(40, 60, 120) : Color.DARK_GRAY);
        g.fillRect(0, 0, w, h);
        g.setColor(colour ? new Color(230, 190, 160) : Color.LIGHT_GRAY);
        g.fillOval(w / 5, h / 8, w * 3 / 5, h * 3 / 4);
        g.setColor(Color.BLACK);
        g.fillOval(w * 2 / 5 - w / 20, h * 2 / 5, Math.max(1, w / 10), Math.max(1, h / 14));
        g.fillOval(w * 3 / 5 - w / 20, h * 2 / 5, Math.max(1, w / 10), Math.max(1, h / 14));
        g.fillRect(w * 2 / 5, h * 3 / 5 + h / 20, w / 5, Math.max(1, h / 30));
        g.dispose();
        return img;
    }

    private static final Map<String, byte[]> PNGS = new ConcurrentHashMap<>();

    /** The PNG of {@link #face}, encoded once per size and kind. */
    static byte[] pngBytes(int w, int h, boolean colour) {
        return PNGS.computeIfAbsent(w + "x" + h + colour, k -> {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ImageIO.write(face(w, h, colour), "png", out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Writes a PNG, creating folders. */
    static Path png(Path file, int w, int h, boolean colour) throws IOException {
        return write(file, face(w, h, colour), "png");
    }

    /** Writes an 8-bit palette TIFF whose palette is a grey ramp, as JAFFE's files are. */
    static Path grayPaletteTiff(Path file, int w, int h) throws IOException {
        byte[] ramp = new byte[256];
        for (int i = 0; i < 256; i++) {
            ramp[i] = (byte) i;
        }
        BufferedImage indexed = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 256, ramp, ramp, ramp));
        BufferedImage grey = face(w, h, false);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                indexed.getRaster().setSample(x, y, 0, grey.getRaster().getSample(x, y, 0));
            }
        }
        return write(file, indexed, "tiff");
    }

    /** Writes a uniform grey TIFF: nothing a detector could take for a face. */
    static Path flatTiff(Path file, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, 128);
            }
        }
        return write(file, img, "tiff");
    }

    /** Writes an image file whose first half only is there: its header reads, its pixels do not. */
    static Path truncatedPng(Path file, int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(face(w, h, true), "png", out);
        byte[] whole = out.toByteArray();
        Files.createDirectories(file.getParent());
        return Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    }

    /** Writes text, creating folders. */
    static Path text(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static Path write(Path file, BufferedImage img, String format) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(img, format, file.toFile())) {
            throw new IllegalStateException("No ImageIO writer for " + format);
        }
        return file;
    }
}
