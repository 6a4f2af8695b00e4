package io.opstate.core.maintenance;

import io.opstate.Maintenance;
import io.opstate.maintenance.MaintenanceRun;
import java.time.Duration;
import java.util.Objects;
import io.opstate.operations.Cancellation;
import java.util.function.BiFunction;

/**
 * One task of the background runner: its name (the history event is {@code maintenance.<name>}),
 * how often it runs across every process of the store, and what it does.
 *
 * @param name e.g. {@code integrity-check}
 * @param interval how often; {@link Duration#ZERO} switches it off
 * @param work runs the task through the store's maintenance, stopping between steps when the
 *     cancellation (the runner closing) asks, and says how it went
 */
public record MaintenanceTask(String name, Duration interval, BiFunction<Maintenance, Cancellation, Result> work) {
    /** What a task reports: its outcome and a line for people. */
    public record Result(MaintenanceRun.Outcome outcome, String summary) {
        public Result {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(summary, "summary");
        }
    }

    public MaintenanceTask {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(work, "work");
    }

    /** Whether the runner runs it at all. */
    public boolean enabled() {
        return !interval.isZero();
    }
}
