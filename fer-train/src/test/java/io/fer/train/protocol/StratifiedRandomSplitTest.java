package io.fer.train.protocol;

import static io.fer.core.Expression.ANGER;
import static io.fer.core.Expression.FEAR;
import static io.fer.core.Expression.HAPPY;
import static io.fer.core.Expression.SADNESS;
import static io.fer.train.protocol.TestDatasets.count;
import static io.fer.train.protocol.TestDatasets.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fer.core.Expression;
import io.fer.train.data.Dataset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StratifiedRandomSplitTest {

    /** Classes of 7, 13, 31 and 50 samples, spread over subjects; none divides evenly by 10. */
    private static Dataset unevenDataset() {
        return TestDatasets.named("uneven", ANGER, FEAR, HAPPY, SADNESS)
                .add("A", ANGER, 4).add("B", ANGER, 3)
                .add("A", FEAR, 6).add("C", FEAR, 7)
                .add("B", HAPPY, 20).add("C", HAPPY, 11)
                .add("A", SADNESS, 25).add("D", SADNESS, 25)
                .build();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.9, 0.8, 0.5, 0.33})
    void eachClassIsSplitInProportionWithinOneSample(double fraction) {
        Dataset dataset = unevenDataset();
        Fold fold = new StratifiedRandomSplit(fraction, 42).folds(dataset).get(0);

        for (String c : dataset.classes()) {
            long total = count(dataset, c);
            assertThat((double) count(fold.train(), c)).as("train %s", c).isCloseTo(total * fraction, within(1.0));
            assertThat((double) count(fold.test(), c)).as("test %s", c).isCloseTo(total * (1 - fraction), within(1.0));
        }
    }

    @Test
    void trainAndTestPartitionTheDatasetAndKeepItsClasses() {
        Dataset dataset = unevenDataset();
        Fold fold = new StratifiedRandomSplit(0.9, 7).folds(dataset).get(0);

        Set<String> train = new HashSet<>(ids(fold.train()));
        Set<String> test = new HashSet<>(ids(fold.test()));
        assertThat(train).doesNotContainAnyElementsOf(test);
        List<String> union = new ArrayList<>(train);
        union.addAll(test);
        assertThat(union).containsExactlyInAnyOrderElementsOf(ids(dataset));
        assertThat(fold.train().classes()).isEqualTo(dataset.classes());
        assertThat(fold.test().classes()).isEqualTo(dataset.classes());
        assertThat(fold.name()).isEqualTo("random 90/10");
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        Dataset dataset = unevenDataset();
        List<String> first = ids(new StratifiedRandomSplit(0.9, 1).folds(dataset).get(0).test());
        List<String> again = ids(new StratifiedRandomSplit(0.9, 1).folds(dataset).get(0).test());
        List<String> other = ids(new StratifiedRandomSplit(0.9, 2).folds(dataset).get(0).test());

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void rejectsFractionsOutsideTheOpenInterval() {
        assertThatThrownBy(() -> new StratifiedRandomSplit(1.0, 0)).hasMessageContaining("1.0");
        assertThatThrownBy(() -> new StratifiedRandomSplit(0, 0)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> new StratifiedRandomSplit(Double.NaN, 0)).hasMessageContaining("NaN");
    }

    @Test
    void aDatasetTooSmallForATestSideIsAnError() {
        Dataset tiny = TestDatasets.named("tiny", ANGER, HAPPY).add("A", ANGER, 2).add("A", HAPPY, 2).build();

        assertThatThrownBy(() -> new StratifiedRandomSplit(0.9, 0).folds(tiny))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tiny'").hasMessageContaining("too small");
    }

    @Test
    void aLabelOutsideTheDatasetsClassesIsAnErrorNamingTheSample() {
        Dataset dataset = TestDatasets.named("odd", ANGER, HAPPY).add("A", ANGER, 3).add("A", FEAR, 1).build();

        assertThatThrownBy(() -> new StratifiedRandomSplit(0.5, 0).folds(dataset))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'A/fear/3.png'").hasMessageContaining("fear");
    }
}
