package io.fer.core.face;

import io.fer.core.image.RgbImage;
import io.fer.core.internal.image.ImageDecoding;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The astronaut photograph and scenes made of it, for detector tests. */
final class Photos {
    /** Where the eyes' pupils are in astronaut-256.jpg, read off an 8x enlargement by eye (not by a detector). */
    static final double RIGHT_EYE_X = 101;
    static final double RIGHT_EYE_Y = 52;
    static final double LEFT_EYE_X = 122;
    static final double LEFT_EYE_Y = 52;

    private Photos() {}

    static RgbImage astronaut() {
        try (InputStream in = Photos.class.getResourceAsStream("astronaut-256.jpg")) {
            return ImageDecoding.read(in.readAllBytes(), "astronaut-256.jpg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The astronaut turned by {@code degrees} (clockwise on screen) about the image centre, on grey. */
    static RgbImage rotated(RgbImage image, double degrees) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.rotate(Math.toRadians(degrees), image.width() / 2.0, image.height() / 2.0);
        g.drawImage(image.toBufferedImage(), 0, 0, null);
        g.dispose();
        return RgbImage.fromBufferedImage(out);
    }

    /** A grey canvas with the image drawn at each {@code x, y, side} triple. */
    static RgbImage scene(int width, int height, RgbImage image, int... xySide) {
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        for (int i = 0; i < xySide.length; i += 3) {
            g.drawImage(image.toBufferedImage(), xySide[i], xySide[i + 1], xySide[i + 2], xySide[i + 2], null);
        }
        g.dispose();
        return RgbImage.fromBufferedImage(canvas);
    }
}
