package io.opstate.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.operations.OperationCancelledException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pause a long operation leaves the store's writers after each of its writes. */
class WriterShareTest {
    @Test
    void itPausesAsLongAsTheWriteTook() {
        long started = System.nanoTime();

        WriterShare.pauseAfter("optimize", Duration.ofMillis(80).toNanos());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(80));
    }

    @Test
    void itPausesAtMostASecond() {
        long started = System.nanoTime();

        WriterShare.pauseAfter("optimize", Duration.ofMinutes(10).toNanos());

        // a second, and generous room for a busy machine; ten minutes would fail it
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(1),
                Duration.ofSeconds(30));
    }

    @Test
    void anInterruptEndsThePauseAsACancellationAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> WriterShare.pauseAfter("optimize", Duration.ofSeconds(1).toNanos()))
                    .isInstanceOf(OperationCancelledException.class).hasMessageContaining("optimize");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
