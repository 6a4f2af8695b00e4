package io.opstate.tck;

import io.opstate.Datastore;
import io.opstate.PageRequest;
import io.opstate.executions.NewExecution;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.NewJob;
import io.opstate.pipelines.NewPipeline;
import io.opstate.schedules.NewSchedule;
import java.time.Duration;
import java.util.Set;

/**
 * What the hostile-input contract puts in a store before throwing values at it: one queued job
 * holding a dedup key and one running job, a pipeline, a schedule, a running execution and a history event. Every call that
 * passes validation and writes is rolled back, so the store holds exactly this throughout and the
 * outcome of a valid call follows from these records alone.
 *
 * @param runningToken the fencing token that holds {@link #RUNNING_JOB}
 * @param running {@link #RUNNING_JOB} as its claim returned it, for handles of that claim
 * @param queued {@link #QUEUED_JOB} as created: a job no handle can be made of
 * @param historyEvent the sequence number of the event
 * @param jobCursor the cursor after the first of the two jobs, newest first
 */
record HostileSeed(long runningToken, long historyEvent, String jobCursor, Job running, Job queued) {
    static final String QUEUED_JOB = "q1";
    static final String QUEUED_TYPE = "seed";
    /** The dedup key the queued job holds: a known name, so generated keys meet it. */
    static final String QUEUED_KEY = QUEUED_TYPE;
    static final String RUNNING_JOB = "r1";
    static final String RUNNING_TYPE = "work";
    static final String PIPELINE = "etl";
    static final String SCHEDULE = "s1";
    static final String EXECUTION = "e1";
    /** Names valid values are often drawn from, so generated calls meet existing records. */
    static final String[] KNOWN_NAMES = {QUEUED_JOB, QUEUED_TYPE, RUNNING_JOB, RUNNING_TYPE, PIPELINE, SCHEDULE,
        EXECUTION, "hourly", "w1", HostileSessionCalls.CONSTRUCT, HostileSessionCalls.SESSION};

    static HostileSeed into(Datastore store) {
        Job queued = store.jobs().create(NewJob.of(QUEUED_TYPE).withId(QUEUED_JOB).withDedupKey(QUEUED_KEY));
        store.jobs().create(NewJob.of(RUNNING_TYPE).withId(RUNNING_JOB));
        Job running = store.jobs().claimNext("w1", Set.of(RUNNING_TYPE), Duration.ofMinutes(5)).orElseThrow();
        store.pipelines().create(NewPipeline.of(PIPELINE, "{\"steps\":[]}"));
        store.schedules().create(NewSchedule.of("hourly", PIPELINE, "0 * * * *").withId(SCHEDULE));
        store.executions().start(NewExecution.of(PIPELINE, "alice").withId(EXECUTION));
        long event = store.history().append(NewHistoryEvent.of("seeded").withSubjectId(QUEUED_JOB)).id();
        String cursor = store.jobs().list(JobQuery.all(), PageRequest.first(1)).nextCursor();
        return new HostileSeed(running.fencingToken(), event, cursor, running, queued);
    }

    static boolean isJob(String id) {
        return QUEUED_JOB.equals(id) || RUNNING_JOB.equals(id);
    }
}
