package io.opstate.sqlite.testing;

import static io.opstate.tck.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.PageRequest;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.NewExecution;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.JobRepository;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import io.opstate.pipelines.NewPipeline;
import io.opstate.pipelines.PipelineChanges;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.ScheduleChanges;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

/**
 * A store holding one of everything: jobs in every status (one mid-lifecycle, claimed with
 * progress reported), a retried job, pipelines, enabled and disabled schedules, running and
 * finished executions, history with and without metadata. JSON is written with whitespace, odd
 * key order and non-ASCII text so a read-back compares meaning, not spelling.
 */
public final class SampleData {
    public static final String PAYLOAD = "{ \"path\" : \"/data/a b.csv\", \"sizes\": [1, 2.5, null], \"ü\": {\"ok\": true} }";
    public static final String RESULT = "{\"rows\": 42, \"warnings\": []}";
    public static final String CONFIG = "{\"steps\": [\"extract\", \"load\"], \"retries\": 2}";
    public static final String CONTEXT = "{\"trigger\": \"cron\", \"params\": {\"day\": \"2026-03-01\"}}";
    public static final String STEPS = "[{\"name\": \"extract\", \"status\": \"done\"}, {\"name\": \"load\"}]";
    public static final String METADATA = "{\"actor\": \"ops\", \"reason\": \"€ budget\"}";
    /** The lease of the job left running: long enough to stay held across a reopen. */
    public static final Duration LEASE = Duration.ofMinutes(30);

    private SampleData() {
    }

    /** Writes the sample into an empty store and returns the fencing token of the running job. */
    public static long populate(Datastore store) {
        JobRepository jobs = store.jobs();
        jobs.create(NewJob.of("queued-type").withId("job-queued").withPayload(PAYLOAD).withPriority(7)
                .withStage("waiting").withMessage("in line"));
        jobs.create(NewJob.of("later-type").withId("job-later").withNotBefore(Instant.parse("2100-01-01T00:00:00Z")));
        long token = runWithProgress(jobs);
        Job succeeded = createAndClaim(jobs, "job-succeeded", 3);
        jobs.complete(succeeded.id(), succeeded.fencingToken(), RESULT);
        Job retried = createAndClaim(jobs, "job-retried", 3);
        jobs.fail(retried.id(), retried.fencingToken(), JobFailure.of("timeout").withDetail("after 30 s")
                .retryAt(Instant.parse("2099-01-01T00:00:00Z")));
        Job failed = createAndClaim(jobs, "job-failed", 1);
        jobs.fail(failed.id(), failed.fencingToken(), JobFailure.of("boom").withDetail("stack\n  at here"));
        jobs.create(NewJob.of("cancel-type").withId("job-cancelled"));
        jobs.cancel("job-cancelled");

        store.pipelines().create(NewPipeline.of("nightly", CONFIG).withDescription("the nightly load"));
        store.pipelines().update("nightly", 1, PipelineChanges.none().withDescription("the nightly load, v2"));
        store.pipelines().create(NewPipeline.of("adhoc", "{}"));

        var schedule = store.schedules().create(NewSchedule.of("every-5", "nightly", "*/5 * * * *")
                .withId("sched-berlin").withTimeZone(ZoneId.of("Europe/Berlin")));
        store.schedules().recordRun(schedule.id(), schedule.version(), schedule.nextRunAt(), "ok");
        store.schedules().create(NewSchedule.of("paused", "adhoc", "0 3 * * 1").withId("sched-off").withEnabled(false));
        store.schedules().update("sched-off", 1, ScheduleChanges.none().withName("paused-renamed"));

        store.executions().start(NewExecution.of("nightly", "cron").withId("exec-done").withScheduleId("sched-berlin")
                .withJobId("job-succeeded").withContext(CONTEXT).withSteps("[]"));
        store.executions().updateSteps("exec-done", "[{\"name\": \"extract\"}]");
        store.executions().finish("exec-done", ExecutionOutcome.succeeded().withSteps(STEPS));
        store.executions().start(NewExecution.of("adhoc", "api").withId("exec-running"));

        store.history().append(NewHistoryEvent.of("job.created").withSubjectId("job-queued").withMetadata(METADATA));
        store.history().append(NewHistoryEvent.of("deploy"));
        store.history().append(NewHistoryEvent.of("job.failed").withSubjectId("job-failed").withMetadata("[1, 2, 3]"));
        return token;
    }

    /** Checks the JSON of the sample by meaning, and that every record kind came back. */
    public static void assertReadBack(Datastore store) {
        var jobs = store.jobs();
        assertJsonEquals(PAYLOAD, jobs.get("job-queued").payload());
        assertJsonEquals(RESULT, jobs.get("job-succeeded").result());
        assertThat(jobs.get("job-running").status()).isEqualTo(JobStatus.RUNNING);
        assertThat(jobs.get("job-retried").status()).isEqualTo(JobStatus.QUEUED);
        assertThat(jobs.get("job-failed").errorDetail()).isEqualTo("stack\n  at here");
        assertThat(jobs.get("job-cancelled").status()).isEqualTo(JobStatus.CANCELLED);
        assertJsonEquals(CONFIG, store.pipelines().get("nightly").config());
        assertThat(store.schedules().get("sched-berlin").timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(store.schedules().get("sched-off").enabled()).isFalse();
        assertJsonEquals(CONTEXT, store.executions().get("exec-done").context());
        assertJsonEquals(STEPS, store.executions().get("exec-done").steps());
        var history = store.history().list(HistoryQuery.bySubject("job-queued"), PageRequest.first()).items();
        assertThat(history).hasSize(1);
        assertJsonEquals(METADATA, history.get(0).metadata());
    }

    private static long runWithProgress(JobRepository jobs) {
        Job running = createAndClaim(jobs, "job-running", 3);
        jobs.reportProgress(running.id(), running.fencingToken(),
                JobProgress.bytes(512, 2048).withStage("copying").withMessage("a quarter"));
        return running.fencingToken();
    }

    private static Job createAndClaim(JobRepository jobs, String id, int maxAttempts) {
        jobs.create(NewJob.of(id + "-type").withId(id).withPayload("{\"for\": \"" + id + "\"}").withMaxAttempts(maxAttempts));
        Job claimed = jobs.claimNext("worker-" + id, Set.of(id + "-type"), LEASE).orElseThrow();
        assertThat(claimed.id()).isEqualTo(id);
        return claimed;
    }
}
