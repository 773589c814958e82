package io.fer.train.protocol;

import static io.fer.core.Expression.ANGER;
import static io.fer.core.Expression.HAPPY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.train.data.Dataset;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProtocolSpecTest {

    @Test
    void parsesEveryForm() {
        assertThat(ProtocolSpec.parse("random:0.8")).isEqualTo(new ProtocolSpec.RandomSplit(0.8));
        assertThat(ProtocolSpec.parse("random")).isEqualTo(new ProtocolSpec.RandomSplit(0.9));
        assertThat(ProtocolSpec.parse("subject-kfold:5")).isEqualTo(new ProtocolSpec.SubjectFolds(5));
        assertThat(ProtocolSpec.parse("Subject-KFold")).isEqualTo(new ProtocolSpec.SubjectFolds(10));
        assertThat(ProtocolSpec.parse(" loso ")).isEqualTo(new ProtocolSpec.Loso());
        assertThat(ProtocolSpec.parse("folders")).isEqualTo(new ProtocolSpec.Folders());
        assertThat(ProtocolSpec.parse("cross:jaffe:/data/jaffe"))
                .isEqualTo(new ProtocolSpec.Cross("jaffe", Path.of("/data/jaffe")));
        assertThat(ProtocolSpec.parse("cross:ck+:/mnt/a:b")).isEqualTo(new ProtocolSpec.Cross("ck+", Path.of("/mnt/a:b")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"random:1", "random:0", "random:x", "subject-kfold:1", "subject-kfold:ten", "loso:3",
            "folders:x", "cross", "cross:jaffe", "cross::/d", "cross:jaffe:", "kfold:10", ""})
    void rejectsBadTextNamingItAndTheAcceptedForms(String text) {
        assertThatThrownBy(() -> ProtocolSpec.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("subject-kfold[:K]");
    }

    @Test
    void buildsTheMatchingProtocol() {
        Dataset other = TestDatasets.named("other", ANGER, HAPPY).add("X", ANGER, 1).add("X", HAPPY, 1).build();

        assertThat(ProtocolSpec.parse("random:0.75").toProtocol(3, null)).isInstanceOf(StratifiedRandomSplit.class)
                .extracting(p -> ((StratifiedRandomSplit) p).trainFraction()).isEqualTo(0.75);
        assertThat(ProtocolSpec.parse("subject-kfold:4").toProtocol(3, null)).isInstanceOf(SubjectKFold.class)
                .extracting(p -> ((SubjectKFold) p).k()).isEqualTo(4);
        assertThat(ProtocolSpec.parse("loso").toProtocol(3, null)).isInstanceOf(LeaveOneSubjectOut.class);
        assertThat(ProtocolSpec.parse("folders").toProtocol(3, other)).isInstanceOf(ExplicitTestSet.class);
        assertThat(ProtocolSpec.parse("cross:jaffe:/d").toProtocol(3, other)).isInstanceOf(CrossDataset.class);
        assertThat(ProtocolSpec.parse("cross:jaffe:/d").needsSecondDataset()).isTrue();
        assertThat(ProtocolSpec.parse("loso").needsSecondDataset()).isFalse();
    }

    @Test
    void aTwoDatasetProtocolWithoutTheSecondIsAnError() {
        assertThatThrownBy(() -> ProtocolSpec.parse("folders").toProtocol(0, null))
                .hasMessageContaining("folders needs the test folder");
        assertThatThrownBy(() -> ProtocolSpec.parse("cross:jaffe:/d").toProtocol(0, null))
                .hasMessageContaining("'jaffe' dataset from /d");
    }
}
