package io.opstate.cli.testing;

import io.opstate.tokens.CreatedToken;
import io.opstate.tokens.NewToken;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.opstate.Datastore;
import io.opstate.artifacts.NewArtifact;
import io.opstate.constructs.ConstructChanges;
import io.opstate.constructs.NewConstruct;
import io.opstate.sessions.NewSession;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.NewExecution;
import io.opstate.history.HistoryEvent;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.JobRepository;
import io.opstate.jobs.NewJob;
import io.opstate.pipelines.NewPipeline;
import io.opstate.pipelines.PipelineChanges;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.ScheduleChanges;
import io.opstate.tck.SettableClock;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.time.ZoneId;
import java.util.Set;

/**
 * Fills an empty store with one of every kind of record a copy must carry: jobs in every status
 * (one running mid-lease with progress, one retried, one delayed), pipelines, enabled and
 * disabled schedules with executions, history whose sequence has a gap in the middle. Text is
 * partly non-ASCII; JSON has odd spacing, key order, nesting and numbers, so a copy into
 * PostgreSQL compares by meaning, not spelling. Times move with the store's settable clock, so
 * they carry microseconds.
 */
public final class OneOfEverything {
    public static final String PAYLOAD =
            "{ \"path\" : \"/data/ä ö.csv\", \"sizes\": [1, 2.5, -3, null], \"z\": {\"ok\": true}, \"a\": \"日本\" }";
    /** The id of the one artifact: its row and its construct's usage row are copied, its blob is not. */
    public static final String ARTIFACT = "artifact-log";
    public static final Duration LEASE = Duration.ofMinutes(30);

    /** The dedup key the queued job holds. */
    public static final String QUEUED_DEDUP_KEY = "thumbnail:cat.png ✓";

    private OneOfEverything() {
    }

