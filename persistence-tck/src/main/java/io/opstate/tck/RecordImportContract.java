package io.opstate.tck;

import static io.opstate.tck.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.DuplicateKeyException;
import io.opstate.DuplicateDedupKeyException;
import io.opstate.InvalidInputException;
import io.opstate.NotFoundException;
import io.opstate.StorageUnavailableException;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructChanges;
import io.opstate.constructs.ConstructLink;
import io.opstate.executions.Execution;
import io.opstate.sessions.Checkpoint;
import io.opstate.sessions.Session;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.ExecutionStatus;
import io.opstate.executions.NewExecution;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import io.opstate.imports.RecordImport;
import io.opstate.imports.RecordKind;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import io.opstate.pipelines.NewPipeline;
import io.opstate.pipelines.Pipeline;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Importing records as they were ({@link io.opstate.imports.RecordImport}): every field of every
 * type kept, times truncated to microseconds; a running job handed to the next claim with a
 * larger token; each batch all or nothing; duplicates and inconsistent records refused, naming the
 * record and the field; the same inside a transaction.
 */
public abstract class RecordImportContract extends TckSupport {
    /** Times with nanoseconds, well before the store's clock. */
    private static final Instant CREATED = Instant.parse("2025-12-18T10:30:00.123456789Z");

    private static Instant at(long seconds) {
        return CREATED.plusSeconds(seconds);
    }

    /** {@code instant} as a store keeps it; null stays null. */
    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static Job succeededJob(String id) {
        return Job.builder(id, "pull")
                .status(JobStatus.SUCCEEDED)
                .stage("download")
                .progress(1.0)
                .bytes(548_118_077L, 548_118_077L)
                .message("done")
                .payload("{\"model\": \"gpt2\", \"quantize\": \"auto\", \"init\": true}")
                .result("{\"local_path\": \"/models/gpt2\"}")
                .error("an earlier attempt failed", "Traceback (most recent call last):\n  File ...")
                .attempts(2, 5)
                .priority(7)
                .createdAt(at(0))
                .updatedAt(at(20))
                .startedAt(at(1))
                .finishedAt(at(15))
                .notBefore(at(0))
                .workerId("worker-7")
                .fencingToken(41)
                .version(9)
                .build();
    }

    private static Job runningJob(String id, long token) {
        return Job.builder(id, "pull")
                .status(JobStatus.RUNNING)
                .progress(0.25)
                .bytes(100, 400L)
                .attempts(1, 3)
                .createdAt(at(-60))
                .startedAt(at(-59))
                .workerId("gone-worker")
                .leaseExpiresAt(at(3600))
                .fencingToken(token)
                .build();
    }

    /** {@code job} as a store keeps it: times truncated; its JSON compared apart, by meaning. */
    private static void assertSameJob(Job stored, Job expected) {
        assertJsonEquals(expected.payload(), stored.payload());
        assertJsonEquals(expected.result(), stored.result());
        UnaryOperator<Job> comparable = job -> job.toBuilder().payload(null).result(null)
                .createdAt(micros(job.createdAt())).updatedAt(micros(job.updatedAt()))
                .startedAt(micros(job.startedAt()))
                .finishedAt(micros(job.finishedAt()))
                .notBefore(micros(job.notBefore()))
                .leaseExpiresAt(micros(job.leaseExpiresAt()))
                .build();
        assertThat(comparable.apply(stored)).isEqualTo(comparable.apply(expected));
    }

    @Test
    @DisplayName("a job keeps every field: status, times (to the microsecond), progress, attempts, result, error, token, version")
    void aJobKeepsEveryField() {
        Job job = succeededJob("550e8400-e29b-41d4-a716-446655440000");
        List<Job> imported = store.records().importJobs(List.of(job));

        assertThat(imported).hasSize(1);
        assertSameJob(imported.get(0), job);
        assertSameJob(jobs().get(job.id()), job);
        assertThat(jobs().get(job.id()).createdAt()).isEqualTo(Instant.parse("2025-12-18T10:30:00.123456Z"));
    }

    @Test
    @DisplayName("derived fields: updatedAt is the latest known time, notBefore the creation time")
    void derivedJobFields() {
        Job failed = Job.builder("f", "pull").status(JobStatus.FAILED).attempts(1, 1).createdAt(at(0)).startedAt(at(2))
                .finishedAt(at(5)).error("Repository Not Found", null).build();
        Job queued = Job.builder("q", "pull").createdAt(at(3)).build();

        List<Job> imported = store.records().importJobs(List.of(failed, queued));

        assertThat(imported.get(0).updatedAt()).isEqualTo(micros(at(5)));
        assertThat(imported.get(0).notBefore()).isEqualTo(micros(at(0)));
        assertThat(imported.get(0).version()).isEqualTo(1);
        assertThat(imported.get(1).updatedAt()).isEqualTo(micros(at(3)));
        assertThat(imported.get(1).status()).isEqualTo(JobStatus.QUEUED);
        assertThat(imported.get(1).fencingToken()).isZero();
        assertThat(jobs().claimNext("w", Set.of("pull"), LEASE)).map(Job::id).contains("q");
    }

