package io.opstate.examples.legacy;

import io.opstate.examples.mimir.MimirStatuses;
import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionStatus;
import io.opstate.pipelines.Pipeline;
import io.opstate.schedules.Schedule;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Mimir's three tables as OpState records, every column kept:
 * <ul>
 *   <li>{@code pipelines} (name, description, config JSON, times) as pipelines;</li>
 *   <li>{@code scheduled_jobs} as schedules: {@code cron_expr}, {@code enabled}, {@code last_run},
 *       {@code last_result} and {@code next_run} (dropped for a disabled schedule, which OpState
 *       never runs), read in {@link #CRON_ZONE};</li>
 *   <li>{@code job_executions} as executions of the schedule named by {@code job_id}:
 *       {@code start_time}, {@code end_time}, {@code status}, {@code error}, {@code context},
 *       {@code steps}, {@code triggered_by}. OpState computes the duration from the two times;
 *       {@code duration} (a Go {@code time.Duration}, in nanoseconds) only stands in for a
 *       missing {@code end_time} of a finished run.</li>
 * </ul>
 */
final class MimirTables {
    /** The zone Mimir's scheduler reads cron expressions in: its container runs in UTC. */
    static final ZoneId CRON_ZONE = ZoneOffset.UTC;

    static final LegacyTable<Pipeline> PIPELINES = new LegacyTable<>("pipelines", "name", MimirTables::pipeline);
    static final LegacyTable<Schedule> SCHEDULES = new LegacyTable<>("scheduled_jobs", "id", MimirTables::schedule);
    static final LegacyTable<Execution> EXECUTIONS = new LegacyTable<>("job_executions", "id", MimirTables::execution);

    private MimirTables() {
    }

    static Pipeline pipeline(LegacyTable.Row row) throws SQLException {
        return Pipeline.builder(row.text("name"), row.text("config"))
                .description(row.text("description"))
                .createdAt(row.time("created_at"))
                .updatedAt(row.time("updated_at"))
                .build();
    }

    static Schedule schedule(LegacyTable.Row row) throws SQLException {
        boolean enabled = Boolean.TRUE.equals(row.bool("enabled"));
        return Schedule.builder(row.text("id"), row.text("name"), row.text("pipeline"), row.text("cron_expr"))
                .timeZone(CRON_ZONE)
                .enabled(enabled)
                .nextRunAt(enabled ? row.time("next_run") : null)
                .lastRunAt(row.time("last_run"))
                .lastResult(row.text("last_result"))
                .createdAt(row.time("created_at"))
                .updatedAt(row.time("updated_at"))
                .build();
    }

    static Execution execution(LegacyTable.Row row) throws SQLException {
        ExecutionStatus status = MimirStatuses.toOpState("job_executions.status", row.text("status"));
        Instant startedAt = row.time("start_time");
        Instant endedAt = row.time("end_time");
        Long durationNanos = row.number("duration");
        if (endedAt == null && status.isTerminal() && startedAt != null) {
            endedAt = startedAt.plus(Duration.ofNanos(durationNanos == null ? 0 : durationNanos));
        }
        return Execution.builder(row.text("id"), row.text("pipeline"), row.text("triggered_by"))
                .scheduleId(row.text("job_id"))
                .status(status)
                .startedAt(startedAt)
                .endedAt(status.isTerminal() ? endedAt : null)
                .error(row.text("error"))
                .context(row.text("context"))
                .steps(row.text("steps"))
                .build();
    }
}
