package io.fer.train.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The expected strings are what scikit-learn 1.2.1 printed for the same labels, e.g.
 * {@code classification_report(y_true, y_pred, labels=[...], zero_division=0)}; their numbers are computed by hand
 * in {@link ClassificationMetricsTest}. Layout: the name column is max(longest label, len("weighted avg") = 12)
 * wide, right-aligned, then a space and four " {:>9}" columns.
 */
class ClassificationReportTextTest {

    @Test
    void matchesScikitLearnWithTwoDigits() {
        String expected = """
                              precision    recall  f1-score   support

                       anger       0.60      0.60      0.60         5
                        fear       0.00      0.00      0.00         1
                       happy       0.60      0.75      0.67         4

                    accuracy                           0.60        10
                   macro avg       0.40      0.45      0.42        10
                weighted avg       0.54      0.60      0.57        10
                """;
        assertThat(ClassificationReportText.format(ClassificationMetricsTest.threeClasses().metrics()))
                .isEqualTo(expected);
    }

    @Test
    void matchesScikitLearnWithFourDigits() {
        String expected = "              precision    recall  f1-score   support\n\n"
                + "       anger     0.6000    0.6000    0.6000         5\n"
                + "        fear     0.0000    0.0000    0.0000         1\n"
                + "       happy     0.6000    0.7500    0.6667         4\n\n"
                + "    accuracy                         0.6000        10\n"
                + "   macro avg     0.4000    0.4500    0.4222        10\n"
                + "weighted avg     0.5400    0.6000    0.5667        10\n";
        assertThat(ClassificationReportText.format(ClassificationMetricsTest.threeClasses().metrics(), 4))
                .isEqualTo(expected);
    }

    @Test
    void widensForLongLabelsAndRoundsTiesToEvenLikePython() {
        // y_true = [a]*1 + [b]*7 + [long]*2, y_pred = [a]*8 + [long]*2
        //                 a  b  long
        //   a           [ 1, 0, 0 ]
        //   b           [ 7, 0, 0 ]
        //   long        [ 0, 0, 2 ]
        // a: p = 1/8 = 0.125 -> "0.12" (exact binary tie, half to even; String.format would say 0.13), r = 1,
        //    f1 = 2*0.125/1.125 = 0.2222; b: 0, 0, 0; long: 1, 1, 1; accuracy 3/10.
        // macro p = (0.125 + 0 + 1)/3 = 0.375 -> "0.38"; r = 2/3; f1 = (0.2222 + 1)/3 = 0.4074
        // weighted p = (0.125*1 + 0*7 + 1*2)/10 = 0.2125 -> "0.21"; r = 0.3; f1 = (0.2222 + 2)/10 = 0.2222
        ConfusionMatrix m = new ConfusionMatrix(List.of("a", "b", "a very long class name"),
                new long[][] {{1, 0, 0}, {7, 0, 0}, {0, 0, 2}});
        String expected = """
                                        precision    recall  f1-score   support

                                     a       0.12      1.00      0.22         1
                                     b       0.00      0.00      0.00         7
                a very long class name       1.00      1.00      1.00         2

                              accuracy                           0.30        10
                             macro avg       0.38      0.67      0.41        10
                          weighted avg       0.21      0.30      0.22        10
                """;
        assertThat(ClassificationReportText.format(m.metrics())).isEqualTo(expected);
    }

    @Test
    void aClassThatOnlyEverIsPredictedShowsZeros() {
        // true [anger*5, fear, happy*4], predicted [anger*3, happy*2, anger, anger, happy*2, contempt]
        //            anger fear happy contempt
        //   anger      3    0    2     0
        //   fear       1    0    0     0
        //   happy      1    0    2     1
        //   contempt   0    0    0     0
        // happy: p = 2/4, r = 2/4; contempt: p = 0/1 = 0, r = 0/0 -> 0; macro p = (0.6+0+0.5+0)/4 = 0.275 -> 0.28
        ConfusionMatrix m = new ConfusionMatrix(List.of("anger", "fear", "happy", "contempt"),
                new long[][] {{3, 0, 2, 0}, {1, 0, 0, 0}, {1, 0, 2, 1}, {0, 0, 0, 0}});
        String expected = """
                              precision    recall  f1-score   support

                       anger       0.60      0.60      0.60         5
                        fear       0.00      0.00      0.00         1
                       happy       0.50      0.50      0.50         4
                    contempt       0.00      0.00      0.00         0

                    accuracy                           0.50        10
                   macro avg       0.28      0.28      0.28        10
                weighted avg       0.50      0.50      0.50        10
                """;
        assertThat(ClassificationReportText.format(m.metrics())).isEqualTo(expected);
    }

    @Test
    void decimalsFollowPythonsFormatting() {
        assertThat(ClassificationReportText.decimal(0.125, 2)).isEqualTo("0.12");
        assertThat(ClassificationReportText.decimal(0.375, 2)).isEqualTo("0.38");
        assertThat(ClassificationReportText.decimal(2.0 / 3, 2)).isEqualTo("0.67");
        // 1.005 is stored as 1.00499999999999989..., so Python prints 1.00
        assertThat(ClassificationReportText.decimal(1.005, 2)).isEqualTo("1.00");
        assertThat(ClassificationReportText.decimal(0.5, 0)).isEqualTo("0");
        assertThat(ClassificationReportText.decimal(1, 0)).isEqualTo("1");
    }
}
