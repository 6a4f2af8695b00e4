package io.opstate.jdbc.internal.schedules;

import io.opstate.core.CronSchedules;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.MultiRowInsert;
import io.opstate.jdbc.internal.Params;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.schedules.Schedule;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Imports schedules as they were ({@link io.opstate.imports.RecordImport#importSchedules}): every
 * column from the record; an enabled schedule without a next run gets the first fire time after
 * the store's current time, as {@code create} computes it. Records arrive checked and
 * normalised. Thread-safe.
 */
public final class ScheduleImport {
    private static final String INSERT_INTO = "INSERT INTO opstate_schedules (" + ScheduleMapper.COLUMNS + ") VALUES ";

    private final JdbcContext context;
    private final MultiRowInsert<Schedule, Schedule> inserts;

    public ScheduleImport(JdbcContext context) {
        this.context = context;
        this.inserts = new MultiRowInsert<>(context, INSERT_INTO, " RETURNING " + ScheduleMapper.COLUMNS,
                new ScheduleMapper(context.dialect()), new Rows());
    }

    /** Writes {@code schedules} in one write: all of them, or none. */
    public List<Schedule> importAll(List<Schedule> schedules) {
        StoreTime.Stamp stamp = context.now();
        return context.database().write(ErrorContext.NONE, handle -> {
            Instant now = context.time().read(handle);
            List<Schedule> due = schedules.stream().map(schedule -> schedule.enabled() && schedule.nextRunAt() == null
                    ? schedule.toBuilder().nextRunAt(CronSchedules.nextRun(schedule.cronExpression(),
                            schedule.timeZone(), now).orElse(null)).build()
                    : schedule).toList();
            return inserts.insertEach(PlainConnection.of(handle), due, stamp);
        });
    }

    private static final class Rows implements MultiRowInsert.Table<Schedule, Schedule> {
        @Override
        public String row(String suffix, String now) {
            return "(:id" + suffix + ", :name" + suffix + ", :pipeline" + suffix + ", :cron" + suffix + ", :zone" + suffix
                    + ", :enabled" + suffix + ", :nextRunAt" + suffix + ", :lastRunAt" + suffix + ", :lastResult" + suffix
                    + ", :createdAt" + suffix + ", :updatedAt" + suffix + ", :version" + suffix + ")";
        }

        @Override
        public void bind(Params params, Schedule schedule) throws SQLException {
            params.text("id", schedule.id())
                    .text("name", schedule.name())
                    .text("pipeline", schedule.pipeline())
                    .text("cron", schedule.cronExpression())
                    .text("zone", schedule.timeZone().getId())
                    .bool("enabled", schedule.enabled())
                    .time("nextRunAt", schedule.nextRunAt())
                    .time("lastRunAt", schedule.lastRunAt())
                    .text("lastResult", schedule.lastResult())
                    .time("createdAt", schedule.createdAt())
                    .time("updatedAt", schedule.updatedAt())
                    .bigint("version", schedule.version());
        }

        @Override
        public ErrorContext about(Schedule schedule) {
            return ErrorContext.of("schedule", schedule.id());
        }

        @Override
        public String id(Schedule stored) {
            return stored.id();
        }
    }
}