    /** Writes the records, moving {@code clock} a little between writes; returns the id of the last history event. */
    public static long populate(Datastore store, SettableClock clock) {
        JobRepository jobs = store.jobs();
        jobs.create(NewJob.of("thumbnail").withId("job-queued").withPayload(PAYLOAD).withPriority(-7)
                .withStage("waiting").withMessage("en file d'attente ✓").withDedupKey(QUEUED_DEDUP_KEY));
        tick(clock);
        jobs.create(NewJob.of("thumbnail").withId("job-delayed").withNotBefore(Instant.parse("2100-01-01T00:00:00.000001Z")));
        tick(clock);
        Job running = claimNew(jobs, clock, "job-running", 3);
        jobs.reportProgress(running.id(), running.fencingToken(),
                JobProgress.bytes(512, 2048).withStage("copying").withMessage("ein Viertel"));
        tick(clock);
        Job progressed = claimNew(jobs, clock, "job-fraction", 2);
        jobs.reportProgress(progressed.id(), progressed.fencingToken(), JobProgress.fraction(0.3333333333333333));
        Job succeeded = claimNew(jobs, clock, "job-succeeded", 3);
        jobs.complete(succeeded.id(), succeeded.fencingToken(), "{\"rows\": 42, \"warnings\": [], \"ratio\": 0.125}");
        Job retried = claimNew(jobs, clock, "job-retried", 3);
        jobs.fail(retried.id(), retried.fencingToken(), JobFailure.of("timeout").withDetail("after 30 s")
                .retryAt(clock.instant().plusSeconds(90)));
        tick(clock);
        Job again = jobs.claimNext("worker-2", Set.of("job-retried-type"), LEASE).orElse(null);
        Job failed = claimNew(jobs, clock, "job-failed", 1);
        jobs.fail(failed.id(), failed.fencingToken(), JobFailure.of("boom").withDetail("stack\n\tat here"));
        jobs.create(NewJob.of("cancel-type").withId("job-cancelled").withMaxAttempts(1000));
        tick(clock);
        jobs.cancel("job-cancelled");
        if (again != null) {
            throw new AssertionError("a job retried for later must not be claimable yet");
        }

        store.pipelines().create(NewPipeline.of("nightly", "{\"steps\": [\"extract\", \"load\"], \"retries\": 2}")
                .withDescription("the nightly load"));
        tick(clock);
        store.pipelines().update("nightly", 1, PipelineChanges.none().withDescription("the nightly load, v2 — ünïcode")
                .withConfig("{\"retries\":3,\"steps\":[]}"));
        store.pipelines().create(NewPipeline.of("adhoc", "[]"));

        var berlin = store.schedules().create(NewSchedule.of("every-5", "nightly", "*/5 * * * *")
                .withId("sched-berlin").withTimeZone(ZoneId.of("Europe/Berlin")));
        tick(clock);
        store.schedules().recordRun(berlin.id(), berlin.version(), berlin.nextRunAt(), "ok");
        store.schedules().create(NewSchedule.of("paused", "adhoc", "0 3 * * 1").withId("sched-off").withEnabled(false));
        store.schedules().update("sched-off", 1, ScheduleChanges.none().withName("paused-renamed"));

        store.executions().start(NewExecution.of("nightly", "scheduler").withId("exec-done").withScheduleId("sched-berlin")
                .withJobId("job-succeeded").withContext("{\"day\": \"2026-03-01\", \"n\": [1, {\"x\": null}]}"));
        tick(clock);
        store.executions().finish("exec-done", ExecutionOutcome.succeeded().withSteps("[{\"name\": \"extract\"}]"));
        store.executions().start(NewExecution.of("nightly", "scheduler").withId("exec-failed").withScheduleId("sched-berlin"));
        tick(clock);
        store.executions().finish("exec-failed", ExecutionOutcome.failed("disk full"));
        store.executions().start(NewExecution.of("adhoc", "api").withId("exec-running").withSteps("{}"));

        store.constructs().create(NewConstruct.of("plan", "approved").withId("construct-plan")
                .withTitle("Move billing — ünïcode").withMetadata("{\"repo\": \"billing\", \"tags\": [\"a\", {\"b\": null}], \"n\": 1.5}"));
        tick(clock);
        store.constructs().create(NewConstruct.of("implementation", "running").withId("construct-impl"));
        tick(clock);
        store.constructs().update("construct-impl", 1, ConstructChanges.none().withStatus("done").withMetadata("{}"));
        store.constructs().link("construct-plan", "implemented-by", "construct-impl", "{\"order\": 1}");
        store.constructs().link("construct-impl", "follows", "construct-plan", null);
        store.sessions().create(NewSession.of("construct-impl", "running").withId("session-impl")
                .withMetrics("{\"timings\": {\"plan\": 1200}, \"interventions\": []}"));
        store.sessions().saveState("session-impl", 0, "{\"step\": 1}");
        tick(clock);
        store.sessions().saveState("session-impl", 1, "{\"step\": 2, \"note\": \"ünïcode\"}");
        store.transcripts().appendAll("session-impl", List.of(NewTranscriptEntry.of("user", "Plan the move"),
                NewTranscriptEntry.of("assistant", "Done — 2 steps").withData("{\"tool\": null}")));
        store.resources().declareKind(io.opstate.resources.ResourceKind.of("instance", "stopped", "running")
                .withLabelValues("backend_type", "llama_cpp", "vllm"));
        io.opstate.resources.Resource instance = store.resources().create(io.opstate.resources.NewResource
                .of("instance", "llama-7b").withOwner("team-a").withSpec("{\"port\": 8080, \"name\": \"ünïcode\"}")
                .withLabel("backend_type", "llama_cpp").withLabel("model_id", "m-1"));
        tick(clock);
        store.resources().transition(instance.id(), 1, "running", "{\"pid\": 42}");
        store.resources().delete(store.resources().save(io.opstate.resources.NewResource.of("instance", "gone")).id());
        store.artifacts().put(NewArtifact.of("construct-impl", "command-log", "build.log", "text/plain")
                .withId(ARTIFACT).withMetadata("{\"exit\": 0}"), new ByteArrayInputStream("built ✓\n".getBytes(UTF_8)));
        CreatedToken used = store.tokens().create(NewToken.of("deploy bot", Set.of("jobs:read", "jobs:write")));
        tick(clock);
        store.tokens().verify(used.secret());
        String revoked = store.tokens().create(NewToken.of("old ✓", Set.of())
                .withExpiresAt(clock.instant().plus(Duration.ofDays(30)))).token().id();
        tick(clock);
        store.tokens().revoke(revoked);
        store.preferences().save("alice", "theme", "{\"dark\": true, \"note\": \"ünïcode\"}");
        tick(clock);
        store.preferences().save(null, "limits", "[1, 2, 3]");
        store.preferences().save(null, "limits", "[1, 2]", 1);

        return appendWithGap(store, clock);
    }

    /** Appends history, one event at an earlier time, then lets retention delete that one: a gap in the middle. */
    private static long appendWithGap(Datastore store, SettableClock clock) {
        store.history().append(NewHistoryEvent.of("job.created").withSubjectId("job-queued")
                .withMetadata("{\"actor\": \"ops\", \"reason\": \"€ budget\"}"));
        tick(clock);
        Instant now = clock.instant();
        clock.set(now.minus(Duration.ofDays(1)));
        store.history().append(NewHistoryEvent.of("lost"));
        clock.set(now.plusMillis(1));
        store.history().append(NewHistoryEvent.of("deploy").withMetadata("[1, 2, 3]"));
        HistoryEvent last = store.history().append(NewHistoryEvent.of("job.failed").withSubjectId("job-failed")
                .withMetadata("\"just a string\""));
        if (store.history().deleteBefore(now.minus(Duration.ofHours(1))) != 1) {
            throw new AssertionError("exactly the back-dated event must be deleted");
        }
        return last.id();
    }

    private static Job claimNew(JobRepository jobs, SettableClock clock, String id, int maxAttempts) {
        jobs.create(NewJob.of(id + "-type").withId(id).withPayload("{\"for\": \"" + id + "\"}").withMaxAttempts(maxAttempts));
        tick(clock);
        return jobs.claimNext("worker-" + id, Set.of(id + "-type"), LEASE).orElseThrow();
    }

    private static void tick(SettableClock clock) {
        clock.advance(Duration.ofNanos(1_234_567_891L));
    }
}
