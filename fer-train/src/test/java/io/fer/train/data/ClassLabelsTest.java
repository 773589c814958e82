package io.fer.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassLabelsTest {
    @Test
    void expressionNamesAndSynonymsBecomeTheirLabelsAndOtherNamesAreKept() {
        assertThat(ClassLabels.of(" Angry ")).isEqualTo("anger");
        assertThat(ClassLabels.of("SURPRISED")).isEqualTo("surprise");
        assertThat(ClassLabels.of("Pain")).isEqualTo("pain");
        assertThat(ClassLabels.of("eye roll")).isEqualTo("eye roll");
        assertThat(ClassLabels.isExpression("sad")).isTrue();
        assertThat(ClassLabels.isExpression("yawn")).isFalse();
    }

    @Test
    void knownExpressionsComeFirstInTheirOrderThenOthersAlphabetically() {
        assertThat(ClassLabels.ordered(List.of("yawn", "happy", "Pain", "neutral", "sad", "pain")))
                .containsExactly("neutral", "happy", "sadness", "pain", "yawn");
    }

    @Test
    void namesThatCannotBeLabelsAreRefusedWithTheName() {
        assertThatThrownBy(() -> ClassLabels.of("  ")).hasMessageContaining("must not be blank");
        assertThatThrownBy(() -> ClassLabels.of("a/b")).hasMessageContaining("\"a/b\"")
                .hasMessageContaining("path separator");
        assertThatThrownBy(() -> ClassLabels.of("be\u0007ll")).hasMessageContaining("\"be?ll\"")
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> ClassLabels.of("x".repeat(65))).hasMessageContaining("longer than 64");
    }
}
