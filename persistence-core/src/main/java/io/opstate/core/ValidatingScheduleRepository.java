package io.opstate.core;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.Schedule;
import io.opstate.schedules.ScheduleChanges;
import io.opstate.schedules.ScheduleRepository;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Checks and normalises the arguments of every {@link ScheduleRepository} call, then delegates. */
final class ValidatingScheduleRepository implements ScheduleRepository {
    private final ScheduleRepository backend;

    ValidatingScheduleRepository(ScheduleRepository backend) {
        this.backend = backend;
    }

    @Override
    public Schedule create(NewSchedule schedule) {
        Checks.required("schedule", schedule);
        String id = schedule.id() == null ? Ids.newId() : TextChecks.name("id", schedule.id());
        return backend.create(new NewSchedule(
                id,
                TextChecks.name("name", schedule.name()),
                TextChecks.name("pipeline", schedule.pipeline()),
                cron(schedule.cronExpression()),
                schedule.timeZone() == null ? ZoneOffset.UTC : Checks.timeZone("timeZone", schedule.timeZone()),
                schedule.enabled()));
    }

    @Override
    public Schedule update(String id, long expectedVersion, ScheduleChanges changes) {
        TextChecks.name("id", id);
        Checks.required("changes", changes);
        return backend.update(id, expectedVersion, new ScheduleChanges(
                TextChecks.optionalName("name", changes.name()),
                TextChecks.optionalName("pipeline", changes.pipeline()),
                changes.cronExpression() == null ? null : cron(changes.cronExpression()),
                Checks.timeZone("timeZone", changes.timeZone()),
                changes.enabled()));
    }

    @Override
    public Schedule recordRun(String id, long expectedVersion, Instant ranAt, String result) {
        TextChecks.name("id", id);
        Instant checkedRanAt = Checks.requiredInstant("ranAt", ranAt);
        return backend.recordRun(id, expectedVersion, checkedRanAt, TextChecks.text("result", result));
    }

    @Override
    public List<Schedule> findDue(Instant asOf, int limit) {
        Instant checkedAsOf = Checks.requiredInstant("asOf", asOf);
        return backend.findDue(checkedAsOf, Checks.limit(limit));
    }

    @Override
    public Optional<Schedule> find(String id) {
        return KeyReads.find("id", id, backend::find);
    }

    @Override
    public Schedule get(String id) {
        return KeyReads.get("id", "schedule", id, backend::get);
    }

    @Override
    public Page<Schedule> list(PageRequest page) {
        return backend.list(Checks.page(page, false));
    }

    @Override
    public boolean delete(String id) {
        return backend.delete(TextChecks.name("id", id));
    }

    /** The expression without surrounding spaces, once checked; backends parse it again to compute runs. */
    private static String cron(String expression) {
        return CronSchedules.checked(expression);
    }
}
