package io.opstate.memory.internal;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.core.CronSchedules;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.Schedule;
import io.opstate.schedules.ScheduleChanges;
import io.opstate.schedules.ScheduleRepository;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ScheduleRepository} on a {@link MemoryStore}. Thread-safe; each method is atomic. */
final class MemoryScheduleRepository implements ScheduleRepository {
    private final Session session;

    MemoryScheduleRepository(Session session) {
        this.session = session;
    }

    @Override
    public Schedule create(NewSchedule schedule) {
        return session.write(store -> {
            Instant now = session.now();
            return store.schedules.insert(new Schedule(schedule.id(), schedule.name(), schedule.pipeline(),
                    schedule.cronExpression(), schedule.timeZone(), schedule.enabled(),
                    nextRun(schedule.cronExpression(), schedule.timeZone(), schedule.enabled(), now),
                    null, null, now, now, 1L));
        });
    }

    @Override
    public Schedule save(NewSchedule schedule) {
        return session.write(store -> {
            Schedule current = store.schedules.find(schedule.id());
            if (current == null) {
                return create(schedule);
            }
            Instant now = session.now();
            boolean timingChanged = !schedule.cronExpression().equals(current.cronExpression())
                    || !schedule.timeZone().getId().equals(current.timeZone().getId())
                    || schedule.enabled() != current.enabled();
            Instant nextRunAt = timingChanged
                    ? nextRun(schedule.cronExpression(), schedule.timeZone(), schedule.enabled(), now)
                    : current.nextRunAt();
            return store.schedules.update(new Schedule(current.id(), schedule.name(), schedule.pipeline(),
                    schedule.cronExpression(), schedule.timeZone(), schedule.enabled(), nextRunAt,
                    current.lastRunAt(), current.lastResult(), current.createdAt(), now, current.version() + 1));
        });
    }

    @Override
    public Schedule update(String id, long expectedVersion, ScheduleChanges changes) {
        return session.write(store -> changed(store.schedules.requireVersion(id, expectedVersion, Schedule::version),
                changes, store));
    }

    @Override
    public Schedule update(String id, ScheduleChanges changes) {
        return session.write(store -> changed(store.schedules.require(id), changes, store));
    }

    private Schedule changed(Schedule current, ScheduleChanges changes, MemoryStore store) {
        Instant now = session.now();
        String cron = Changes.orCurrent(changes.cronExpression(), current.cronExpression());
        ZoneId zone = Changes.orCurrent(changes.timeZone(), current.timeZone());
        boolean enabled = Changes.orCurrent(changes.enabled(), current.enabled());
        boolean timingChanged = changes.cronExpression() != null || changes.timeZone() != null
                || changes.enabled() != null;
        Instant nextRunAt = timingChanged ? nextRun(cron, zone, enabled, now) : current.nextRunAt();
        return store.schedules.update(new Schedule(current.id(), Changes.orCurrent(changes.name(), current.name()),
                Changes.orCurrent(changes.pipeline(), current.pipeline()), cron, zone, enabled, nextRunAt,
                current.lastRunAt(), current.lastResult(), current.createdAt(), now, current.version() + 1));
    }

    @Override
    public Schedule setLastResult(String id, String result) {
        return session.write(store -> {
            Schedule current = store.schedules.require(id);
            return store.schedules.update(new Schedule(id, current.name(), current.pipeline(),
                    current.cronExpression(), current.timeZone(), current.enabled(), current.nextRunAt(),
                    current.lastRunAt(), result, current.createdAt(), session.now(), current.version() + 1));
        });
    }

    @Override
    public Schedule recordRun(String id, long expectedVersion, Instant ranAt, String result) {
        return session.write(store -> {
            Schedule current = store.schedules.requireVersion(id, expectedVersion, Schedule::version);
            return store.schedules.update(new Schedule(id, current.name(), current.pipeline(),
                    current.cronExpression(), current.timeZone(), current.enabled(),
                    nextRun(current.cronExpression(), current.timeZone(), current.enabled(), ranAt),
                    ranAt, result, current.createdAt(), session.now(), current.version() + 1));
        });
    }

    @Override
    public List<Schedule> findDue(Instant asOf, int limit) {
        return session.read(store -> {
            List<Schedule> due = new ArrayList<>();
            for (Schedule schedule : store.schedulesByNextRun.ascending().values()) {
                if (due.size() == limit || schedule.nextRunAt().isAfter(asOf)) {
                    break;
                }
                due.add(schedule);
            }
            return due;
        });
    }

    @Override
    public Optional<Schedule> find(String id) {
        return session.read(store -> Optional.ofNullable(store.schedules.find(id)));
    }

    @Override
    public Schedule get(String id) {
        return session.read(store -> store.schedules.require(id));
    }

    @Override
    public Page<Schedule> list(PageRequest page) {
        return session.read(store -> Pager.page(store.schedulesByCreation, schedule -> true, page));
    }

    @Override
    public boolean delete(String id) {
        return session.write(store -> {
            if (!store.schedules.delete(id)) {
                return false;
            }
            store.executions.deleteWhere(execution -> id.equals(execution.scheduleId()));
            return true;
        });
    }

    /** The first fire time after {@code after}; null while disabled or when the expression never fires again. */
    private static Instant nextRun(String cron, ZoneId zone, boolean enabled, Instant after) {
        return enabled ? CronSchedules.nextRun(cron, zone, after).orElse(null) : null;
    }
}
