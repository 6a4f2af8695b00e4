package io.opstate.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An optimisation step that repeats: runs while more is left, never more often than it says, and
 * pauses for the store's writers between two runs only, never after the last.
 */
class JdbcMaintenanceRepeatTest {
    private final List<Long> pauses = new ArrayList<>();

    @Test
    void aStepRunsUntilNothingIsLeftAndPausesBetweenRuns() throws Exception {
        AtomicInteger left = new AtomicInteger(3);

        int runs = JdbcMaintenance.repeat(10, () -> {
            sleep(5);
            return left.decrementAndGet() > 0;
        }, pauses::add);

        assertThat(runs).isEqualTo(3);
        // each pause as long as the run before it, which slept 5 ms
        assertThat(pauses).hasSize(2).allSatisfy(nanos -> assertThat(nanos).isGreaterThanOrEqualTo(5_000_000L));
    }

    @Test
    void aStepWithNothingLeftRunsOnceWithoutAPause() {
        assertThat(JdbcMaintenance.repeat(10, () -> false, pauses::add)).isEqualTo(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void aStepThatAlwaysFindsMoreStopsAtItsBoundWithoutAPauseAfterTheLastRun() {
        assertThat(JdbcMaintenance.repeat(4, () -> true, pauses::add)).isEqualTo(4);
        assertThat(pauses).hasSize(3);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
