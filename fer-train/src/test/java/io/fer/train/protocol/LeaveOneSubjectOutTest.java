package io.fer.train.protocol;

import static io.fer.core.Expression.ANGER;
import static io.fer.core.Expression.HAPPY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaveOneSubjectOutTest {

    @Test
    void oneFoldPerSubjectTestingOnlyThatSubject() {
        Dataset dataset = TestDatasets.named("d", ANGER, HAPPY)
                .add("KL", ANGER, 2).add("KA", HAPPY, 3).add("KL", HAPPY, 1).add("YM", ANGER, 2).build();

        List<Fold> folds = new LeaveOneSubjectOut().folds(dataset);

        assertThat(folds).extracting(Fold::name).containsExactly("subject KA", "subject KL", "subject YM");
        assertThat(folds).extracting(f -> f.test().samples().size()).containsExactly(3, 3, 2);
        for (Fold fold : folds) {
            String subject = fold.name().substring("subject ".length());
            assertThat(fold.test().samples()).extracting(Sample::subject).containsOnly(subject);
            assertThat(fold.train().samples()).extracting(Sample::subject).doesNotContain(subject);
            assertThat(fold.train().samples().size() + fold.test().samples().size()).isEqualTo(8);
        }
    }

    @Test
    void aSampleWithoutSubjectIsAnErrorNamingIt() {
        Dataset dataset = TestDatasets.named("d", ANGER, HAPPY).add("KA", ANGER, 1).add(null, HAPPY, 1).build();

        assertThatThrownBy(() -> new LeaveOneSubjectOut().folds(dataset))
                .hasMessageContaining("'anon/happy/1.png'").hasMessageContaining("loso");
    }

    @Test
    void aSingleSubjectCannotBeLeftOut() {
        Dataset dataset = TestDatasets.named("d", ANGER, HAPPY).add("KA", ANGER, 1).add("KA", HAPPY, 1).build();

        assertThatThrownBy(() -> new LeaveOneSubjectOut().folds(dataset)).hasMessageContaining("at least 2");
    }
}
