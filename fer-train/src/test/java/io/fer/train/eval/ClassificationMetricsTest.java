package io.fer.train.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    private static final double EPS = 1e-12;

    /**
     * Rows are true classes, columns predictions, over [anger, fear, happy]:
     * <pre>
     *            anger fear happy | support
     *   anger      3    0    2    |   5
     *   fear       1    0    0    |   1
     *   happy      1    0    3    |   4
     *   predicted  5    0    5    |  10
     * </pre>
     */
    static ConfusionMatrix threeClasses() {
        return new ConfusionMatrix(List.of("anger", "fear", "happy"),
                new long[][] {{3, 0, 2}, {1, 0, 0}, {1, 0, 3}});
    }

    @Test
    void countsSupportsAndAccuracy() {
        ConfusionMatrix m = threeClasses();
        // supports are row sums: 3+0+2 = 5, 1, 1+0+3 = 4; predictions are column sums: 5, 0, 5
        assertThat(List.of(m.support(0), m.support(1), m.support(2))).containsExactly(5L, 1L, 4L);
        assertThat(List.of(m.predicted(0), m.predicted(1), m.predicted(2))).containsExactly(5L, 0L, 5L);
        // accuracy = trace / total = (3 + 0 + 3) / 10
        assertThat(m.total()).isEqualTo(10);
        assertThat(m.correct()).isEqualTo(6);
        assertThat(m.accuracy()).isCloseTo(0.6, within(EPS));
        // row-normalised: anger 3/5, 0/5, 2/5; fear 1/1, 0, 0; happy 1/4, 0, 3/4
        assertThat(m.rowNormalized()[0]).containsExactly(new double[] {0.6, 0, 0.4}, within(EPS));
        assertThat(m.rowNormalized()[2]).containsExactly(new double[] {0.25, 0, 0.75}, within(EPS));
    }

    @Test
    void perClassMetricsWithZeroDivision() {
        ClassificationMetrics metrics = threeClasses().metrics();
        List<ClassificationMetrics.ClassMetrics> c = metrics.perClass();

        // anger: precision = tp / predicted = 3/5 = 0.6; recall = tp / support = 3/5 = 0.6; f1 = 2pr/(p+r) = 0.6
        assertMetrics(c.get(0), "anger", 0.6, 0.6, 0.6, 5);
        // fear: never predicted, so precision = 0/0 -> 0 (zero_division=0); recall = 0/1 = 0; f1: p+r = 0 -> 0
        assertMetrics(c.get(1), "fear", 0, 0, 0, 1);
        // happy: precision = 3/5 = 0.6; recall = 3/4 = 0.75; f1 = 2*0.6*0.75/(0.6+0.75) = 0.9/1.35 = 2/3
        assertMetrics(c.get(2), "happy", 0.6, 0.75, 2.0 / 3, 4);
    }

    @Test
    void macroAndWeightedAverages() {
        ClassificationMetrics metrics = threeClasses().metrics();

        // macro: plain means over the 3 classes
        //   precision (0.6 + 0 + 0.6) / 3 = 0.4; recall (0.6 + 0 + 0.75) / 3 = 0.45;
        //   f1 (0.6 + 0 + 2/3) / 3 = 0.42222…
        assertAverage(metrics.macroAverage(), 0.4, 0.45, (0.6 + 2.0 / 3) / 3, 10);
        // weighted by support 5, 1, 4 over 10:
        //   precision (5*0.6 + 1*0 + 4*0.6) / 10 = 5.4/10 = 0.54; recall (5*0.6 + 0 + 4*0.75) / 10 = 0.6;
        //   f1 (5*0.6 + 0 + 4*2/3) / 10 = (3 + 2.6667)/10 = 0.56667
        assertAverage(metrics.weightedAverage(), 0.54, 0.6, (3 + 4 * 2.0 / 3) / 10, 10);
        assertThat(metrics.accuracy()).isCloseTo(0.6, within(EPS));
        assertThat(metrics.macroF1()).isCloseTo((0.6 + 2.0 / 3) / 3, within(EPS));
    }

    @Test
    void aClassWithoutSupportCountsAsZerosInTheMacroAverage() {
        // [anger, contempt]: contempt never occurs but is predicted once
        //            anger contempt
        //   anger      3      1
        //   contempt   0      0
        ConfusionMatrix m = new ConfusionMatrix(List.of("anger", "contempt"), new long[][] {{3, 1}, {0, 0}});
        ClassificationMetrics metrics = m.metrics();

        // anger: precision 3/3 = 1; recall 3/4 = 0.75; f1 = 2*1*0.75/1.75 = 6/7
        assertMetrics(metrics.perClass().get(0), "anger", 1, 0.75, 6.0 / 7, 4);
        // contempt: precision 0/1 = 0; recall 0/0 -> 0; f1 0
        assertMetrics(metrics.perClass().get(1), "contempt", 0, 0, 0, 0);
        // macro: (1 + 0)/2 = 0.5, (0.75 + 0)/2 = 0.375, (6/7)/2 = 3/7; weighted: all weight on anger
        assertAverage(metrics.macroAverage(), 0.5, 0.375, 3.0 / 7, 4);
        assertAverage(metrics.weightedAverage(), 1, 0.75, 6.0 / 7, 4);
    }

    @Test
    void anEmptyMatrixGivesZerosNotNaN() {
        ClassificationMetrics metrics = ConfusionMatrix.empty(List.of("a", "b")).metrics();

        assertThat(metrics.accuracy()).isZero();
        assertAverage(metrics.macroAverage(), 0, 0, 0, 0);
        assertAverage(metrics.weightedAverage(), 0, 0, 0, 0);
    }

    @Test
    void buildsFromIndicesAndPredictionsAndAdds() {
        List<String> labels = List.of("a", "b");
        ConfusionMatrix fromIndices = ConfusionMatrix.of(labels, new int[] {0, 0, 1}, new int[] {0, 1, 1});
        ConfusionMatrix fromPredictions = ConfusionMatrix.of(labels, List.of(
                new SamplePrediction("x", null, null, 0, 0, new double[] {0.9, 0.1}),
                new SamplePrediction("y", null, null, 0, 1, new double[] {0.4, 0.6}),
                new SamplePrediction("z", null, null, 1, 1, new double[] {0.2, 0.8})));

        assertThat(fromIndices).isEqualTo(fromPredictions)
                .isEqualTo(new ConfusionMatrix(labels, new long[][] {{1, 1}, {0, 1}}));
        assertThat(fromIndices.plus(fromIndices).counts()).isEqualTo(new long[][] {{2, 2}, {0, 2}});
    }

    @Test
    void rejectsMalformedInput() {
        List<String> labels = List.of("a", "b");
        assertThatThrownBy(() -> new ConfusionMatrix(labels, new long[][] {{1, 2}})).hasMessageContaining("1 rows");
        assertThatThrownBy(() -> new ConfusionMatrix(labels, new long[][] {{1, 2}, {3}}))
                .hasMessageContaining("row 1 (b)");
        assertThatThrownBy(() -> new ConfusionMatrix(labels, new long[][] {{1, -2}, {0, 0}}))
                .hasMessageContaining("negative count -2 at true a, predicted b");
        assertThatThrownBy(() -> new ConfusionMatrix(List.of("a", "a"), new long[2][2])).hasMessageContaining("repeat");
        assertThatThrownBy(() -> ConfusionMatrix.of(labels, new int[] {0}, new int[] {2}))
                .hasMessageContaining("predicted class of item 0 is 2");
        assertThatThrownBy(() -> ConfusionMatrix.empty(labels).plus(ConfusionMatrix.empty(List.of("a", "c"))))
                .hasMessageContaining("different classes");
        assertThatThrownBy(() -> new SamplePrediction("s1", null, null, 0, 0, new double[] {Double.NaN, 1}))
                .hasMessageContaining("'s1'");
    }

    private static void assertMetrics(ClassificationMetrics.ClassMetrics m, String label, double precision,
            double recall, double f1, long support) {
        assertThat(m.label()).isEqualTo(label);
        assertThat(m.precision()).as("%s precision", label).isCloseTo(precision, within(EPS));
        assertThat(m.recall()).as("%s recall", label).isCloseTo(recall, within(EPS));
        assertThat(m.f1()).as("%s f1", label).isCloseTo(f1, within(EPS));
        assertThat(m.support()).as("%s support", label).isEqualTo(support);
    }

    private static void assertAverage(ClassificationMetrics.AverageMetrics a, double precision, double recall,
            double f1, long support) {
        assertThat(a.precision()).as("precision").isCloseTo(precision, within(EPS));
        assertThat(a.recall()).as("recall").isCloseTo(recall, within(EPS));
        assertThat(a.f1()).as("f1").isCloseTo(f1, within(EPS));
        assertThat(a.support()).as("support").isEqualTo(support);
    }
}
