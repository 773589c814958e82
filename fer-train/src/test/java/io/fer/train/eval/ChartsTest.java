package io.fer.train.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.train.eval.TrainingPhase;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.junit.jupiter.api.Test;

/** Looks at the pixels: colours where the data says they belong. */
class ChartsTest {

    @Test
    void rendersHeadless() {
        ConfusionMatrixChart.render(ClassificationMetricsTest.threeClasses(), "t");
        assertThat(java.awt.GraphicsEnvironment.isHeadless()).isTrue();
    }

    @Test
    void heatMapCellsAreColouredByTheirShareOfTheRow() {
        // rows: a = [10, 0] (shares 1, 0), b = [5, 5] (shares 0.5, 0.5)
        ConfusionMatrix m = new ConfusionMatrix(List.of("a", "b"), new long[][] {{10, 0}, {5, 5}});
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = ConfusionMatrixChart.chart(m, "t", 90).createBufferedImage(440, 370, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        ConfusionMatrixChart.BluesScale scale = new ConfusionMatrixChart.BluesScale();

        // sample near each cell's corner, away from the centred count text; true class a is the top row
        assertThat(pixel(image, area, 0, 0)).isEqualTo(scale.getPaint(1.0));
        assertThat(pixel(image, area, 0, 1)).isEqualTo(scale.getPaint(0.0));
        assertThat(pixel(image, area, 1, 0)).isEqualTo(scale.getPaint(0.5));
        assertThat(pixel(image, area, 1, 1)).isEqualTo(scale.getPaint(0.5));
        // counts on dark cells are written in white, on light cells in black
        assertThat(count(image, cell(area, 0, 0), Color.WHITE)).isGreaterThan(20);
        assertThat(count(image, cell(area, 0, 1), Color.BLACK)).isGreaterThan(20);
        assertThat(count(image, cell(area, 0, 1), Color.WHITE)).isZero();
    }

    @Test
    void trainingCurvesDrawTrainingAndValidationOnlyWhereGiven() {
        BufferedImage both = TrainingCurvesChart.render(EvaluationReportTest.history(), "t");
        assertThat(count(both, Charts.TRAIN)).isGreaterThan(100);
        assertThat(count(both, Charts.VALIDATION)).isGreaterThan(100);

        List<EpochMetrics> noValidation = List.of(new EpochMetrics(TrainingPhase.FEATURE_EXTRACTION, 1, 1.0, 0.5, null, null, 1),
                new EpochMetrics(TrainingPhase.FEATURE_EXTRACTION, 2, 0.8, 0.6, null, null, 1));
        BufferedImage trainOnly = TrainingCurvesChart.render(noValidation, "t");
        assertThat(count(trainOnly, Charts.TRAIN)).isGreaterThan(100);
        assertThat(count(trainOnly, Charts.VALIDATION)).isZero();
    }

    @Test
    void trainingHistoryIsValidated() {
        assertThatThrownBy(() -> TrainingCurvesChart.render(List.of(), "t")).hasMessageContaining("no epochs");
        EpochMetrics e = new EpochMetrics(TrainingPhase.FINE_TUNING, 3, 1, 0.5, null, null, 1);
        assertThatThrownBy(() -> TrainingCurvesChart.render(List.of(e, e), "t"))
                .hasMessageContaining("phase 2 epoch 3 appears twice");
        assertThatThrownBy(() -> new EpochMetrics(TrainingPhase.of(3), 1, 1, 1, null, null, 1)).hasMessageContaining("phase must be");
        assertThatThrownBy(() -> new EpochMetrics(TrainingPhase.FEATURE_EXTRACTION, 0, 1, 1, null, null, 1)).hasMessageContaining("start at 1");
    }

    @Test
    void misclassifiedSheetPlacesEachFaceInItsCell() {
        List<MisclassifiedSheet.Face> faces = List.of(
                new MisclassifiedSheet.Face("r", EvaluationReportTest.face(Color.RED), "anger", "fear", 0.7),
                new MisclassifiedSheet.Face("g", EvaluationReportTest.face(Color.GREEN), "happy", "surprise", 0.55),
                new MisclassifiedSheet.Face("b", EvaluationReportTest.face(Color.BLUE), "a-rather-long-label",
                        "another-long-one", 0.51));
        BufferedImage sheet = MisclassifiedSheet.render(faces, 2);

        // two columns, two rows; each thumbnail is centred in a 168-pixel cell below a 40-pixel title
        assertThat(sheet.getWidth()).isEqualTo(420);
        assertThat(sheet.getHeight()).isEqualTo(40 + 2 * (128 + 42 + 10) + 10);
        assertThat(new Color(sheet.getRGB(10 + 84, 40 + 64))).isEqualTo(Color.RED);
        assertThat(new Color(sheet.getRGB(10 + 178 + 84, 40 + 64))).isEqualTo(Color.GREEN);
        assertThat(new Color(sheet.getRGB(10 + 84, 40 + 180 + 64))).isEqualTo(Color.BLUE);
        assertThat(faces.get(0).caption()).isEqualTo("anger \u2192 fear");
        assertThatThrownBy(() -> MisclassifiedSheet.render(List.of(), 3)).hasMessageContaining("no misclassified");
    }

    private static Color pixel(BufferedImage image, Rectangle2D area, int row, int column) {
        double cellWidth = area.getWidth() / 2;
        double cellHeight = area.getHeight() / 2;
        int x = (int) (area.getX() + column * cellWidth + 6);
        int y = (int) (area.getY() + row * cellHeight + 6);
        return new Color(image.getRGB(x, y));
    }

    private static Rectangle2D cell(Rectangle2D area, int row, int column) {
        double w = area.getWidth() / 2;
        double h = area.getHeight() / 2;
        return new Rectangle2D.Double(area.getX() + column * w + 2, area.getY() + row * h + 2, w - 4, h - 4);
    }

    private static long count(BufferedImage image, Color color) {
        return count(image, new Rectangle2D.Double(0, 0, image.getWidth(), image.getHeight()), color);
    }

    private static long count(BufferedImage image, Rectangle2D region, Color color) {
        long n = 0;
        for (int y = (int) region.getMinY(); y < (int) region.getMaxY(); y++) {
            for (int x = (int) region.getMinX(); x < (int) region.getMaxX(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (color.getRGB() & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }
}
