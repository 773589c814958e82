package io.fer.train.eval;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A contact sheet of misclassified faces, each captioned "true → predicted" with the model's confidence (the
 * paper's Table 5).
 */
final class MisclassifiedSheet {

    static {
        Charts.ensureHeadless();
    }

    /** Thumbnail edge in pixels. */
    public static final int THUMBNAIL = 128;

    private static final int CELL_WIDTH = 168;
    private static final int CAPTION_HEIGHT = 42;
    private static final int PADDING = 10;
    private static final int TITLE_HEIGHT = 40;
    private static final String TITLE = "Misclassified test faces (true \u2192 predicted)";

    private MisclassifiedSheet() {}

    /**
     * One face on the sheet.
     *
     * @param sampleId the sample, for lookups
     * @param image the face, any size (scaled to fit a {@value #THUMBNAIL}-pixel square)
     * @param trueLabel the true class
     * @param predictedLabel the predicted class
     * @param confidence the probability the model gave its prediction
     */
    public record Face(String sampleId, BufferedImage image, String trueLabel, String predictedLabel,
            double confidence) {
        public Face {
            Objects.requireNonNull(sampleId, "sampleId");
            Objects.requireNonNull(image, () -> "image of sample '" + sampleId + "'");
            Objects.requireNonNull(trueLabel, "trueLabel");
            Objects.requireNonNull(predictedLabel, "predictedLabel");
        }

        /** "true → predicted". */
        public String caption() {
            return trueLabel + " \u2192 " + predictedLabel;
        }
    }

    /**
     * Renders the sheet, {@code columns} faces per row.
     *
     * @throws IllegalArgumentException if there is no face or {@code columns < 1}
     */
    public static BufferedImage render(List<Face> faces, int columns) {
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("no misclassified faces to draw");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1, got " + columns);
        }
        int cols = Math.min(columns, faces.size());
        int rows = (faces.size() + cols - 1) / cols;
        int cellHeight = THUMBNAIL + CAPTION_HEIGHT;
        int width = Math.max(PADDING + cols * (CELL_WIDTH + PADDING), 420);
        int height = TITLE_HEIGHT + rows * (cellHeight + PADDING) + PADDING;

        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Charts.FONT, Font.BOLD, 16));
            g.drawString(TITLE, PADDING, 26);

            for (int i = 0; i < faces.size(); i++) {
                int x = PADDING + (i % cols) * (CELL_WIDTH + PADDING);
                int y = TITLE_HEIGHT + (i / cols) * (cellHeight + PADDING);
                drawFace(g, faces.get(i), x, y);
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /** Renders the sheet into a PNG file. */
    public static void write(List<Face> faces, int columns, Path png) throws IOException {
        Charts.writePng(render(faces, columns), png);
    }

    private static void drawFace(Graphics2D g, Face face, int x, int y) {
        BufferedImage image = face.image();
        double scale = Math.min((double) THUMBNAIL / image.getWidth(), (double) THUMBNAIL / image.getHeight());
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        int boxX = x + (CELL_WIDTH - THUMBNAIL) / 2;
        g.setColor(new Color(235, 235, 235));
        g.fillRect(boxX, y, THUMBNAIL, THUMBNAIL);
        g.drawImage(image, boxX + (THUMBNAIL - w) / 2, y + (THUMBNAIL - h) / 2, w, h, null);
        g.setColor(new Color(200, 40, 40));
        g.drawRect(boxX, y, THUMBNAIL - 1, THUMBNAIL - 1);

        g.setColor(Color.BLACK);
        drawCentered(g, face.caption(), x, y + THUMBNAIL + 17, Font.BOLD, 13);
        g.setColor(Color.DARK_GRAY);
        drawCentered(g, String.format(Locale.ROOT, "p = %.2f", face.confidence()), x, y + THUMBNAIL + 34,
                Font.PLAIN, 11);
    }

    /** Centres text in a cell, shrinking the font (down to 8 pt) and then cutting the text to make it fit. */
    private static void drawCentered(Graphics2D g, String text, int cellX, int baseline, int style, int size) {
        int fontSize = size;
        g.setFont(new Font(Charts.FONT, style, fontSize));
        while (g.getFontMetrics().stringWidth(text) > CELL_WIDTH - 4 && fontSize > 8) {
            g.setFont(new Font(Charts.FONT, style, --fontSize));
        }
        FontMetrics metrics = g.getFontMetrics();
        String shown = text;
        while (metrics.stringWidth(shown) > CELL_WIDTH - 4 && shown.length() > 1) {
            shown = shown.substring(0, shown.length() - 2) + "\u2026";
        }
        g.drawString(shown, cellX + (CELL_WIDTH - metrics.stringWidth(shown)) / 2, baseline);
    }
}
