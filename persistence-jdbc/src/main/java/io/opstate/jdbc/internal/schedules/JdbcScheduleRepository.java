package io.opstate.jdbc.internal.schedules;

import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.core.CronSchedules;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.Filter;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.Keyset;
import io.opstate.jdbc.internal.Rows;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.Schedule;
import io.opstate.schedules.ScheduleChanges;
import io.opstate.schedules.ScheduleRepository;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;

/**
 * The shared SQL implementation of {@link ScheduleRepository}. Next runs are computed here with
 * {@link CronSchedules}, so every backend agrees on them, from the store's time read at the
 * start of the write ({@link io.opstate.jdbc.internal.StoreTime#read}); changes read the
 * schedule (locking its row), compute the new state, and write it back guarded by the version
 * read. {@code save} is one upsert statement and {@code setLastResult} one update. Thread-safe.
 */
public final class JdbcScheduleRepository implements ScheduleRepository {
    private static final String RETURNING = " RETURNING " + ScheduleMapper.COLUMNS;
    private static final String SELECT = "SELECT " + ScheduleMapper.COLUMNS + " FROM opstate_schedules";
    private static final String INSERT = "INSERT INTO opstate_schedules (id, name, pipeline, cron_expression, time_zone,"
            + " enabled, next_run_at, created_at, updated_at, version) VALUES (:id, :name, :pipeline, :cron, :zone,"
            + " :enabled, :nextRunAt, :now, :now, 1)" + RETURNING;
    private static final String REWRITE = "UPDATE opstate_schedules SET name = :name, pipeline = :pipeline,"
            + " cron_expression = :cron, time_zone = :zone, enabled = :enabled, next_run_at = :nextRunAt,"
            + " last_run_at = :lastRunAt, last_result = :lastResult, updated_at = :now, version = version + 1"
            + " WHERE id = :id AND version = :expectedVersion" + RETURNING;
    /**
     * Creates or replaces a schedule in one statement on both dialects; the next run bound is
     * the one computed from now for the new definition, and is kept instead when the expression,
     * zone and enabled flag are those stored (compared as the row holds them, so no read first).
     */
    private static final String UPSERT = "INSERT INTO opstate_schedules (id, name, pipeline, cron_expression,"
            + " time_zone, enabled, next_run_at, created_at, updated_at, version) VALUES (:id, :name, :pipeline, :cron,"
            + " :zone, :enabled, :nextRunAt, :now, :now, 1) ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
            + " pipeline = excluded.pipeline, cron_expression = excluded.cron_expression,"
            + " time_zone = excluded.time_zone, enabled = excluded.enabled, next_run_at = CASE WHEN"
            + " opstate_schedules.cron_expression = excluded.cron_expression"
            + " AND opstate_schedules.time_zone = excluded.time_zone AND opstate_schedules.enabled = excluded.enabled"
            + " THEN opstate_schedules.next_run_at ELSE excluded.next_run_at END, updated_at = excluded.updated_at,"
            + " version = opstate_schedules.version + 1" + RETURNING;
    private static final String SET_LAST_RESULT = "UPDATE opstate_schedules SET last_result = :lastResult,"
            + " updated_at = :now, version = version + 1 WHERE id = :id" + RETURNING;
    private static final String DUE = SELECT + " WHERE enabled = :enabled AND next_run_at <= :asOf"
            + " ORDER BY next_run_at, id LIMIT :limit";
    private static final Keyset<Schedule> KEYSET =
            new Keyset<>("created_at", "id", false, Schedule::createdAt, Schedule::id);

    private final JdbcContext context;
    private final ScheduleMapper mapper;
    private final String findForUpdate;

    public JdbcScheduleRepository(JdbcContext context) {
        this.context = context;
        this.mapper = new ScheduleMapper(context.dialect());
        this.findForUpdate = (SELECT + " WHERE id = :id " + context.dialect().rowLockClause()).strip();
    }

    @Override
    public Schedule create(NewSchedule schedule) {
        return insert(INSERT, schedule);
    }

    @Override
    public Schedule save(NewSchedule schedule) {
        return insert(UPSERT, schedule);
    }

    private Schedule insert(String statement, NewSchedule schedule) {
        return context.database().write(ErrorContext.of("schedule", schedule.id()), handle -> {
            Instant now = context.time().read(handle);
            Instant nextRunAt = nextRun(schedule.cronExpression(), schedule.timeZone(), schedule.enabled(), now);
            return handle.createQuery(statement)
                    .bind("id", schedule.id())
                    .bind("name", schedule.name())
                    .bind("pipeline", schedule.pipeline())
                    .bind("cron", schedule.cronExpression())
                    .bind("zone", schedule.timeZone().getId())
                    .bind("enabled", schedule.enabled())
                    .bindByType("nextRunAt", nextRunAt, Instant.class)
                    .bind("now", now)
                    .map(mapper)
                    .one();
        });
    }

    @Override
    public Schedule update(String id, long expectedVersion, ScheduleChanges changes) {
        return rewrite(id, expectedVersion, (current, now) -> changed(current, changes, now));
    }

    @Override
    public Schedule update(String id, ScheduleChanges changes) {
        return rewrite(id, null, (current, now) -> changed(current, changes, now));
    }

