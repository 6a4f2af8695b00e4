package io.opstate.schedules;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.internal.PageWalker;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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
     * Applies {@code changes} to the schedule whatever its version, as {@link #update(String,
     * long, ScheduleChanges)} does otherwise (the next run recomputed from now when the changes
     * carry an expression, a zone or the enabled flag): for a host that saves on every change and
     * does not care what changed in between. Atomic: concurrent updates are applied one after
     * the other, each to what the one before left, so none is lost.
     *
     * @throws io.opstate.InvalidInputException naming the record component (or {@code changes}
     *     when null) for bad input
     * @throws io.opstate.NotFoundException if there is no such schedule
     */
    Schedule update(String id, ScheduleChanges changes);

    /**
     * Creates or replaces the schedule with id {@code schedule.id()}, in one atomic step (an
     * upsert), without reading its version first. A new schedule is stored as {@link #create}
     * stores it, at version 1. An existing one gets the given name, pipeline, expression, zone
     * and enabled flag; its version gains 1, {@code updatedAt} becomes now, and
     * {@code createdAt}, {@code lastRunAt} and {@code lastResult} are kept. Its next run is
     * recomputed from now only when the expression, the zone or the enabled flag differs from
     * the stored one (compared as stored: the expression's text, the zone's id), so saving an
     * unchanged schedule never moves a run that is due.
     *
     * @throws io.opstate.InvalidInputException naming {@code id} when it is null (an upsert
     *     needs the key), else as {@link #create} does
     */
    Schedule save(NewSchedule schedule);

    /**
     * Records that the schedule fired at {@code ranAt} with {@code result} and advances its next
     * run to the first cron time after {@code ranAt}. The version check makes firing
     * at-most-once when several schedulers race for the same due schedule: the losers get
     * {@link io.opstate.StaleVersionException}.
     *
     * @throws io.opstate.NotFoundException if there is no such schedule
     */
    Schedule recordRun(String id, long expectedVersion, Instant ranAt, String result);

    /**
     * Sets the outcome of the last run to {@code result} (null clears it) and nothing else:
     * {@code lastRunAt} and {@code nextRunAt} stay. For a scheduler that records the run when it
     * fires ({@link #recordRun}) and its outcome once the pipeline finishes. Whatever the version
     * (the run is already recorded); the version gains 1 and {@code updatedAt} becomes now.
     *
     * @throws io.opstate.InvalidInputException naming {@code id} or {@code result} for bad input
     * @throws io.opstate.NotFoundException if there is no such schedule
     */
    Schedule setLastResult(String id, String result);

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

    /**
     * Every schedule, in {@code order} of {@code createdAt} then id, as {@link #list} returns
     * them, read lazily page by page ({@value PageRequest#MAX_LIMIT} schedules a page, the next
     * page only once the previous one is consumed). The guarantees of
     * {@link io.opstate.jobs.JobRepository#stream} hold: memory bounded by about one page; no
     * connection, transaction or lock held between pages; not a snapshot (schedules created,
     * changed or deleted meanwhile may or may not appear, every schedule present the whole time
     * appears exactly once); a null order means newest first; read errors thrown by the
     * terminal operation. Closing releases nothing; try-with-resources is still good practice.
     */
    default Stream<Schedule> stream(SortOrder order) {
        return PageWalker.stream(this::list, order);
    }

    /** Deletes the schedule and all its executions; returns whether it existed. */
    boolean delete(String id);
}
