package io.opstate.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One maintenance operation that finished, by hand or in the background, as
 * {@link MaintenanceListener}s hear of it.
 *
 * @param task what ran: {@link #INTEGRITY_CHECK}, {@link #OPTIMIZE}, {@link #CHECKPOINT} or a task
 *     added later (e.g. retention)
 * @param outcome how it ended
 * @param startedAt when it started
 * @param took how long it ran
 * @param summary one line for people: what it found or did, or why it failed
 */
public record MaintenanceRun(String task, Outcome outcome, Instant startedAt, Duration took, String summary) {
    public static final String INTEGRITY_CHECK = "integrity-check";
    public static final String OPTIMIZE = "optimize";
    public static final String CHECKPOINT = "checkpoint";
    public static final String RETENTION = "retention";

    /** How a run ended. */
    public enum Outcome {
        /** It did its work and found nothing wrong. */
        OK,
        /** It ran to the end and found problems (an integrity check that found damage). */
        PROBLEMS,
        /** It could not finish: it threw. */
        FAILED,
        /**
         * It stopped between two steps because its {@link io.opstate.operations.Cancellation} was
         * cancelled (by a host, or by the store closing while its runner ran it) or its progress
         * listener threw; not a failure of the store.
         */
        CANCELLED
    }

    public MaintenanceRun {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(summary, "summary");
    }

    /** Whether it should alarm someone: problems found, or a failure. */
    public boolean failing() {
        return outcome == Outcome.PROBLEMS || outcome == Outcome.FAILED;
    }
}
