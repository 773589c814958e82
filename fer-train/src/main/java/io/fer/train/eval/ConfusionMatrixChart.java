package io.fer.train.eval;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A confusion-matrix heat map: true classes down, predicted classes across, each cell coloured by its share of the
 * row (so recall sits on the diagonal whatever the class sizes) and labelled with its count and that share.
 */
final class ConfusionMatrixChart {

    static {
        Charts.ensureHeadless();
    }

    private ConfusionMatrixChart() {}

    /** Renders the heat map; the size grows with the number of classes. */
    public static BufferedImage render(ConfusionMatrix matrix, String title) {
        int n = matrix.size();
        int cell = n <= 8 ? 90 : Math.max(36, 720 / n);
        return chart(matrix, title, cell).createBufferedImage(260 + cell * n, 190 + cell * n);
    }

    /** Renders the heat map into a PNG file. */
    public static void write(ConfusionMatrix matrix, String title, Path png) throws IOException {
        Charts.writePng(render(matrix, title), png);
    }

    static JFreeChart chart(ConfusionMatrix matrix, String title, int cell) {
        int n = matrix.size();
        double[][] share = matrix.rowNormalized();
        double[][] xyz = new double[3][n * n];
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                xyz[0][t * n + p] = p;
                xyz[1][t * n + p] = t;
                xyz[2][t * n + p] = share[t][p];
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("row share", xyz);

        String[] labels = matrix.labels().toArray(String[]::new);
        SymbolAxis predicted = axis("Predicted", labels);
        predicted.setVerticalTickLabels(n > 4 && matrix.labels().stream().anyMatch(l -> l.length() * 7 > cell));
        SymbolAxis actual = axis("True", labels);
        actual.setInverted(true); // first class at the top, as printed matrices read

        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(new BluesScale());
        XYPlot plot = new XYPlot(dataset, predicted, actual, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlinePaint(Color.GRAY);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setDomainAxisLocation(AxisLocation.BOTTOM_OR_LEFT);

        JFreeChart chart = new JFreeChart(title, plot);
        chart.removeLegend();
        Charts.style(chart);
        // after the theme, which would reset the annotations' fonts and colours
        annotate(plot, matrix, share, cell);
        NumberAxis scaleAxis = new NumberAxis("share of true class");
        scaleAxis.setRange(0, 1);
        scaleAxis.setTickUnit(new NumberTickUnit(0.1, NumberFormat.getPercentInstance(Locale.ROOT)));
        PaintScaleLegend legend = new PaintScaleLegend(new BluesScale(), scaleAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(new RectangleInsets(10, 10, 10, 10));
        legend.setStripWidth(14);
        legend.setAxisOffset(4);
        chart.addSubtitle(legend);
        return chart;
    }

    /** Each cell's count, and below it its share of the row where the cell is large enough. */
    private static void annotate(XYPlot plot, ConfusionMatrix matrix, double[][] share, int cell) {
        int n = matrix.size();
        Font countFont = new Font(Charts.FONT, Font.BOLD, Math.max(9, Math.min(18, cell / 5)));
        Font shareFont = new Font(Charts.FONT, Font.PLAIN, Math.max(8, Math.min(12, cell / 7)));
        boolean roomForShare = cell >= 50;
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                Paint ink = share[t][p] > 0.5 ? Color.WHITE : Color.BLACK;
                XYTextAnnotation count = new XYTextAnnotation(Long.toString(matrix.count(t, p)), p,
                        roomForShare ? t - 0.1 : t);
                count.setFont(countFont);
                count.setPaint(ink);
                plot.addAnnotation(count);
                if (roomForShare) {
                    XYTextAnnotation percent = new XYTextAnnotation(
                            String.format(Locale.ROOT, "%.0f%%", 100 * share[t][p]), p, t + 0.22);
                    percent.setFont(shareFont);
                    percent.setPaint(ink);
                    plot.addAnnotation(percent);
                }
            }
        }
    }

    private static SymbolAxis axis(String name, String[] labels) {
        SymbolAxis axis = new SymbolAxis(name, labels);
        axis.setGridBandsVisible(false);
        axis.setRange(-0.5, labels.length - 0.5);
        axis.setAutoRange(false);
        return axis;
    }

    /** White to dark blue over 0..1, like matplotlib's "Blues" map. */
    static final class BluesScale implements PaintScale {
        private static final float[][] STOPS = {
                {0.00f, 247, 251, 255}, {0.25f, 198, 219, 239}, {0.50f, 107, 174, 214}, {0.75f, 33, 113, 181},
                {1.00f, 8, 48, 107}};

        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public Paint getPaint(double value) {
            double v = Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
            for (int i = 1; i < STOPS.length; i++) {
                if (v <= STOPS[i][0] || i == STOPS.length - 1) {
                    float[] a = STOPS[i - 1];
                    float[] b = STOPS[i];
                    double f = (v - a[0]) / (b[0] - a[0]);
                    return new Color(mix(a[1], b[1], f), mix(a[2], b[2], f), mix(a[3], b[3], f));
                }
            }
            throw new AssertionError("unreachable");
        }

        private static int mix(float a, float b, double f) {
            return (int) Math.round(a + (b - a) * f);
        }
    }
}
