package io.fer.train.protocol;

import static io.fer.core.Expression.ANGER;
import static io.fer.core.Expression.CONTEMPT;
import static io.fer.core.Expression.FEAR;
import static io.fer.core.Expression.HAPPY;
import static io.fer.core.Expression.NEUTRAL;
import static io.fer.core.Expression.SADNESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Explicit test folders and cross-dataset evaluation. */
class TwoDatasetProtocolsTest {

    @Test
    void folderTestSetIsExpressedInTheTrainingClassOrder() {
        Dataset train = TestDatasets.named("train", ANGER, HAPPY, SADNESS)
                .add("A", ANGER, 2).add("A", HAPPY, 2).add("A", SADNESS, 2).build();
        Dataset test = TestDatasets.named("test", SADNESS, ANGER).add("B", SADNESS, 1).add("B", ANGER, 1).build();

        List<Fold> folds = new ExplicitTestSet(test).folds(train);

        assertThat(folds).singleElement().satisfies(fold -> {
            assertThat(fold.train()).isSameAs(train);
            assertThat(fold.test().classes()).containsExactly("anger", "happy", "sadness");
            assertThat(fold.test().samples()).isEqualTo(test.samples());
            assertThat(fold.name()).isEqualTo("test set test");
        });
    }

    @Test
    void folderTestLabelUnknownToTrainingIsAnErrorNamingTheSample() {
        Dataset train = TestDatasets.named("train", ANGER, HAPPY).add("A", ANGER, 1).add("A", HAPPY, 1).build();
        Dataset test = TestDatasets.named("test", ANGER, FEAR).add("B", ANGER, 1).add("B", FEAR, 1).build();

        assertThatThrownBy(() -> new ExplicitTestSet(test).folds(train))
                .hasMessageContaining("'B/fear/1.png'").hasMessageContaining("fear");
    }

    @Test
    void aFileInBothFoldersIsAnError() {
        Dataset train = TestDatasets.named("same", ANGER, HAPPY).add("A", ANGER, 1).add("A", HAPPY, 1).build();
        Dataset test = TestDatasets.named("same", ANGER, HAPPY).add("A", HAPPY, 2).build();

        assertThatThrownBy(() -> new ExplicitTestSet(test).folds(train))
                .hasMessageContaining(Path.of("/data/same/A/happy/1.png").toString())
                .hasMessageContaining("both");
    }

    @Test
    void crossDatasetKeepsOnlySharedClassesInTrainingOrderAndListsTheRest() {
        Dataset ck = TestDatasets.named("ck+", NEUTRAL, ANGER, CONTEMPT, HAPPY, SADNESS)
                .add("S1", NEUTRAL, 1).add("S1", ANGER, 2).add("S1", CONTEMPT, 3).add("S2", HAPPY, 2)
                .add("S2", SADNESS, 1).build();
        Dataset jaffe = TestDatasets.named("jaffe", SADNESS, HAPPY, FEAR, ANGER)
                .add("KA", SADNESS, 2).add("KA", HAPPY, 1).add("KA", FEAR, 4).add("KA", ANGER, 1).build();

        Fold fold = new CrossDataset(jaffe).folds(ck).get(0);

        assertThat(fold.train().classes()).containsExactly("anger", "happy", "sadness");
        assertThat(fold.test().classes()).containsExactly("anger", "happy", "sadness");
        assertThat(fold.train().samples()).extracting(Sample::label).containsOnly("anger", "happy", "sadness").hasSize(5);
        assertThat(fold.test().samples()).extracting(Sample::label).containsOnly("anger", "happy", "sadness").hasSize(4);
        // nothing silently dropped: 1 neutral + 3 contempt from CK+, 4 fear from JAFFE
        assertThat(fold.train().skipped()).hasSize(4)
                .allSatisfy(s -> assertThat(s.reason()).containsAnyOf("class neutral", "class contempt"));
        assertThat(fold.test().skipped()).hasSize(4)
                .allSatisfy(s -> assertThat(s.reason()).startsWith("class fear is not one of the classes"));
        assertThat(fold.name()).isEqualTo("train ck+, test jaffe");
    }

    @Test
    void crossDatasetNeedsTwoSharedClasses() {
        Dataset a = TestDatasets.named("a", ANGER, HAPPY).add("A", ANGER, 1).add("A", HAPPY, 1).build();
        Dataset b = TestDatasets.named("b", HAPPY, FEAR).add("B", HAPPY, 1).add("B", FEAR, 1).build();

        assertThatThrownBy(() -> new CrossDataset(b).folds(a)).hasMessageContaining("share 1 class");
    }
}
