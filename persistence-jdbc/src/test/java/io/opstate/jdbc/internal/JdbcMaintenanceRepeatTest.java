package io.opstate.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An optimisation step that repeats runs while more is left, and never more often than it says. */
class JdbcMaintenanceRepeatTest {
    @Test
    void aStepRunsUntilNothingIsLeft() {
        AtomicInteger left = new AtomicInteger(3);

        assertThat(JdbcMaintenance.repeat(10, () -> left.decrementAndGet() > 0)).isEqualTo(3);
    }

    @Test
    void aStepWithNothingLeftRunsOnce() {
        assertThat(JdbcMaintenance.repeat(10, () -> false)).isEqualTo(1);
    }

    @Test
    void aStepThatAlwaysFindsMoreStopsAtItsBound() {
        assertThat(JdbcMaintenance.repeat(4, () -> true)).isEqualTo(4);
    }
}
