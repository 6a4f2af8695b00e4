package io.opstate.core;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.Schedule;
import io.opstate.schedules.ScheduleChanges;
import io.opstate.schedules.ScheduleRepository;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Checks and normalises the arguments of every {@link ScheduleRepository} call, then delegates. */
final class ValidatingScheduleRepository implements ScheduleRepository {
    private final ScheduleRepository backend;

    ValidatingScheduleRepository(ScheduleRepository backend) {
        this.backend = backend;
    }

    @Override
    public Schedule create(NewSchedule schedule) {
        Checks.required("schedule", schedule);
        return backend.create(checked(schedule, schedule.id() == null ? Ids.newId() : schedule.id()));
    }

    @Override
    public Schedule save(NewSchedule schedule) {
        Checks.required("schedule", schedule);
        return backend.save(checked(schedule, schedule.id()));
    }

    @Override
    public Schedule update(String id, long expectedVersion, ScheduleChanges changes) {
        TextChecks.name("id", id);
        return backend.update(id, expectedVersion, checked(changes));
    }

    @Override
    public Schedule update(String id, ScheduleChanges changes) {
        TextChecks.name("id", id);
        return backend.update(id, checked(changes));
    }

    @Override
    public Schedule recordRun(String id, long expectedVersion, Instant ranAt, String result) {
        TextChecks.name("id", id);
        Instant checkedRanAt = Checks.requiredInstant("ranAt", ranAt);
        return backend.recordRun(id, expectedVersion, checkedRanAt, TextChecks.text("result", result));
    }

    @Override
    public Schedule setLastResult(String id, String result) {
        TextChecks.name("id", id);
        return backend.setLastResult(id, TextChecks.text("result", result));
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
    public Stream<Schedule> stream(SortOrder order) {
        return backend.stream(Checks.order(order));
    }

    @Override
    public boolean delete(String id) {
        return backend.delete(TextChecks.name("id", id));
    }

    /** {@code schedule} with {@code id}, each field checked; the expression stripped and a null zone UTC. */
    private static NewSchedule checked(NewSchedule schedule, String id) {
        return new NewSchedule(
                TextChecks.name("id", id),
                TextChecks.name("name", schedule.name()),
                TextChecks.name("pipeline", schedule.pipeline()),
                cron(schedule.cronExpression()),
                schedule.timeZone() == null ? ZoneOffset.UTC : Checks.timeZone("timeZone", schedule.timeZone()),
                schedule.enabled());
    }

    private static ScheduleChanges checked(ScheduleChanges changes) {
        Checks.required("changes", changes);
        return new ScheduleChanges(
                TextChecks.optionalName("name", changes.name()),
                TextChecks.optionalName("pipeline", changes.pipeline()),
                changes.cronExpression() == null ? null : cron(changes.cronExpression()),
                Checks.timeZone("timeZone", changes.timeZone()),
                changes.enabled());
    }

    /** The expression without surrounding spaces, once checked; backends parse it again to compute runs. */
    private static String cron(String expression) {
        return CronSchedules.checked(expression);
    }
}
