package io.opstate.tck;

import io.opstate.Datastore;
import io.opstate.PageRequest;
import io.opstate.constructs.NewConstruct;
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
 * holding a dedup key and one running job, a pipeline, a schedule, a running execution, a history event,
 * and two constructs joined by one edge. Every call that
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
    /**
     * The seeded constructs and the type of the one edge from {@link #CONSTRUCT} to
     * {@link #OTHER_CONSTRUCT}: names of {@link #KNOWN_NAMES} already, so that generated ids and
     * types meet them without changing what the other entry points generate.
     */
    static final String CONSTRUCT = "hourly";
    static final String OTHER_CONSTRUCT = "w1";
    static final String LINK_TYPE = QUEUED_TYPE;
    /** Names valid values are often drawn from, so generated calls meet existing records. */
    static final String[] KNOWN_NAMES = {QUEUED_JOB, QUEUED_TYPE, RUNNING_JOB, RUNNING_TYPE, PIPELINE, SCHEDULE,
        EXECUTION, "hourly", "w1"};

    static HostileSeed into(Datastore store) {
        Job queued = store.jobs().create(NewJob.of(QUEUED_TYPE).withId(QUEUED_JOB).withDedupKey(QUEUED_KEY));
        store.jobs().create(NewJob.of(RUNNING_TYPE).withId(RUNNING_JOB));
        Job running = store.jobs().claimNext("w1", Set.of(RUNNING_TYPE), Duration.ofMinutes(5)).orElseThrow();
        store.pipelines().create(NewPipeline.of(PIPELINE, "{\"steps\":[]}"));
        store.schedules().create(NewSchedule.of("hourly", PIPELINE, "0 * * * *").withId(SCHEDULE));
        store.executions().start(NewExecution.of(PIPELINE, "alice").withId(EXECUTION));
        store.constructs().create(NewConstruct.of(RUNNING_TYPE, QUEUED_TYPE).withId(CONSTRUCT)
                .withMetadata("{\"seed\": true}"));
        store.constructs().create(NewConstruct.of(RUNNING_TYPE, RUNNING_TYPE).withId(OTHER_CONSTRUCT));
        store.constructs().link(CONSTRUCT, LINK_TYPE, OTHER_CONSTRUCT, null);
        long event = store.history().append(NewHistoryEvent.of("seeded").withSubjectId(QUEUED_JOB)).id();
        String cursor = store.jobs().list(JobQuery.all(), PageRequest.first(1)).nextCursor();
        return new HostileSeed(running.fencingToken(), event, cursor, running, queued);
    }

    static boolean isJob(String id) {
        return QUEUED_JOB.equals(id) || RUNNING_JOB.equals(id);
    }
}
