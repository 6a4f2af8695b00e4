package io.opstate.core.maintenance;

import java.time.Duration;
import java.time.Instant;

/**
 * The store's record of when each background maintenance task last ran and who runs it now, so
 * that of all the processes on one store only one runs a task per interval. Kept in the store
 * itself (SQL: {@code opstate_maintenance_leases}; memory: the shared in-memory store), outside
 * the job queue. A backend offers it through {@link io.opstate.Datastore#unwrap}. Thread-safe;
 * each method is atomic across every process on the store.
 */
public interface TaskLeases {
    /**
     * Takes the task's lease for {@code holder} if the task is due at {@code now} (it never ran, or
     * its last run started at least its interval ago) and no other holder's lease is still running:
     * the task is then next due at {@code now + interval}, and the lease ends at {@code now + lease}
     * unless {@link #release}d earlier.
     *
     * @return empty when taken; else when to ask again ({@link #askAgainAt})
     */
    java.util.Optional<Instant> acquire(String task, String holder, Instant now, Duration interval, Duration lease);

    /**
     * When a holder that could not take a task asks again: when the task is next due, if that is
     * after {@code now}; else (it is due, but another holder's lease still runs: a run longer than
     * its interval, or a holder that died) an interval from now, or when that lease ends if sooner.
     * Never at the end of a running lease alone: a holder releases its lease as soon as its run
     * ends, long before the lease would run out, and one that waited for it would sit out an hour
     * of runs.
     *
     * @param leasedUntil when the running lease ends, null when none runs
     */
    static Instant askAgainAt(Instant nextDue, Instant leasedUntil, Instant now, Duration interval) {
        if (nextDue.isAfter(now)) {
            return nextDue;
        }
        Instant retry = now.plus(interval);
        return leasedUntil != null && leasedUntil.isBefore(retry) ? leasedUntil : retry;
    }

    /** Ends {@code holder}'s lease of the task, if it still holds it, leaving when it is next due unchanged. */
    void release(String task, String holder);
}
