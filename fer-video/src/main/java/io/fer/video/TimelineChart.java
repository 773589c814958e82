package io.fer.video;

import io.fer.core.internal.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The timeline chart ({@code timeline.png}): one lane per track, coloured by its smoothed expression over time, with
 * a legend and a time axis. It keeps one segment per change of a track's label, not one entry per frame, so a long
 * stream stays small in memory.
 */
final class TimelineChart {
    static final String PNG = "timeline.png";

    /** A face unseen for longer than this leaves a gap in its lane. */
    private static final double GAP_SECONDS = 1.0;
    static final int WIDTH = 960;
    static final int LANE = 26;
    static final int LEFT = 80;
    static final int RIGHT = 20;
    static final int LEGEND = 30;
    private static final Color[] PALETTE = {new Color(0xE6, 0x9F, 0x00), new Color(0x56, 0xB4, 0xE9),
            new Color(0x00, 0x9E, 0x73), new Color(0xF0, 0xE4, 0x42), new Color(0x00, 0x72, 0xB2),
            new Color(0xD5, 0x5E, 0x00), new Color(0xCC, 0x79, 0xA7), new Color(0x99, 0x99, 0x99),
            new Color(0x66, 0x33, 0x00), new Color(0x33, 0x33, 0x99)};

    private final List<String> labels;
    private final Map<Integer, List<Segment>> tracks = new LinkedHashMap<>();
    private double first = Double.NaN;
    private double last;
    private double interval = Double.NaN;

    /** One stretch of a track's lane in one label; {@code end} grows while the label holds. */
    private static final class Segment {
        final int label;
        final double start;
        double end;

        Segment(int label, double start) {
            this.label = label;
            this.start = start;
            this.end = start;
        }
    }

    TimelineChart(List<String> labels) {
        this.labels = List.copyOf(labels);
    }

    /** Adds one frame's faces. */
    void add(FrameResult frame) {
        double t = frame.timeSeconds();
        if (Double.isNaN(first)) {
            first = t;
        } else if (t > last && Double.isNaN(interval)) {
            interval = t - last;
        }
        last = Math.max(last, t);
        for (FrameResult.Face f : frame.faces()) {
            List<Segment> lane = tracks.computeIfAbsent(f.trackId(), k -> new ArrayList<>());
            int label = labels.indexOf(f.label());
            Segment open = lane.isEmpty() ? null : lane.get(lane.size() - 1);
            if (open != null && t - open.end <= GAP_SECONDS) {
                open.end = t;
                if (open.label == label) {
                    continue;
                }
            }
            lane.add(new Segment(label, t));
        }
    }

    /** Writes the chart as a PNG, whole or not at all. */
    void write(Path file) throws IOException {
        double step = Double.isNaN(interval) ? 0.04 : interval;
        double t0 = Double.isNaN(first) ? 0 : first;
        double t1 = Math.max(t0 + step, last + step);
        int legendHeight = LEGEND;
        int axisHeight = 34;
        int height = legendHeight + Math.max(1, tracks.size()) * LANE + axisHeight + 10;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            int x = LEFT;
            for (int i = 0; i < labels.size(); i++) {
                g.setColor(colour(i));
                g.fillRect(x, 10, 12, 12);
                g.setColor(Color.BLACK);
                g.drawString(labels.get(i), x + 16, 21);
                x += 16 + fm.stringWidth(labels.get(i)) + 14;
            }
            double scale = (WIDTH - LEFT - RIGHT) / (t1 - t0);
            int y = legendHeight;
            for (Map.Entry<Integer, List<Segment>> track : tracks.entrySet()) {
                g.setColor(Color.BLACK);
                g.drawString("track " + track.getKey(), 8, y + LANE / 2 + 4);
                for (Segment s : track.getValue()) {
                    int xs = LEFT + (int) Math.round((s.start - t0) * scale);
                    int xe = LEFT + (int) Math.round((s.end + step - t0) * scale);
                    g.setColor(s.label >= 0 ? colour(s.label) : Color.LIGHT_GRAY);
                    g.fillRect(xs, y + 3, Math.max(1, xe - xs), LANE - 6);
                }
                y += LANE;
            }
            if (tracks.isEmpty()) {
                g.setColor(Color.GRAY);
                g.drawString("no faces", LEFT, y + LANE / 2 + 4);
                y += LANE;
            }
            axis(g, fm, y + 4, t0, t1, scale);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        AtomicFiles.write(file, png.toByteArray());
    }

    private static void axis(Graphics2D g, FontMetrics fm, int y, double t0, double t1, double scale) {
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawLine(LEFT, y, WIDTH - RIGHT, y);
        double tick = niceTick((t1 - t0) / 8);
        for (double t = Math.ceil(t0 / tick) * tick; t <= t1 + 1e-9; t += tick) {
            int x = LEFT + (int) Math.round((t - t0) * scale);
            g.drawLine(x, y, x, y + 4);
            String text = tick >= 1 ? String.format(Locale.ROOT, "%.0f", t) : String.format(Locale.ROOT, "%.1f", t);
            g.drawString(text, x - fm.stringWidth(text) / 2, y + 17);
        }
        g.drawString("seconds", WIDTH - RIGHT - fm.stringWidth("seconds"), y + 30);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    private static double niceTick(double rough) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(rough, 1e-6))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= rough) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** The colour of label {@code i} (a colour-blind-safe palette, then repeated). */
    static Color colour(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** The number of lanes (tracks) drawn. */
    int tracks() {
        return tracks.size();
    }
}
