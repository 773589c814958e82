package io.fer.train.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FoldResultsTest {

    private static final List<String> AB = List.of("a", "b");

    /**
     * Three folds over [a, b]:
     * <pre>
     *   fold 1 [[2,0],[0,2]]  accuracy 4/4 = 1.0; both classes p = r = f1 = 1         -> macro F1 1.0
     *   fold 2 [[1,1],[1,1]]  accuracy 2/4 = 0.5; both classes p = r = 1/2, f1 = 1/2  -> macro F1 0.5
     *   fold 3 [[2,0],[2,0]]  accuracy 2/4 = 0.5; a: p = 2/4, r = 2/2, f1 = 2*.5*1/1.5 = 2/3;
     *                         b: never predicted, p = 0/0 -> 0, r = 0/2 = 0, f1 = 0   -> macro F1 1/3
     * </pre>
     */
    private static FoldResults threeFolds() {
        return new FoldResults(List.of(
                new FoldResults.FoldResult("fold 1/3", new ConfusionMatrix(AB, new long[][] {{2, 0}, {0, 2}})),
                new FoldResults.FoldResult("fold 2/3", new ConfusionMatrix(AB, new long[][] {{1, 1}, {1, 1}})),
                new FoldResults.FoldResult("fold 3/3", new ConfusionMatrix(AB, new long[][] {{2, 0}, {2, 0}}))));
    }

    @Test
    void meanAndPopulationStandardDeviationOfAccuracy() {
        // mean (1 + 0.5 + 0.5)/3 = 2/3; deviations 1/3, -1/6, -1/6;
        // variance (1/9 + 1/36 + 1/36)/3 = (6/36)/3 = 1/18; std = sqrt(1/18) = 0.2357022604 (numpy: 0.23570226039551584)
        FoldResults.MeanStd accuracy = threeFolds().accuracy();
        assertThat(accuracy.mean()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(accuracy.std()).isCloseTo(Math.sqrt(1.0 / 18), within(1e-12));
    }

    @Test
    void meanAndPopulationStandardDeviationOfMacroF1() {
        // values 1, 1/2, 1/3: mean 11/18 = 0.6111; deviations 7/18, -2/18, -5/18;
        // variance (49 + 4 + 25)/324/3 = 78/972; std = sqrt(78/972) = 0.2832788619 (numpy: 0.28327886186626583)
        FoldResults.MeanStd f1 = threeFolds().macroF1();
        assertThat(f1.mean()).isCloseTo(11.0 / 18, within(1e-12));
        assertThat(f1.std()).isCloseTo(Math.sqrt(78.0 / 972), within(1e-12));
    }

    @Test
    void poolsTheConfusionMatrices() {
        // [[2+1+2, 0+1+0], [0+1+2, 2+1+0]]
        assertThat(threeFolds().pooled()).isEqualTo(new ConfusionMatrix(AB, new long[][] {{5, 1}, {3, 3}}));
    }

    @Test
    void aSingleFoldHasNoSpread() {
        FoldResults one = new FoldResults(List.of(
                new FoldResults.FoldResult("only", new ConfusionMatrix(AB, new long[][] {{1, 1}, {0, 2}}))));
        assertThat(one.accuracy().mean()).isEqualTo(0.75);
        assertThat(one.accuracy().std()).isZero();
    }

    @Test
    void foldsMustShareTheirClasses() {
        assertThatThrownBy(() -> new FoldResults(List.of(
                new FoldResults.FoldResult("x", ConfusionMatrix.empty(AB)),
                new FoldResults.FoldResult("y", ConfusionMatrix.empty(List.of("a", "c"))))))
                .hasMessageContaining("fold 'y'");
        assertThatThrownBy(() -> new FoldResults(List.of())).hasMessageContaining("no fold");
    }
}
