package io.opstate.schedules;

import io.opstate.Page;
import io.opstate.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Cron schedules of pipelines. Cron expressions are validated when saved; next runs are
 * computed by the library. Thread-safe; each method is atomic.
 */
public interface ScheduleRepository {
    /**
     * Stores a schedule; when enabled its next run is the first cron time after now.
     *
     * @throws io.opstate.InvalidInputException naming {@code cronExpression} for a bad expression
     * @throws io.opstate.DuplicateKeyException if the id is taken
     */
    Schedule create(NewSchedule schedule);

    /**
     * Applies {@code changes} to the schedule at {@code expectedVersion}.
     *
     * @throws io.opstate.StaleVersionException if it changed since that version
     * @throws io.opstate.NotFoundException if there is no such schedule
     */
    Schedule update(String id, long expectedVersion, ScheduleChanges changes);

    /**
     * Records that the schedule fired at {@code ranAt} with {@code result} and advances its next
     * run to the first cron time after {@code ranAt}. The version check makes firing
     * at-most-once when several schedulers race for the same due schedule: the losers get
     * {@link io.opstate.StaleVersionException}.
     *
     * @throws io.opstate.NotFoundException if there is no such schedule
     */
    Schedule recordRun(String id, long expectedVersion, Instant ranAt, String result);

    /** Enabled schedules whose next run is at or before {@code asOf}, soonest first, then by id; at most {@code limit} (1..1000). */
    List<Schedule> findDue(Instant asOf, int limit);

    /** The schedule, or empty. */
    Optional<Schedule> find(String id);

    /**
     * The schedule.
     *
     * @throws io.opstate.NotFoundException if there is none with this id
     */
    Schedule get(String id);

    /** One page of schedules, ordered by {@code createdAt} then id. */
    Page<Schedule> list(PageRequest page);

    /** Deletes the schedule and all its executions; returns whether it existed. */
    boolean delete(String id);
}
