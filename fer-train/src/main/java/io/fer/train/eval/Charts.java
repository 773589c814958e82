package io.fer.train.eval;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;

/** What the report's images share: headless AWT, one look, and PNG writing. */
final class Charts {

    static {
        // reports are written on servers and in CI, never on a screen; must be set before AWT starts
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** matplotlib's first two "tab10" colours, familiar from Keras training plots. */
    static final Color TRAIN = new Color(31, 119, 180);
    static final Color VALIDATION = new Color(255, 127, 14);
    static final String FONT = Font.SANS_SERIF;

    private Charts() {}

    /** Makes sure AWT runs headless; call before creating any image. */
    static void ensureHeadless() {
        // the static initializer does the work
    }

    /** Applies the report's fonts and colours (JFreeChart's default theme asks for Tahoma). */
    static void style(JFreeChart chart) {
        StandardChartTheme theme = new StandardChartTheme("fer");
        theme.setExtraLargeFont(new Font(FONT, Font.BOLD, 18));
        theme.setLargeFont(new Font(FONT, Font.BOLD, 14));
        theme.setRegularFont(new Font(FONT, Font.PLAIN, 12));
        theme.setSmallFont(new Font(FONT, Font.PLAIN, 10));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(new Color(220, 220, 220));
        theme.setRangeGridlinePaint(new Color(220, 220, 220));
        theme.apply(chart);
    }

    /** Writes a PNG, creating the folder; the error names the file. */
    static void writePng(BufferedImage image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        // encoded in memory, then written atomically: a full disk leaves no 0-byte chart, and the error names it
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", png)) {
            throw new IOException("no PNG writer available for " + file);
        }
        EvaluationReport.writeAtomically(file, png.toByteArray());
    }
}
