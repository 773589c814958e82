package io.fer.train.protocol;

import static io.fer.core.Expression.ANGER;
import static io.fer.core.Expression.DISGUST;
import static io.fer.core.Expression.FEAR;
import static io.fer.core.Expression.HAPPY;
import static io.fer.core.Expression.NEUTRAL;
import static io.fer.core.Expression.SADNESS;
import static io.fer.core.Expression.SURPRISE;
import static io.fer.train.protocol.TestDatasets.count;
import static io.fer.train.protocol.TestDatasets.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.core.Expression;
import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SubjectKFoldTest {

    private static final Expression[] SEVEN = {NEUTRAL, ANGER, DISGUST, FEAR, HAPPY, SADNESS, SURPRISE};

    /** JAFFE's design: 10 subjects, 3 images of each of 7 expressions. */
    private static Dataset jaffeLike() {
        TestDatasets builder = TestDatasets.named("jaffe-like", SEVEN);
        for (String subject : List.of("KA", "KL", "KM", "KR", "MK", "NA", "NM", "TM", "UY", "YM")) {
            for (Expression e : SEVEN) {
                builder.add(subject, e, 3);
            }
        }
        return builder.build();
    }

    /**
     * CK+'s shape: subjects with different numbers of sequences of different expressions. The counts come from a
     * fixed formula so that the test is reproducible yet uneven.
     */
    private static Dataset ckLike() {
        TestDatasets builder = TestDatasets.named("ck-like", SEVEN);
        for (int subject = 0; subject < 37; subject++) {
            for (int e = 0; e < SEVEN.length; e++) {
                int images = (subject * 7 + e * 3) % 5; // 0..4 images of this expression
                if (images > 0) {
                    builder.add(String.format("S%03d", subject), SEVEN[e], images);
                }
            }
        }
        return builder.build();
    }

    @Test
    void noSubjectOrSequenceIsOnBothSidesOfAnyFold() {
        Dataset dataset = ckLike();
        List<Fold> folds = new SubjectKFold(10, 3).folds(dataset);

        assertThat(folds).hasSize(10);
        for (Fold fold : folds) {
            assertThat(values(fold.train(), Sample::subject)).as(fold.name())
                    .doesNotContainAnyElementsOf(values(fold.test(), Sample::subject));
            assertThat(values(fold.train(), Sample::sequence)).as(fold.name())
                    .doesNotContainAnyElementsOf(values(fold.test(), Sample::sequence));
            List<String> all = new ArrayList<>(ids(fold.train()));
            all.addAll(ids(fold.test()));
            assertThat(all).as(fold.name()).containsExactlyInAnyOrderElementsOf(ids(dataset));
        }
    }

    @Test
    void theTestFoldsPartitionTheDatasetAndEachSubjectIsTestedOnce() {
        Dataset dataset = ckLike();
        List<Fold> folds = new SubjectKFold(10, 3).folds(dataset);

        List<String> tested = folds.stream().flatMap(f -> ids(f.test()).stream()).toList();
        assertThat(tested).containsExactlyInAnyOrderElementsOf(ids(dataset));
        Map<String, Integer> foldsPerSubject = new HashMap<>();
        folds.forEach(f -> values(f.test(), Sample::subject).forEach(s -> foldsPerSubject.merge(s, 1, Integer::sum)));
        assertThat(foldsPerSubject).hasSize(37).allSatisfy((subject, n) -> assertThat(n).as(subject).isEqualTo(1));
        assertThat(folds).extracting(Fold::name).startsWith("fold 1/10", "fold 2/10").endsWith("fold 10/10");
    }

    @Test
    void whereSubjectsAllowItEveryFoldHoldsItsShareOfEachClassWithinOneSample() {
        // 10 equal subjects into 5 folds: two subjects, i.e. exactly 6 images of each class, per fold
        Dataset dataset = jaffeLike();
        for (Fold fold : new SubjectKFold(5, 11).folds(dataset)) {
            for (Expression e : SEVEN) {
                double target = count(dataset, e) / 5.0;
                assertThat((double) count(fold.test(), e)).as("%s %s", fold.name(), e).isBetween(target - 1, target + 1);
            }
        }
    }

    @Test
    void unevenSubjectsStillGiveBalancedFolds() {
        Dataset dataset = ckLike();
        int k = 10;
        List<Fold> folds = new SubjectKFold(k, 3).folds(dataset);
        for (Expression e : SEVEN) {
            double target = count(dataset, e) / (double) k;
            // whole subjects move at most 4 images of a class at once; greedy balancing stays within that step
            for (Fold fold : folds) {
                assertThat((double) count(fold.test(), e)).as("%s %s", fold.name(), e)
                        .isBetween(target - 4, target + 4);
            }
        }
        int smallest = folds.stream().mapToInt(f -> f.test().samples().size()).min().orElseThrow();
        int largest = folds.stream().mapToInt(f -> f.test().samples().size()).max().orElseThrow();
        assertThat(largest - smallest).isLessThanOrEqualTo(dataset.samples().size() / k / 2);
    }

    @Test
    void theSameSeedGivesTheSameFoldsAndAnotherSeedOthers() {
        Dataset dataset = jaffeLike();
        assertThat(testSubjects(new SubjectKFold(5, 1).folds(dataset)))
                .isEqualTo(testSubjects(new SubjectKFold(5, 1).folds(dataset)));
        assertThat(testSubjects(new SubjectKFold(5, 1).folds(dataset)))
                .isNotEqualTo(testSubjects(new SubjectKFold(5, 2).folds(dataset)));
    }

    @Test
    void aSampleWithoutSubjectIsAnErrorNamingIt() {
        Dataset dataset = TestDatasets.named("mixed", ANGER, HAPPY)
                .add("A", ANGER, 2).add("B", HAPPY, 2).add(null, HAPPY, 1).add("C", ANGER, 1).build();

        assertThatThrownBy(() -> new SubjectKFold(2, 0).folds(dataset))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'anon/happy/4.png'").hasMessageContaining("no subject id")
                .hasMessageContaining("subject-kfold:2");
    }

    @Test
    void fewerSubjectsThanFoldsIsAnError() {
        Dataset dataset = TestDatasets.named("three", ANGER, HAPPY)
                .add("A", ANGER, 2).add("B", HAPPY, 2).add("C", ANGER, 1).build();

        assertThatThrownBy(() -> new SubjectKFold(4, 0).folds(dataset))
                .hasMessageContaining("3 subjects").hasMessageContaining("4 folds");
        assertThatThrownBy(() -> new SubjectKFold(1, 0)).hasMessageContaining("at least 2");
    }

    private static Set<String> values(Dataset dataset, java.util.function.Function<Sample, String> field) {
        return dataset.samples().stream().map(field).collect(Collectors.toSet());
    }

    private static List<Set<String>> testSubjects(List<Fold> folds) {
        return folds.stream().map(f -> (Set<String>) new HashSet<>(values(f.test(), Sample::subject))).toList();
    }
}