    @Test
    @DisplayName("a store's own records, read back, deleted and imported, come back equal: the path a whole-store export takes")
    void aStoresOwnRecordsRoundTrip() {
        Pipeline pipeline = pipelines().create(NewPipeline.of("etl", "{\"steps\": [1, 2]}").withDescription("d"));
        pipelines().update("etl", pipeline.version(), io.opstate.pipelines.PipelineChanges.none().withConfig("{\"steps\": []}"));
        Schedule schedule = schedules().create(NewSchedule.of("nightly", "etl", "0 2 * * *").withId("s1")
                .withTimeZone(ZoneId.of("America/New_York")));
        advance(Duration.ofMinutes(3));
        schedules().recordRun("s1", schedule.version(), now(), "ok");
        schedules().create(NewSchedule.of("off", "etl", "*/5 * * * *").withId("s2").withEnabled(false));
        executions().start(NewExecution.of("etl", "scheduler").withId("e1").withScheduleId("s1").withContext("{\"run\": 1}"));
        advance(Duration.ofMillis(1_234_567));
        executions().finish("e1", ExecutionOutcome.failed("boom").withSteps("[{\"ok\": false}]"));
        executions().start(NewExecution.of("etl", "alice").withId("e2"));
        jobs().create(NewJob.of("t").withId("queued").withPayload("{\"n\": 1}").withPriority(5).withStage("wait"));
        Job done = createAndClaim("t2", "w1");
        jobs().reportProgress(done.id(), done.fencingToken(), io.opstate.jobs.JobProgress.bytes(5, 10).withMessage("half"));
        advance(Duration.ofSeconds(2));
        jobs().complete(done.id(), done.fencingToken(), "{\"ok\": true}");
        Job failing = createAndClaim("t3", "w2");
        jobs().fail(failing.id(), failing.fencingToken(), JobFailure.of("bad").withDetail("trace"));
        jobs().cancel(jobs().create(NewJob.of("t4").withId("cancelled")).id());
        history().append(NewHistoryEvent.of("a").withSubjectId("queued").withMetadata("{\"x\": 1}"));
        advance(Duration.ofSeconds(1));
        history().append(NewHistoryEvent.of("b"));
        StoreSnapshot before = StoreSnapshot.of(store);

        before.jobs().forEach(job -> jobs().delete(job.id()));
        executions().deleteStartedBefore(Instant.parse("9999-01-01T00:00:00Z"));
        before.schedules().forEach(s -> schedules().delete(s.id()));
        before.pipelines().forEach(p -> pipelines().delete(p.name()));
        history().deleteBefore(Instant.parse("9999-01-01T00:00:00Z"));
        assertThat(StoreSnapshot.of(store).jobs()).isEmpty();

        store.useTransaction(tx -> {
            tx.records().importPipelines(before.pipelines());
            tx.records().importSchedules(before.schedules());
            tx.records().importExecutions(before.executions());
            tx.records().importJobs(before.jobs());
            tx.records().importHistory(before.history());
        });

        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
        Job next = createAndClaim("t5", "w3");
        assertThat(next.fencingToken()).isGreaterThan(before.jobs().stream().mapToLong(Job::fencingToken).max().orElseThrow());
        assertThat(history().append(NewHistoryEvent.of("c")).id())
                .isGreaterThan(before.history().stream().mapToLong(HistoryEvent::id).max().orElseThrow());
    }