    private static Schedule changed(Schedule current, ScheduleChanges changes, Instant now) {
        String cron = Objects.requireNonNullElse(changes.cronExpression(), current.cronExpression());
        ZoneId zone = Objects.requireNonNullElse(changes.timeZone(), current.timeZone());
        boolean enabled = Objects.requireNonNullElse(changes.enabled(), current.enabled());
        boolean timingChanged = changes.cronExpression() != null || changes.timeZone() != null
                || changes.enabled() != null;
        return new Schedule(current.id(),
                Objects.requireNonNullElse(changes.name(), current.name()),
                Objects.requireNonNullElse(changes.pipeline(), current.pipeline()),
                cron, zone, enabled,
                timingChanged ? nextRun(cron, zone, enabled, now) : current.nextRunAt(),
                current.lastRunAt(), current.lastResult(), current.createdAt(), now, current.version());
    }

    /** One statement; the run times stay as they are. */
    @Override
    public Schedule setLastResult(String id, String result) {
        return context.database().write(ErrorContext.of("schedule", id), handle -> {
            Instant now = context.time().read(handle);
            return Rows.atMostOne(handle.createQuery(SET_LAST_RESULT)
                            .bind("id", id)
                            .bind("lastResult", result)
                            .bind("now", now)
                            .map(mapper)
                            .list(), "schedule last result")
                    .orElseThrow(() -> new NotFoundException("schedule", id));
        });
    }

    @Override
    public Schedule recordRun(String id, long expectedVersion, Instant ranAt, String result) {
        return rewrite(id, expectedVersion, (current, now) -> new Schedule(current.id(), current.name(),
                current.pipeline(), current.cronExpression(), current.timeZone(), current.enabled(),
                nextRun(current.cronExpression(), current.timeZone(), current.enabled(), ranAt),
                ranAt, result, current.createdAt(), current.updatedAt(), current.version()));
    }

    @Override
    public List<Schedule> findDue(Instant asOf, int limit) {
        return context.database().read(ErrorContext.NONE, handle -> handle.createQuery(DUE)
                .bind("enabled", true)
                .bind("asOf", asOf)
                .bind("limit", limit)
                .map(mapper)
                .list());
    }

    @Override
    public Optional<Schedule> find(String id) {
        return context.database().read(ErrorContext.NONE, handle -> find(handle, id));
    }

    @Override
    public Schedule get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("schedule", id));
    }

    @Override
    public Page<Schedule> list(PageRequest page) {
        return context.database().readPlain(ErrorContext.NONE,
                connection -> KEYSET.page(context, connection, SELECT, new Filter(), page, mapper));
    }

    /** Deletes the schedule; its executions go with it (foreign key ON DELETE CASCADE). */
    @Override
    public boolean delete(String id) {
        return context.database().write(ErrorContext.NONE, handle -> handle
                .createUpdate("DELETE FROM opstate_schedules WHERE id = :id").bind("id", id).execute()) > 0;
    }

    /**
     * Reads the schedule, locking its row where writers run concurrently
     * ({@link io.opstate.jdbc.SqlDialect#rowLockClause()}), checks the version unless
     * {@code expectedVersion} is null, and writes back what {@code change} makes of it and the
     * store's current time, guarded by the version read. The lock makes an update without a
     * version wait for a concurrent one and then start from what it left, so neither is lost.
     */
    private Schedule rewrite(String id, Long expectedVersion, BiFunction<Schedule, Instant, Schedule> change) {
        return context.database().write(ErrorContext.of("schedule", id), handle -> {
            Instant now = context.time().read(handle);
            Schedule current = handle.createQuery(findForUpdate).bind("id", id).map(mapper).findOne()
                    .orElseThrow(() -> new NotFoundException("schedule", id));
            if (expectedVersion != null && current.version() != expectedVersion) {
                throw Rows.versionMismatch(true, "schedule", id, expectedVersion);
            }
            Schedule next = change.apply(current, now);
            return Rows.atMostOne(handle.createQuery(REWRITE)
                            .bind("id", id)
                            .bind("expectedVersion", current.version())
                            .bind("name", next.name())
                            .bind("pipeline", next.pipeline())
                            .bind("cron", next.cronExpression())
                            .bind("zone", next.timeZone().getId())
                            .bind("enabled", next.enabled())
                            .bindByType("nextRunAt", next.nextRunAt(), Instant.class)
                            .bindByType("lastRunAt", next.lastRunAt(), Instant.class)
                            .bind("lastResult", next.lastResult())
                            .bind("now", now)
                            .map(mapper)
                            .list(), "schedule update")
                    .orElseThrow(() -> Rows.versionMismatch(find(handle, id).isPresent(), "schedule", id,
                            expectedVersion != null ? expectedVersion : current.version()));
        });
    }

    private Optional<Schedule> find(Handle handle, String id) {
        return handle.createQuery(SELECT + " WHERE id = :id").bind("id", id).map(mapper).findOne();
    }

    /** The first cron time strictly after {@code after}; null when disabled or when it never fires again. */
    private static Instant nextRun(String cron, ZoneId zone, boolean enabled, Instant after) {
        return enabled ? CronSchedules.nextRun(cron, zone, after).orElse(null) : null;
    }
}
