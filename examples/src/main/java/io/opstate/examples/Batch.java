package io.opstate.examples;

import io.opstate.Datastore;
import io.opstate.StaleVersionException;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import io.opstate.schedules.Schedule;
import java.time.Instant;
import java.util.Map;

/**
 * The jobs enqueued by one run of the quickstart: those of the report type created since the
 * run started. Workers keep going until none of them is queued or running.
 */
final class Batch {
    private final Datastore store;
    private final Schedule schedule;
    private final Instant start;

    Batch(Datastore store, Schedule schedule, Instant start) {
        this.store = store;
        this.schedule = schedule;
        this.start = start;
    }

    Schedule schedule() {
        return schedule;
    }

    Instant start() {
        return start;
    }

    /** This batch's jobs. */
    JobQuery jobs() {
        return JobQuery.all().withTypes(ReportPipeline.JOB_TYPE).createdBetween(start, null);
    }

    /** Whether every job of the batch has finished (succeeded, failed or cancelled). */
    boolean isFinished() {
        Map<JobStatus, Long> counts = store.jobs().countByStatus(jobs());
        return counts.get(JobStatus.QUEUED) + counts.get(JobStatus.RUNNING) == 0;
    }

    /**
     * Records the batch as a run of its schedule. A real scheduler would fire the schedules that
     * {@code findDue} returns; the version check makes sure only one scheduler records a run.
     */
    Schedule recordAsScheduleRun(Instant ranAt) {
        Map<JobStatus, Long> counts = store.jobs().countByStatus(jobs());
        String result = counts.get(JobStatus.SUCCEEDED) + " succeeded, " + counts.get(JobStatus.FAILED) + " failed";
        Schedule current = store.schedules().get(schedule.id());
        try {
            return store.schedules().recordRun(current.id(), current.version(), ranAt, result);
        } catch (StaleVersionException e) {
            // Another host recorded a run in between; theirs stands.
            return store.schedules().get(schedule.id());
        }
    }
}
