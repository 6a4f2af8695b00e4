package io.opstate.jdbc.internal.maintenance;

import io.opstate.core.maintenance.TaskLeases;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link TaskLeases} in {@code opstate_maintenance_leases} (schema version 12), one row per task.
 * Taking a lease is one guarded {@code UPDATE}: of two processes asking at once, one changes the
 * row and the other, once the first has committed (SQLite: its single writer; PostgreSQL: the
 * row lock, after which the condition is evaluated again on the new row), finds the task no longer
 * due and changes nothing. Thread-safe.
 */
public final class JdbcTaskLeases implements TaskLeases {
    private static final String ENSURE_ROW = "INSERT INTO opstate_maintenance_leases (task, next_due_at)"
            + " VALUES (:task, :now) ON CONFLICT (task) DO NOTHING";
    private static final String TAKE = "UPDATE opstate_maintenance_leases"
            + " SET holder = :holder, started_at = :now, leased_until = :leasedUntil, next_due_at = :nextDue"
            + " WHERE task = :task AND next_due_at <= :now AND (leased_until IS NULL OR leased_until <= :now)";
    private static final String WHEN = "SELECT next_due_at, leased_until FROM opstate_maintenance_leases WHERE task = :task";
    private static final String RELEASE = "UPDATE opstate_maintenance_leases SET leased_until = NULL"
            + " WHERE task = :task AND holder = :holder";

    private final JdbcContext context;

    public JdbcTaskLeases(JdbcContext context) {
        this.context = context;
    }

    @Override
    public Optional<Instant> acquire(String task, String holder, Instant now, Duration interval, Duration lease) {
        return context.database().write(ErrorContext.NONE, handle -> {
            handle.createUpdate(ENSURE_ROW).bind("task", task).bind("now", now).execute();
            int taken = handle.createUpdate(TAKE).bind("task", task).bind("holder", holder).bind("now", now)
                    .bind("leasedUntil", now.plus(lease)).bind("nextDue", now.plus(interval)).execute();
            if (taken == 1) {
                return Optional.<Instant>empty();
            }
            if (taken > 1) {
                throw new IllegalStateException("taking the lease of task " + task + " changed " + taken + " rows");
            }
            return handle.createQuery(WHEN).bind("task", task).map((row, ctx) -> {
                return Optional.of(TaskLeases.askAgainAt(context.dialect().getTime(row, "next_due_at"),
                        context.dialect().getTime(row, "leased_until"), now, interval));
            }).one();
        });
    }

    @Override
    public void release(String task, String holder) {
        context.database().write(ErrorContext.NONE, handle -> handle.createUpdate(RELEASE).bind("task", task)
                .bind("holder", holder).execute());
    }
}