    @Test
    @DisplayName("a running job gets an expired lease: the next claim takes it over, with a larger token than any imported")
    void aRunningJobIsClaimedAgainWithALargerToken() {
        Job running = runningJob("r", 500);
        Job other = succeededJob("s").toBuilder().fencingToken(900).build();
        store.records().importJobs(List.of(running, other));

        Job stored = jobs().get("r");
        assertThat(stored.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(stored.leaseExpiresAt()).as("lease ends at the import").isEqualTo(now());
        assertThat(stored.fencingToken()).isEqualTo(500);
        assertSameJob(stored, running.toBuilder().leaseExpiresAt(now()).updatedAt(at(-59)).notBefore(at(-60)).build());

        Job claimed = jobs().claimNext("new-worker", Set.of("pull"), LEASE).orElseThrow();
        assertThat(claimed.id()).isEqualTo("r");
        assertThat(claimed.attempts()).isEqualTo(2);
        assertThat(claimed.workerId()).isEqualTo("new-worker");
        assertThat(claimed.fencingToken()).as("larger than every imported token").isGreaterThan(900);

        Job fresh = createAndClaim("fresh", "w2");
        assertThat(fresh.fencingToken()).isGreaterThan(claimed.fencingToken());
        assertThat(jobs().complete("r", claimed.fencingToken(), "{}").status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    @DisplayName("a running job imported with no attempts left is failed by requeueExpiredLeases, not claimed")
    void aRunningJobWithoutAttemptsLeftFails() {
        store.records().importJobs(List.of(runningJob("r", 0).toBuilder().attempts(3, 3).build()));

        assertThat(jobs().claimNext("w", Set.of("pull"), LEASE)).isEmpty();
        assertThat(jobs().requeueExpiredLeases()).isEqualTo(1);
        assertThat(jobs().get("r").status()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    @DisplayName("a token a job of the store carries, or an id it has, is refused; nothing is written")
    void takenTokensAndIdsAreRefused() {
        Job claimed = createAndClaim("t", "w");

        assertFailsUnchanged(DuplicateKeyException.class, () -> store.records().importJobs(List.of(
                succeededJob("a"), runningJob("b", claimed.fencingToken()))));
        assertFailsUnchanged(DuplicateKeyException.class, () -> store.records().importJobs(List.of(
                succeededJob("a"), succeededJob(claimed.id()).toBuilder().fencingToken(0).build())));
        assertFailsUnchanged(DuplicateKeyException.class, () -> store.records().importJobs(List.of(
                succeededJob("a"), succeededJob("a").toBuilder().fencingToken(77).build())));
        assertFailsUnchanged(DuplicateKeyException.class, () -> store.records().importJobs(List.of(
                succeededJob("a"), succeededJob("b"))));
    }

    @Test
    @DisplayName("dedup keys are kept; an unfinished job's key must be free in the store and in the batch, a finished one's need not")
    void dedupKeysAreKeptAndEnforced() {
        Job holder = jobs().create(NewJob.of("pull").withId("holder").withDedupKey("pull:gpt2"));
        Job finished = succeededJob("done").toBuilder().dedupKey("pull:gpt2").build();
        Job queued = Job.builder("queued", "pull").createdAt(at(0)).dedupKey("pull:qwen").build();
        store.records().importJobs(List.of(finished, queued));

        assertThat(jobs().get("done").dedupKey()).isEqualTo("pull:gpt2");
        assertThat(jobs().findUnfinishedByDedupKey("pull:qwen")).map(Job::id).hasValue("queued");
        assertThat(jobs().findUnfinishedByDedupKey("pull:gpt2")).map(Job::id).hasValue(holder.id());

        DuplicateDedupKeyException held = assertFailsUnchanged(DuplicateDedupKeyException.class,
                () -> store.records().importJobs(List.of(
                        Job.builder("again", "pull").createdAt(at(0)).dedupKey("pull:gpt2").build())));
        assertThat(held.existingJobId()).isEqualTo(holder.id());
        assertFailsUnchanged(DuplicateDedupKeyException.class, () -> store.records().importJobs(List.of(
                Job.builder("x", "pull").createdAt(at(0)).dedupKey("pull:phi").build(),
                Job.builder("y", "pull").createdAt(at(0)).dedupKey("pull:phi").build())));
        assertFailsUnchanged(InvalidInputException.class, () -> store.records().importJobs(List.of(
                Job.builder("z", "pull").createdAt(at(0)).dedupKey("bad\u0001key").build())));
    }

    @Test
    @DisplayName("a bad record in the middle of a batch: InvalidInputException naming jobs[1] and its field, nothing written")
    void aBadRecordInTheMiddleRefusesTheBatch() {
        List<Job> batch = List.of(succeededJob("a"), succeededJob("b").toBuilder().finishedAt(at(0)).build(),
                succeededJob("c").toBuilder().fencingToken(0).build());

        InvalidInputException e = assertRejected("jobs[1].finishedAt", () -> store.records().importJobs(batch));
        assertThat(e.getMessage()).contains("must not be before startedAt");
    }

    @Test
    @DisplayName("the consistency of a job's state is checked, each refusal naming the field")
    void inconsistentJobsAreRefused() {
        Job base = succeededJob("x").toBuilder().fencingToken(0).build();
        assertRejected("jobs[0].finishedAt", () -> store.records().importJobs(List.of(
                base.toBuilder().finishedAt(null).build())));
        assertRejected("jobs[0].finishedAt", () -> store.records().importJobs(List.of(
                base.toBuilder().status(JobStatus.QUEUED).build())));
        assertRejected("jobs[0].startedAt", () -> store.records().importJobs(List.of(
                runningJob("r", 0).toBuilder().startedAt(null).build())));
        assertRejected("jobs[0].attempts", () -> store.records().importJobs(List.of(
                runningJob("r", 0).toBuilder().attempts(0, 3).build())));
        assertRejected("jobs[0].attempts", () -> store.records().importJobs(List.of(base.toBuilder().attempts(4, 3).build())));
        assertRejected("jobs[0].attempts", () -> store.records().importJobs(List.of(
                Job.builder("q", "t").createdAt(at(0)).attempts(3, 3).build())));
        assertRejected("jobs[0].progress", () -> store.records().importJobs(List.of(base.toBuilder().progress(1.5).build())));
        assertRejected("jobs[0].bytesDone", () -> store.records().importJobs(List.of(base.toBuilder().bytes(11, 10L).build())));
        assertRejected("jobs[0].leaseExpiresAt", () -> store.records().importJobs(List.of(
                base.toBuilder().leaseExpiresAt(at(1)).build())));
        assertRejected("jobs[0].fencingToken", () -> store.records().importJobs(List.of(
                Job.builder("q", "t").createdAt(at(0)).fencingToken(3).build())));
        assertRejected("jobs[0].fencingToken", () -> store.records().importJobs(List.of(
                base.toBuilder().fencingToken(RecordImport.MAX_SEQUENCE_NUMBER + 1).build())));
        assertRejected("jobs[0].version", () -> store.records().importJobs(List.of(base.toBuilder().version(0).build())));
        assertRejected("jobs[0].createdAt", () -> store.records().importJobs(List.of(base.toBuilder().createdAt(null).build())));
        assertRejected("jobs[0].payload", () -> store.records().importJobs(List.of(base.toBuilder().payload("{").build())));
        assertRejected("jobs[0].type", () -> store.records().importJobs(List.of(Job.builder("x", " ").createdAt(at(0)).build())));
        assertRejected("jobs[0].status", () -> store.records().importJobs(List.of(base.toBuilder().status(null).build())));
        assertRejected("jobs[1]", () -> store.records().importJobs(Arrays.asList(base, null)));
        assertRejected("jobs", () -> store.records().importJobs(null));
        List<Job> tooMany = new ArrayList<>();
        for (int i = 0; i <= RecordImport.MAX_BATCH; i++) {
            tooMany.add(Job.builder("j" + i, "t").createdAt(at(0)).build());
        }
        assertRejected("jobs", () -> store.records().importJobs(tooMany));
    }

    @Test
    @DisplayName("pipelines, schedules (last run, last result, next run) and executions (times, duration) keep every field")
    void pipelinesSchedulesAndExecutionsKeepEveryField() {
        Pipeline pipeline = Pipeline.builder("sync.yaml", "{\"steps\": [\"fetch\", \"store\"]}").description("Daily sync")
                .createdAt(at(0)).updatedAt(at(10)).version(4).build();
        Schedule schedule = Schedule.builder("daily-sync", "Daily Data Sync", "sync.yaml", "0 2 * * *")
                .timeZone(ZoneId.of("Europe/Berlin")).enabled(true).nextRunAt(at(86_400)).lastRunAt(at(100))
                .lastResult("success").createdAt(at(0)).updatedAt(at(101)).version(3).build();
        Schedule disabled = Schedule.builder("paused", "Paused", "sync.yaml", "*/5 * * * *").enabled(false)
                .createdAt(at(1)).build();
        Execution finished = Execution.builder("e1", "sync.yaml", "scheduler").scheduleId("daily-sync").jobId("job-1")
                .status(ExecutionStatus.FAILED).startedAt(at(100)).endedAt(at(100).plusMillis(2_345)).error("boom")
                .context("{\"run\": 1}").steps("[{\"name\": \"fetch\", \"ok\": false}]").version(2).build();
        Execution running = Execution.builder("e2", "sync.yaml", "alice").startedAt(at(200)).build();

        Pipeline storedPipeline = store.records().importPipelines(List.of(pipeline)).get(0);
        List<Schedule> storedSchedules = store.records().importSchedules(List.of(schedule, disabled));
        List<Execution> storedExecutions = store.records().importExecutions(List.of(finished, running));

        assertJsonEquals(pipeline.config(), pipelines().get("sync.yaml").config());
        assertThat(pipelines().get("sync.yaml").toBuilder().build()).isEqualTo(storedPipeline);
        assertThat(storedPipeline).isEqualTo(Pipeline.builder("sync.yaml", storedPipeline.config()).description("Daily sync")
                .createdAt(micros(at(0))).updatedAt(micros(at(10))).version(4).build());

        assertThat(schedules().get("daily-sync")).isEqualTo(storedSchedules.get(0)).isEqualTo(schedule.toBuilder()
                .nextRunAt(micros(at(86_400))).lastRunAt(micros(at(100))).createdAt(micros(at(0)))
                .updatedAt(micros(at(101))).build());
        assertThat(schedules().get("paused")).isEqualTo(storedSchedules.get(1)).isEqualTo(disabled.toBuilder()
                .createdAt(micros(at(1))).updatedAt(micros(at(1))).build());

        Execution storedFinished = executions().get("e1");
        assertJsonEquals(finished.context(), storedFinished.context());
        assertJsonEquals(finished.steps(), storedFinished.steps());
        assertThat(storedFinished.toBuilder().context(null).steps(null).build()).isEqualTo(finished.toBuilder()
                .context(null).steps(null).startedAt(micros(at(100))).endedAt(micros(at(100).plusMillis(2_345)))
                .durationMillis(2_345L).build());
        assertThat(storedExecutions.get(0)).isEqualTo(storedFinished);
        assertThat(executions().get("e2")).isEqualTo(storedExecutions.get(1)).isEqualTo(running.toBuilder()
                .startedAt(micros(at(200))).build());
        assertThat(executions().finish("e2", ExecutionOutcome.succeeded()).status())
                .as("an imported running execution finishes as any other").isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    @DisplayName("an imported schedule is due at its next run; an enabled one without a next run gets one, as create computes it")
    void importedSchedulesRunOnTime() {
        store.records().importSchedules(List.of(
                Schedule.builder("due", "Due", "p", "0 2 * * *").nextRunAt(now().minusSeconds(60)).createdAt(at(0)).build(),
                Schedule.builder("later", "Later", "p", "0 * * * *").createdAt(at(0)).build()));

        assertThat(schedules().findDue(now(), 10)).extracting(Schedule::id).containsExactly("due");
        Schedule later = schedules().get("later");
        assertThat(later.nextRunAt()).isEqualTo(
                schedules().create(NewSchedule.of("Same", "p", "0 * * * *")).nextRunAt());
    }

    @Test
    @DisplayName("schedules and executions: inconsistent records are refused naming the field; a missing schedule is not found")
    void inconsistentSchedulesAndExecutionsAreRefused() {
        assertRejected("schedules[0].nextRunAt", () -> store.records().importSchedules(List.of(
                Schedule.builder("s", "S", "p", "0 2 * * *").enabled(false).nextRunAt(at(5)).createdAt(at(0)).build())));
        assertRejected("schedules[0].cronExpression", () -> store.records().importSchedules(List.of(
                Schedule.builder("s", "S", "p", "61 2 * * *").createdAt(at(0)).build())));
        Execution finished = Execution.builder("e", "p", "me").status(ExecutionStatus.SUCCEEDED).startedAt(at(0))
                .endedAt(at(2)).build();
        assertRejected("executions[0].endedAt", () -> store.records().importExecutions(List.of(
                finished.toBuilder().endedAt(null).build())));
        assertRejected("executions[0].endedAt", () -> store.records().importExecutions(List.of(
                finished.toBuilder().endedAt(at(-1)).build())));
        assertRejected("executions[0].durationMillis", () -> store.records().importExecutions(List.of(
                finished.toBuilder().durationMillis(5L).build())));
        assertRejected("executions[0].endedAt", () -> store.records().importExecutions(List.of(
                finished.toBuilder().status(ExecutionStatus.RUNNING).build())));
        assertRejected("pipelines[0].config", () -> store.records().importPipelines(List.of(
                Pipeline.builder("p", "not json").createdAt(at(0)).build())));
        assertFailsUnchanged(NotFoundException.class, () -> store.records().importExecutions(List.of(
                Execution.builder("ok", "p", "me").startedAt(at(0)).build(), finished.toBuilder().scheduleId("nowhere").build())));
    }

    @Test
    @DisplayName("a duplicate name or id, in the store or in the batch, is refused; nothing is written")
    void duplicatesAreRefused() {
        pipelines().create(NewPipeline.of("taken", "{}"));
        executions().start(NewExecution.of("p", "me").withId("taken"));
        Pipeline pipeline = Pipeline.builder("new", "{}").createdAt(at(0)).build();
        assertFailsUnchanged(DuplicateKeyException.class, () -> store.records().importPipelines(List.of(
                pipeline, pipeline.toBuilder().build())));
        assertFailsUnchanged(DuplicateKeyException.class, () -> store.records().importPipelines(List.of(
                pipeline, Pipeline.builder("taken", "{}").createdAt(at(0)).build())));
        Schedule schedule = Schedule.builder("s", "S", "p", "0 2 * * *").createdAt(at(0)).build();
        assertFailsUnchanged(DuplicateKeyException.class, () -> store.records().importSchedules(List.of(schedule, schedule)));
        Execution execution = Execution.builder("new", "p", "me").startedAt(at(0)).build();
        assertFailsUnchanged(DuplicateKeyException.class, () -> store.records().importExecutions(List.of(
                execution, Execution.builder("taken", "p", "me").startedAt(at(0)).build())));
    }

    @Test
    @DisplayName("history: events keep their ids and times; events with id 0 are numbered after them, and so are later appends")
    void historyKeepsIdsAndTimes() {
        long appended = history().append(NewHistoryEvent.of("before")).id();
        HistoryEvent kept = HistoryEvent.builder("model.pulled", at(0)).id(appended + 100).subjectId("gpt2")
                .metadata("{\"size\": 548118077}").build();
        HistoryEvent numbered = HistoryEvent.builder("model.deleted", at(5)).build();

        List<HistoryEvent> imported = store.records().importHistory(List.of(numbered, kept));

        assertThat(imported.get(1).id()).isEqualTo(appended + 100);
        assertThat(imported.get(1).occurredAt()).isEqualTo(micros(at(0)));
        assertJsonEquals(kept.metadata(), imported.get(1).metadata());
        assertThat(imported.get(0).id()).isGreaterThan(appended + 100);
        assertThat(imported.get(0).occurredAt()).isEqualTo(micros(at(5)));
        assertThat(history().find(appended + 100)).contains(imported.get(1));
        assertThat(history().append(NewHistoryEvent.of("after")).id()).isGreaterThan(imported.get(0).id());
        assertThat(StoreSnapshot.readAll(page -> history().list(HistoryQuery.all(), page))).hasSize(4);

        assertFailsUnchanged(DuplicateKeyException.class, () -> store.records().importHistory(List.of(
                HistoryEvent.builder("x", at(0)).build(), kept)));
        assertRejected("events[0].id", () -> store.records().importHistory(List.of(
                HistoryEvent.builder("x", at(0)).id(-1).build())));
        assertRejected("events[0].id", () -> store.records().importHistory(List.of(
                HistoryEvent.builder("x", at(0)).id(RecordImport.MAX_SEQUENCE_NUMBER + 1).build())));
        assertRejected("events[0].occurredAt", () -> store.records().importHistory(List.of(
                HistoryEvent.builder("x", null).build())));
    }

    @Test
    @DisplayName("inside a transaction an import takes part: rolled back with the work, committed with it")
    void importsTakePartInTransactions() {
        StoreSnapshot before = StoreSnapshot.of(store);
        try {
            store.useTransaction(tx -> {
                tx.records().importJobs(List.of(succeededJob("a")));
                tx.records().importPipelines(List.of(Pipeline.builder("p", "{}").createdAt(at(0)).build()));
                assertThat(tx.jobs().find("a")).isPresent();
                throw new IllegalStateException("abandon");
            });
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("abandon");
        }
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);

        store.useTransaction(tx -> {
            tx.records().importJobs(List.of(runningJob("r", 10)));
            tx.jobs().create(NewJob.of("pull").withId("n"));
        });
        assertThat(jobs().get("r").fencingToken()).isEqualTo(10);
        Job claimed = jobs().claimNext("w", Set.of("pull"), LEASE).orElseThrow();
        assertThat(claimed.id()).isEqualTo("r");
        assertThat(claimed.fencingToken()).isGreaterThan(10);
        assertThat(jobs().fail("r", claimed.fencingToken(), JobFailure.of("again")).attempts()).isEqualTo(2);
    }

    @Test
    @DisplayName("importing into a closed store raises StorageUnavailableException")
    void closedStore() {
        store.close();
        assertThatThrownBy(() -> store.records().importJobs(List.of(succeededJob("a"))))
                .isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> store.records().importHistory(List.of(HistoryEvent.builder("e", at(0)).build())))
                .isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    @DisplayName("an empty batch writes nothing")
    void emptyBatches() {
        StoreSnapshot before = StoreSnapshot.of(store);
        assertThat(store.records().importJobs(List.of())).isEmpty();
        assertThat(store.records().importPipelines(List.of())).isEmpty();
        assertThat(store.records().importSchedules(List.of())).isEmpty();
        assertThat(store.records().importExecutions(List.of())).isEmpty();
        assertThat(store.records().importHistory(List.of())).isEmpty();
        assertThat(store.records().importConstructs(List.of())).isEmpty();
        assertThat(store.records().importConstructLinks(List.of())).isEmpty();
        assertThat(store.records().importSessions(List.of())).isEmpty();
        assertThat(store.records().importCheckpoints(List.of())).isEmpty();
        assertThat(store.records().importTranscriptEntries(List.of())).isEmpty();
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    /** Construct a, session sa on it (state version 2, two entries), as another store had them. */
    private void importConstructWithSession() {
        store.records().importConstructs(List.of(new Construct("a", "agent", "busy", "Alpha", "{\"k\": 1}", at(0),
                at(50), 4)));
        store.records().importSessions(List.of(new Session("sa", "a", "done", at(1), at(40), "{\"t\": 3}", 2, 2,
                at(1), at(41), 3)));
    }

    @Test
    @DisplayName("constructs, links, sessions, checkpoints and entries keep every field, and work on as created ones")
    void constructFamilyKeepsEveryField() {
        importConstructWithSession();
        store.records().importConstructs(List.of(new Construct("b", "tool", "idle", null, null, at(2), null, 1)));
        store.records().importConstructLinks(List.of(new ConstructLink("a", "uses", "b", null, at(3))));
        store.records().importCheckpoints(List.of(new Checkpoint("sa", 1, "{\"c\": 1}", at(10)),
                new Checkpoint("sa", 2, "{\"c\": 2}", at(20))));
        store.records().importTranscriptEntries(List.of(new TranscriptEntry("sa", 1, "user", "hi", null, at(5)),
                new TranscriptEntry("sa", 2, "assistant", "hello", "{\"d\": true}", at(6))));

        Construct a = store.constructs().get("a");
        assertThat(a).usingRecursiveComparison().ignoringFields("metadata")
                .isEqualTo(new Construct("a", "agent", "busy", "Alpha", null, micros(at(0)), micros(at(50)), 4));
        assertJsonEquals("{\"k\": 1}", a.metadata());
        assertThat(store.constructs().get("b").updatedAt()).isEqualTo(micros(at(2)));
        assertThat(store.constructs().outgoing("a", null)).singleElement()
                .satisfies(link -> assertThat(link.createdAt()).isEqualTo(micros(at(3))));
        Session sa = store.sessions().get("sa");
        assertThat(sa.version()).isEqualTo(3);
        assertThat(sa.lastSequence()).isEqualTo(2);
        assertThat(sa.endedAt()).isEqualTo(micros(at(40)));
        assertThat(store.sessions().latestState("sa")).map(Checkpoint::savedAt).contains(micros(at(20)));
        assertThat(store.transcripts().read("sa", 0, 10)).extracting(TranscriptEntry::createdAt)
                .containsExactly(micros(at(5)), micros(at(6)));
        assertThat(store.transcripts().append("sa", NewTranscriptEntry.of("user", "more")).sequence()).isEqualTo(3);
        assertThat(store.sessions().saveState("sa", 2, "{}").version()).isEqualTo(3);
        assertThat(store.constructs().update("a", 4, ConstructChanges.none().withStatus("idle")).version()).isEqualTo(5);
    }

    @Test
    @DisplayName("a link to a construct the store lacks is refused with the whole batch")
    void linkToUnknownConstruct() {
        importConstructWithSession();
        store.records().importConstructs(List.of(new Construct("b", "tool", "idle", null, null, at(2), null, 1)));

        assertFailsUnchanged(NotFoundException.class, () -> store.records().importConstructLinks(List.of(
                new ConstructLink("a", "uses", "b", null, at(3)), new ConstructLink("a", "uses", "zzz", null, at(3)))));
        assertFailsUnchanged(DuplicateKeyException.class, () -> store.records().importConstructs(List.of(
                new Construct("c", "tool", "idle", null, null, at(2), null, 1),
                new Construct("a", "tool", "idle", null, null, at(2), null, 1))));
        assertFailsUnchanged(NotFoundException.class, () -> store.records().importSessions(List.of(
                new Session("sz", "nope", "done", at(1), null, null, 0, 0, null, null, 1))));
    }

    @Test
    @DisplayName("entries must follow the session's last without gaps and within its last sequence; checkpoints within its state version")
    void entriesAndCheckpointsFollowTheirSession() {
        importConstructWithSession();

        assertRejected("entries[0].sequence", () -> store.records().importTranscriptEntries(List.of(
                new TranscriptEntry("sa", 2, "user", "hi", null, at(5)))));
        assertRejected("entries[1].sequence", () -> store.records().importTranscriptEntries(List.of(
                new TranscriptEntry("sa", 1, "user", "hi", null, at(5)),
                new TranscriptEntry("sa", 3, "user", "hi", null, at(5)))));
        assertRejected("entries[2].sequence", () -> store.records().importTranscriptEntries(List.of(
                new TranscriptEntry("sa", 1, "user", "hi", null, at(5)),
                new TranscriptEntry("sa", 2, "user", "hi", null, at(5)),
                new TranscriptEntry("sa", 3, "user", "hi", null, at(5)))));
        assertRejected("checkpoints[0].version", () -> store.records().importCheckpoints(List.of(
                new Checkpoint("sa", 3, "{}", at(10)))));
        store.records().importCheckpoints(List.of(new Checkpoint("sa", 1, "{}", at(10))));
        assertRejected("checkpoints[0].version", () -> store.records().importCheckpoints(List.of(
                new Checkpoint("sa", 1, "{}", at(10)))));
        assertFailsUnchanged(NotFoundException.class, () -> store.records().importTranscriptEntries(List.of(
                new TranscriptEntry("nope", 1, "user", "hi", null, at(5)))));
        assertRejected("links[0].toId", () -> store.records().importConstructLinks(List.of(
                new ConstructLink("a", "self", "a", null, at(3)))));
        assertRejected("sessions[0].endedAt", () -> store.records().importSessions(List.of(
                new Session("sy", "a", "done", at(10), at(9), null, 0, 0, null, null, 1))));
    }

    @Test
    @DisplayName("storedVersions finds, in one call, the keys the store holds of each kind with their versions, and only those")
    void storedVersionsFindsWhatTheStoreHolds() {
        importConstructWithSession();
        store.records().importJobs(List.of(succeededJob("j1")));
        store.records().importPipelines(List.of(Pipeline.builder("etl", "{}").createdAt(at(0)).version(6).build()));
        store.records().importSchedules(List.of(Schedule.builder("s1", "nightly", "etl", "0 2 * * *").createdAt(at(0))
                .version(2).build()));
        store.records().importExecutions(List.of(Execution.builder("e1", "etl", "alice").startedAt(at(0)).version(5).build()));
        long event = store.records().importHistory(List.of(HistoryEvent.builder("e", at(0)).id(77).build())).get(0).id();
        RecordImport records = store.records();

        assertThat(records.storedVersions(RecordKind.JOB, List.of("j1", "nope"))).containsExactly(Map.entry("j1", 9L));
        assertThat(records.storedVersions(RecordKind.PIPELINE, List.of("etl", "j1"))).containsExactly(Map.entry("etl", 6L));
        assertThat(records.storedVersions(RecordKind.SCHEDULE, List.of("s1"))).containsExactly(Map.entry("s1", 2L));
        assertThat(records.storedVersions(RecordKind.EXECUTION, List.of("e1", "s1"))).containsExactly(Map.entry("e1", 5L));
        assertThat(records.storedVersions(RecordKind.HISTORY_EVENT, List.of(Long.toString(event), "78", "077", "x", "-1")))
                .containsExactly(Map.entry("77", 1L));
        assertThat(records.storedVersions(RecordKind.CONSTRUCT, List.of("a", "sa", "a"))).containsExactly(Map.entry("a", 4L));
        assertThat(records.storedVersions(RecordKind.SESSION, List.of("sa", "a"))).containsExactly(Map.entry("sa", 3L));
        assertThat(records.storedVersions(RecordKind.JOB, List.of())).isEmpty();

        List<String> many = new ArrayList<>();
        for (int i = 0; i < RecordImport.MAX_BATCH; i++) {
            many.add("job-" + i);
        }
        many.set(RecordImport.MAX_BATCH - 1, "j1");
        assertThat(records.storedVersions(RecordKind.JOB, many)).containsOnlyKeys("j1");
    }

    @Test
    @DisplayName("storedVersions sees the writes of the transaction it runs in")
    void storedVersionsInATransaction() {
        store.useTransaction(tx -> {
            tx.records().importJobs(List.of(succeededJob("j1")));
            assertThat(tx.records().storedVersions(RecordKind.JOB, List.of("j1"))).containsExactly(Map.entry("j1", 9L));
        });
    }

    @Test
    @DisplayName("storedVersions refuses a null kind, null keys, a null key and more keys than a batch, naming the field")
    void storedVersionsRefusesBadArguments() {
        assertRejected("kind", () -> store.records().storedVersions(null, List.of("a")));
        assertRejected("keys", () -> store.records().storedVersions(RecordKind.JOB, null));
        assertRejected("keys[1]", () -> store.records().storedVersions(RecordKind.JOB, Arrays.asList("a", null)));
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= RecordImport.MAX_BATCH; i++) {
            tooMany.add("job-" + i);
        }
        assertRejected("keys", () -> store.records().storedVersions(RecordKind.JOB, tooMany));
    }
}
