package io.fer.train.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Training curves: loss above, accuracy below, per epoch, training and validation, with the two phases shaded and
 * named ("phase 1: feature extraction", "phase 2: fine-tuning"). Epochs are numbered across both phases, phase 2
 * continuing where phase 1 stopped.
 */
final class TrainingCurvesChart {

    static {
        Charts.ensureHeadless();
    }

    public static final int WIDTH = 900;
    public static final int HEIGHT = 700;

    private static final Color[] PHASE_SHADES = {new Color(90, 90, 90, 28), new Color(255, 200, 0, 40)};

    private TrainingCurvesChart() {}

    /**
     * Renders the curves.
     *
     * @throws IllegalArgumentException on an empty history or an epoch listed twice
     */
    public static BufferedImage render(List<EpochMetrics> history, String title) {
        return chart(history, title).createBufferedImage(WIDTH, HEIGHT);
    }

    /** Renders the curves into a PNG file. */
    public static void write(List<EpochMetrics> history, String title, Path png) throws IOException {
        Charts.writePng(render(history, title), png);
    }

    /** The history in phase and epoch order; validated. */
    static List<EpochMetrics> ordered(List<EpochMetrics> history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("no epochs to plot");
        }
        Set<String> seen = new HashSet<>();
        for (EpochMetrics e : history) {
            if (!seen.add(e.phase().number() + "/" + e.epoch())) {
                throw new IllegalArgumentException("phase " + e.phase().number() + " epoch " + e.epoch()
                        + " appears twice in the training history");
            }
        }
        List<EpochMetrics> ordered = new ArrayList<>(history);
        ordered.sort(Comparator.comparing(EpochMetrics::phase).thenComparingInt(EpochMetrics::epoch));
        return ordered;
    }

    private static JFreeChart chart(List<EpochMetrics> history, String title) {
        List<EpochMetrics> epochs = ordered(history);
        NumberAxis epochAxis = new NumberAxis("Epoch");
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        epochAxis.setRange(0.5, epochs.size() + 0.5);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochAxis);
        plot.setGap(12);

        XYPlot loss = subplot(epochs, "Loss", "loss", EpochMetrics::trainLoss, EpochMetrics::validationLoss);
        XYPlot accuracy = subplot(epochs, "Accuracy", "accuracy", EpochMetrics::trainAccuracy,
                EpochMetrics::validationAccuracy);
        ((NumberAxis) accuracy.getRangeAxis()).setRange(0, 1.02);
        loss.getRangeAxis().setUpperMargin(0.15); // room for the phase names above the first epochs
        markPhases(epochs, loss, true);
        markPhases(epochs, accuracy, false);
        plot.add(loss, 1);
        plot.add(accuracy, 1);

        JFreeChart chart = new JFreeChart(title, plot);
        Charts.style(chart);
        // the theme resets renderer strokes; dash the validation lines afterwards
        for (XYPlot sub : List.of(loss, accuracy)) {
            XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) sub.getRenderer();
            renderer.setSeriesPaint(0, Charts.TRAIN);
            renderer.setSeriesPaint(1, Charts.VALIDATION);
            renderer.setSeriesStroke(0, new BasicStroke(2f));
            renderer.setSeriesStroke(1, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        return chart;
    }

    private static XYPlot subplot(List<EpochMetrics> epochs, String axisName, String quantity,
            Function<EpochMetrics, Double> train, Function<EpochMetrics, Double> validation) {
        XYSeries trainSeries = new XYSeries("training " + quantity);
        XYSeries validationSeries = new XYSeries("validation " + quantity);
        for (int i = 0; i < epochs.size(); i++) {
            trainSeries.add(i + 1, train.apply(epochs.get(i)));
            Double v = validation.apply(epochs.get(i));
            if (v != null) {
                validationSeries.add(i + 1, v);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection(trainSeries);
        // kept even when empty so that series colours stay the same in both plots
        data.addSeries(validationSeries);
        NumberAxis axis = new NumberAxis(axisName);
        axis.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, epochs.size() <= 60);
        if (validationSeries.isEmpty()) {
            renderer.setSeriesVisibleInLegend(1, false);
        }
        return new XYPlot(data, null, axis, renderer);
    }

    private static void markPhases(List<EpochMetrics> epochs, XYPlot plot, boolean labelled) {
        int start = 1;
        for (TrainingPhase p : TrainingPhase.values()) {
            int phase = p.number();
            int count = (int) epochs.stream().filter(e -> e.phase() == p).count();
            if (count == 0) {
                continue;
            }
            IntervalMarker marker = new IntervalMarker(start - 0.5, start + count - 0.5);
            marker.setPaint(PHASE_SHADES[phase - 1]);
            marker.setOutlinePaint(null);
            // a phase narrower than a fifth of the run has no room for its name, which would overlap the next one
            if (labelled && count * 5 >= epochs.size()) {
                marker.setLabel("phase " + phase + ": " + p.displayName());
                marker.setLabelFont(new Font(Charts.FONT, Font.BOLD, 12));
                marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                marker.setLabelOffset(new RectangleInsets(6, 8, 6, 8));
                marker.setLabelBackgroundColor(new Color(255, 255, 255, 180));
            }
            plot.addDomainMarker(marker, Layer.BACKGROUND);
            if (start > 1) {
                ValueMarker boundary = new ValueMarker(start - 0.5, Color.DARK_GRAY, new BasicStroke(1.5f));
                plot.addDomainMarker(boundary, Layer.FOREGROUND);
            }
            start += count;
        }
    }
}
