package io.fer.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EngineThreadsTest {
    @Test
    void theDefaultsUseEveryCoreAndNeverSpin() {
        EngineThreads threads = EngineThreads.defaults();
        assertThat(threads.intraOp()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(threads.interOp()).isEqualTo(1);
        assertThat(threads.spinDuringCalls()).isFalse();
        assertThat(new EngineThreads(3, 2).spinDuringCalls()).isFalse();
    }

    @Test
    void spinningKeepsTheThreadCounts() {
        EngineThreads spinning = new EngineThreads(3, 2).spinningDuringCalls();
        assertThat(spinning).isEqualTo(new EngineThreads(3, 2, true));
        assertThat(spinning.spinDuringCalls()).isTrue();
    }

    @Test
    void countsBelowOneAreNamed() {
        assertThatThrownBy(() -> new EngineThreads(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("intraOp 0");
        assertThatThrownBy(() -> new EngineThreads(2, -1, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interOp -1");
    }
}
