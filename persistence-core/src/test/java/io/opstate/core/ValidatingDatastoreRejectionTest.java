package io.opstate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.InvalidInputException;
import io.opstate.PageRequest;
import io.opstate.PersistenceConfig;
import io.opstate.SortOrder;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.ExecutionQuery;
import io.opstate.executions.ExecutionStatus;
import io.opstate.executions.NewExecution;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import io.opstate.pipelines.NewPipeline;
import io.opstate.pipelines.PipelineChanges;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.ScheduleChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input is refused with the right field and never reaches the backend. */
class ValidatingDatastoreRejectionTest {
    private static final int MAX_BYTES = 1024;
    private static final PersistenceConfig CONFIG = PersistenceConfig.builder("memory:").maxPayloadBytes(MAX_BYTES).build();
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z");
    private static final Instant YEAR_0 = Instant.parse("0000-12-31T23:59:59Z");
    private static final String LONG_NAME = "n".repeat(201);
    private static final String LONG_TEXT = "t".repeat(10_001);
    private static final String BIG_JSON = "\"" + "x".repeat(MAX_BYTES) + "\"";

    @ParameterizedTest(name = "{1} -> {0}")
    @MethodSource({"jobCases", "pipelineCases", "scheduleCases", "executionCases", "historyCases"})
    void refusesNamingTheFieldWithoutCallingTheBackend(String field, String description, Consumer<Datastore> call) {
        RecordingDatastore backend = new RecordingDatastore();
        Datastore store = ValidatingDatastore.wrap(backend, CONFIG);

        assertThatThrownBy(() -> call.accept(store))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
        assertThat(backend.calls()).isEmpty();
    }

    @ParameterizedTest(name = "{1} in a transaction -> {0}")
    @MethodSource({"jobCases", "pipelineCases", "scheduleCases", "executionCases", "historyCases"})
    void refusesInsideTransactionsToo(String field, String description, Consumer<Datastore> call) {
        RecordingDatastore backend = new RecordingDatastore();
        Datastore store = ValidatingDatastore.wrap(backend, CONFIG);

        assertThatThrownBy(() -> store.useTransaction(call::accept)).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
        assertThat(backend.calls()).extracting(RecordingDatastore.Call::method).containsExactly("inTransaction");
    }

    static Stream<Arguments> jobCases() {
        return Stream.of(
                refuse("type", "missing type", s -> s.jobs().create(NewJob.of(null))),
                refuse("type", "blank type", s -> s.jobs().create(NewJob.of("  "))),
                refuse("type", "type of 201 characters", s -> s.jobs().create(NewJob.of(LONG_NAME))),
                refuse("type", "type with a control character", s -> s.jobs().create(NewJob.of("a\u0001b"))),
                refuse("type", "type with NUL", s -> s.jobs().create(NewJob.of("a\u0000b"))),
                refuse("type", "type with an unpaired surrogate", s -> s.jobs().create(NewJob.of("a\ud800b"))),
                refuse("job", "null job", s -> s.jobs().create(null)),
                refuse("id", "empty id", s -> s.jobs().create(NewJob.of("t").withId(""))),
                refuse("payload", "malformed payload", s -> s.jobs().create(NewJob.of("t").withPayload("{"))),
                refuse("payload", "payload with trailing garbage", s -> s.jobs().create(NewJob.of("t").withPayload("{} x"))),
                refuse("payload", "payload with an escaped NUL", s -> s.jobs().create(NewJob.of("t").withPayload("\"a\\u0000\""))),
                refuse("payload", "payload too large", s -> s.jobs().create(NewJob.of("t").withPayload(BIG_JSON))),
                refuse("priority", "priority 1001", s -> s.jobs().create(NewJob.of("t").withPriority(1001))),
                refuse("priority", "priority -1001", s -> s.jobs().create(NewJob.of("t").withPriority(-1001))),
                refuse("maxAttempts", "maxAttempts 0", s -> s.jobs().create(NewJob.of("t").withMaxAttempts(0))),
                refuse("maxAttempts", "maxAttempts 1001", s -> s.jobs().create(NewJob.of("t").withMaxAttempts(1001))),
                refuse("notBefore", "notBefore in year 10000", s -> s.jobs().create(NewJob.of("t").withNotBefore(YEAR_10000))),
                refuse("stage", "blank stage", s -> s.jobs().create(NewJob.of("t").withStage(""))),
                refuse("message", "message of 10,001 characters", s -> s.jobs().create(NewJob.of("t").withMessage(LONG_TEXT))),
                refuse("message", "message with NUL", s -> s.jobs().create(NewJob.of("t").withMessage("a\u0000"))),
                refuse("jobs", "null list", s -> s.jobs().createAll(null)),
                refuse("type", "second of two jobs bad", s -> s.jobs().createAll(List.of(NewJob.of("ok"), NewJob.of("")))),
                refuse("workerId", "missing workerId", s -> s.jobs().claimNext(null, Set.of(), LEASE)),
                refuse("types", "blank type in claim", s -> s.jobs().claimNext("w", Set.of(" "), LEASE)),
                refuse("lease", "missing lease", s -> s.jobs().claimNext("w", Set.of(), null)),
                refuse("lease", "lease under 1 s", s -> s.jobs().claimNext("w", Set.of(), Duration.ofMillis(999))),
                refuse("lease", "lease over 24 h", s -> s.jobs().claimNext("w", Set.of(), Duration.ofHours(24).plusNanos(1))),
                refuse("lease", "renew with zero lease", s -> s.jobs().renewLease("j", 1, Duration.ZERO)),
                refuse("progress", "missing progress", s -> s.jobs().reportProgress("j", 1, null)),
                refuse("progress", "progress 1.5", s -> s.jobs().reportProgress("j", 1, JobProgress.fraction(1.5))),
                refuse("progress", "progress -0.1", s -> s.jobs().reportProgress("j", 1, JobProgress.fraction(-0.1))),
                refuse("progress", "progress NaN", s -> s.jobs().reportProgress("j", 1, JobProgress.fraction(Double.NaN))),
                refuse("bytesDone", "negative bytesDone", s -> s.jobs().reportProgress("j", 1, JobProgress.none().withBytes(-1L, null))),
                refuse("bytesTotal", "negative bytesTotal", s -> s.jobs().reportProgress("j", 1, JobProgress.none().withBytes(null, -1L))),
                refuse("bytesDone", "done over total", s -> s.jobs().reportProgress("j", 1, JobProgress.none().withBytes(11L, 10L))),
                refuse("stage", "stage of 201 characters", s -> s.jobs().reportProgress("j", 1, JobProgress.none().withStage(LONG_NAME))),
                refuse("result", "result not JSON", s -> s.jobs().complete("j", 1, "done")),
                refuse("failure", "missing failure", s -> s.jobs().fail("j", 1, null)),
                refuse("error", "missing error", s -> s.jobs().fail("j", 1, JobFailure.of(null))),
                refuse("error", "blank error", s -> s.jobs().fail("j", 1, JobFailure.of(" "))),
                refuse("error", "blank error of 10,001 characters", s -> s.jobs().fail("j", 1, JobFailure.of(" ".repeat(10_001)))),
                refuse("error", "error with NUL in the head kept", s -> s.jobs().fail("j", 1, JobFailure.of("a\u0000" + LONG_TEXT))),
                refuse("detail", "detail with NUL", s -> s.jobs().fail("j", 1, JobFailure.of("e").withDetail("at\u0000"))),
                refuse("retryAt", "retryAt in year 0", s -> s.jobs().fail("j", 1, JobFailure.of("e").retryAt(YEAR_0))),
                refuse("notBefore", "retry in year 10000", s -> s.jobs().retry("j", YEAR_10000)),
                refuse("id", "find without id", s -> s.jobs().find(null)),
                refuse("id", "get without id", s -> s.jobs().get(null)),
                refuse("id", "cancel with id of 201 characters", s -> s.jobs().cancel(LONG_NAME)),
                refuse("id", "delete with control character", s -> s.jobs().delete("a\nb")),
                refuse("id", "progress for blank id", s -> s.jobs().reportProgress("", 1, JobProgress.none())),
                refuse("limit", "page limit 0", s -> s.jobs().list(JobQuery.all(), PageRequest.first(0))),
                refuse("limit", "page limit 1001", s -> s.jobs().list(JobQuery.all(), PageRequest.first(1001))),
                refuse("cursor", "garbage cursor", s -> s.jobs().list(JobQuery.all(), PageRequest.first().after("%%garbage%%"))),
                refuse("cursor", "cursor out of time range", s -> s.jobs().list(JobQuery.all(),
                        PageRequest.first().after(PageCursor.encode(YEAR_10000, "id")))),
                refuse("page", "missing page", s -> s.jobs().list(JobQuery.all(), null)),
                refuse("createdFrom", "createdFrom in year 10000", s -> s.jobs().list(JobQuery.all().createdBetween(YEAR_10000, null), PageRequest.first())),
                refuse("types", "count with blank type", s -> s.jobs().countByStatus(JobQuery.all().withTypes(""))),
                refuse("types", "stream with blank type, at the call", s -> s.jobs().stream(JobQuery.all().withTypes(" "), SortOrder.OLDEST_FIRST)),
                refuse("createdBefore", "stream createdBefore in year 10000, at the call", s -> s.jobs().stream(JobQuery.all().createdBetween(null, YEAR_10000), null)),
                refuse("cutoff", "missing cutoff", s -> s.jobs().deleteFinishedBefore(null)),
                refuse("types", "query with a null type", s -> s.jobs().list(new JobQuery(setWithNull("a"), null, null, null),
                        PageRequest.first())),
                refuse("statuses", "query with a null status", s -> s.jobs().countByStatus(
                        new JobQuery(null, setWithNull(JobStatus.QUEUED), null, null))),
                refuse("types", "claim with a null type", s -> s.jobs().claimNext("w", setWithNull("a"), LEASE)),
                refuse("types", "batch claim of 101 types", s -> s.jobs().claimBatch("w", manyTypes(101), LEASE, 10)),
                refuse("types", "claim of 101 types", s -> s.jobs().claimNext("w", manyTypes(101), LEASE)),
                refuse("types", "count by 101 types", s -> s.jobs().countByStatus(
                        JobQuery.all().withTypes(manyTypes(101).toArray(String[]::new)))),
                refuse("cursor", "cursor whose key holds a NUL", s -> s.jobs().list(JobQuery.all(),
                        PageRequest.first().after(PageCursor.encode(NOW, "a\u0000b")))),
                refuse("cursor", "cursor whose key holds a line break", s -> s.jobs().list(JobQuery.all(),
                        PageRequest.first().after(PageCursor.encode(NOW, "a\nb")))),
                refuse("cursor", "cursor whose key is blank", s -> s.jobs().list(JobQuery.all(),
                        PageRequest.first().after(PageCursor.encode(NOW, " ")))),
                refuse("cursor", "cursor whose key is longer than any id", s -> s.jobs().list(JobQuery.all(),
                        PageRequest.first().after(PageCursor.encode(NOW, LONG_NAME)))),
                refuse("cursor", "cursor that is not UTF-8", s -> s.jobs().list(JobQuery.all(),
                        PageRequest.first().after(token(new byte[] {'1', ':', (byte) 0xC3, '(', 'x'})))),
                refuse("cursor", "cursor of ten megabytes", s -> s.jobs().list(JobQuery.all(),
                        PageRequest.first().after("A".repeat(10_000_000)))));
    }

    static Stream<Arguments> pipelineCases() {
        return Stream.of(
                refuse("pipeline", "missing pipeline", s -> s.pipelines().create(null)),
                refuse("name", "missing name", s -> s.pipelines().create(NewPipeline.of(null, "{}"))),
                refuse("config", "missing config", s -> s.pipelines().create(NewPipeline.of("p", null))),
                refuse("config", "malformed config", s -> s.pipelines().create(NewPipeline.of("p", "[1,]"))),
                refuse("config", "config with duplicate keys", s -> s.pipelines().create(NewPipeline.of("p", "{\"a\":1,\"a\":2}"))),
                refuse("config", "config with two values", s -> s.pipelines().create(NewPipeline.of("p", "{} {}"))),
                refuse("description", "description of 10,001 characters", s -> s.pipelines().create(NewPipeline.of("p", "{}").withDescription(LONG_TEXT))),
                refuse("changes", "missing changes", s -> s.pipelines().update("p", 1, null)),
                refuse("config", "update with empty config", s -> s.pipelines().update("p", 1, PipelineChanges.none().withConfig(""))),
                refuse("description", "update to a description with NUL", s -> s.pipelines().update("p", 1, PipelineChanges.none().withDescription("a\u0000"))),
                refuse("name", "update with blank name", s -> s.pipelines().update(" ", 1, PipelineChanges.none())),
                refuse("name", "get without name", s -> s.pipelines().get(null)),
                refuse("limit", "list limit 0", s -> s.pipelines().list(new PageRequest(0, null, SortOrder.OLDEST_FIRST))),
                refuse("pipeline", "save without pipeline", s -> s.pipelines().save(null)),
                refuse("config", "save with malformed config", s -> s.pipelines().save(NewPipeline.of("p", "{"))),
                refuse("name", "save with blank name", s -> s.pipelines().save(NewPipeline.of(" ", "{}"))),
                refuse("changes", "unversioned update without changes", s -> s.pipelines().update("p", null)),
                refuse("name", "unversioned update with blank name", s -> s.pipelines().update("", PipelineChanges.none())),
                refuse("description", "changes that set and remove the description",
                        s -> s.pipelines().update("p", new PipelineChanges("d", null, true))),
                refuse("description", "versioned changes that set and remove the description",
                        s -> s.pipelines().update("p", 1, new PipelineChanges("d", "{}", true))));
    }

    static Stream<Arguments> scheduleCases() {
        return Stream.of(
                refuse("schedule", "missing schedule", s -> s.schedules().create(null)),
                refuse("cronExpression", "garbage cron", s -> s.schedules().create(NewSchedule.of("n", "p", "not cron"))),
                refuse("cronExpression", "missing cron", s -> s.schedules().create(NewSchedule.of("n", "p", null))),
                refuse("cronExpression", "minute 61", s -> s.schedules().create(NewSchedule.of("n", "p", "61 * * * *"))),
                refuse("cronExpression", "cron with a trailing NUL", s -> s.schedules().create(NewSchedule.of("n", "p", "0 * * * *\u0000"))),
                refuse("cronExpression", "cron of a megabyte", s -> s.schedules().create(NewSchedule.of("n", "p",
                        "0 0 * * " + "1,".repeat(500_000) + "1"))),
                refuse("cronExpression", "update to a cron with a trailing NUL", s -> s.schedules().update("s", 1,
                        ScheduleChanges.none().withCronExpression("0 * * * *\u0000"))),
                refuse("name", "blank name", s -> s.schedules().create(NewSchedule.of(" ", "p", "* * * * *"))),
                refuse("pipeline", "missing pipeline", s -> s.schedules().create(NewSchedule.of("n", null, "* * * * *"))),
                refuse("changes", "missing changes", s -> s.schedules().update("s", 1, null)),
                refuse("cronExpression", "update to bad cron", s -> s.schedules().update("s", 1, ScheduleChanges.none().withCronExpression("x"))),
                refuse("name", "update to blank name", s -> s.schedules().update("s", 1, ScheduleChanges.none().withName(""))),
                refuse("ranAt", "missing ranAt", s -> s.schedules().recordRun("s", 1, null, "ok")),
                refuse("result", "result of 10,001 characters", s -> s.schedules().recordRun("s", 1, NOW, LONG_TEXT)),
                refuse("asOf", "findDue without asOf", s -> s.schedules().findDue(null, 10)),
                refuse("limit", "findDue limit 0", s -> s.schedules().findDue(NOW, 0)),
                refuse("limit", "findDue limit 1001", s -> s.schedules().findDue(NOW, 1001)),
                refuse("id", "delete without id", s -> s.schedules().delete(null)),
                refuse("schedule", "save without schedule", s -> s.schedules().save(null)),
                refuse("id", "save without id", s -> s.schedules().save(NewSchedule.of("n", "p", "* * * * *"))),
                refuse("cronExpression", "save with an unknown nickname",
                        s -> s.schedules().save(NewSchedule.of("n", "p", "@reboot").withId("s"))),
                refuse("changes", "unversioned update without changes", s -> s.schedules().update("s", null)),
                refuse("cronExpression", "unversioned update to bad cron",
                        s -> s.schedules().update("s", ScheduleChanges.none().withCronExpression("x"))),
                refuse("id", "setLastResult without id", s -> s.schedules().setLastResult(null, "ok")),
                refuse("result", "setLastResult of 10,001 characters", s -> s.schedules().setLastResult("s", LONG_TEXT)));
    }

    static Stream<Arguments> executionCases() {
        return Stream.of(
                refuse("execution", "missing execution", s -> s.executions().start(null)),
                refuse("pipeline", "missing pipeline", s -> s.executions().start(NewExecution.of(null, "user"))),
                refuse("triggeredBy", "missing triggeredBy", s -> s.executions().start(NewExecution.of("p", null))),
                refuse("scheduleId", "blank scheduleId", s -> s.executions().start(NewExecution.of("p", "u").withScheduleId(""))),
                refuse("jobId", "jobId of 201 characters", s -> s.executions().start(NewExecution.of("p", "u").withJobId(LONG_NAME))),
                refuse("context", "malformed context", s -> s.executions().start(NewExecution.of("p", "u").withContext("{"))),
                refuse("steps", "malformed steps", s -> s.executions().start(NewExecution.of("p", "u").withSteps("[1 2]"))),
                refuse("steps", "updateSteps not JSON", s -> s.executions().updateSteps("e", "nope")),
                refuse("outcome", "missing outcome", s -> s.executions().finish("e", null)),
                refuse("status", "missing status", s -> s.executions().finish("e", new ExecutionOutcome(null, null, null))),
                refuse("status", "finish as running", s -> s.executions().finish("e", new ExecutionOutcome(ExecutionStatus.RUNNING, null, null))),
                refuse("error", "error with NUL in its kept head", s -> s.executions().finish("e", ExecutionOutcome.failed("a\u0000"))),
                refuse("steps", "final steps malformed", s -> s.executions().finish("e", ExecutionOutcome.succeeded().withSteps("{"))),
                refuse("pipeline", "list by blank pipeline", s -> s.executions().list(ExecutionQuery.byPipeline(""), PageRequest.first())),
                refuse("pipeline", "stream by blank pipeline, at the call", s -> s.executions().stream(ExecutionQuery.byPipeline(""), SortOrder.NEWEST_FIRST)),
                refuse("startedFrom", "stream startedFrom in year 0, at the call", s -> s.executions().stream(ExecutionQuery.all().startedBetween(YEAR_0, null), null)),
                refuse("cutoff", "missing cutoff", s -> s.executions().deleteStartedBefore(null)));
    }

    static Stream<Arguments> historyCases() {
        return Stream.of(
                refuse("event", "missing event", s -> s.history().append(null)),
                refuse("event", "missing event name", s -> s.history().append(NewHistoryEvent.of(null))),
                refuse("subjectId", "blank subjectId", s -> s.history().append(NewHistoryEvent.of("e").withSubjectId(""))),
                refuse("metadata", "metadata with escaped NUL in a key", s -> s.history().append(NewHistoryEvent.of("e").withMetadata("{\"a\\u0000\":1}"))),
                refuse("metadata", "metadata too large", s -> s.history().append(NewHistoryEvent.of("e").withMetadata(BIG_JSON))),
                refuse("cursor", "cursor with a non-numeric key", s -> s.history().list(HistoryQuery.all(),
                        PageRequest.first().after(PageCursor.encode(NOW, "abc")))),
                refuse("subjectId", "list by blank subject", s -> s.history().list(HistoryQuery.bySubject(" "), PageRequest.first())),
                refuse("before", "before in year 0", s -> s.history().list(HistoryQuery.all().between(null, YEAR_0), PageRequest.first())),
                refuse("subjectId", "stream by blank subject, at the call", s -> s.history().stream(HistoryQuery.bySubject(" "), SortOrder.OLDEST_FIRST)),
                refuse("event", "stream by event with a control character, at the call", s -> s.history().stream(HistoryQuery.all().withEvent("a\u0001"), null)),
                refuse("cutoff", "missing cutoff", s -> s.history().deleteBefore(null)),
                refuse("cursor", "cursor with a signed sequence number", s -> s.history().list(HistoryQuery.all(),
                        PageRequest.first().after(PageCursor.encode(NOW, "+42")))),
                refuse("cursor", "cursor with a sequence number in other digits", s -> s.history().list(HistoryQuery.all(),
                        PageRequest.first().after(PageCursor.encode(NOW, "\u0664\u0662")))));
    }

    /** A mutable set holding {@code value} and null, as a host's own collection may. */
    @SafeVarargs
    private static <T> Set<T> setWithNull(T... values) {
        Set<T> set = new HashSet<>(Arrays.asList(values));
        set.add(null);
        return set;
    }

    private static Set<String> manyTypes(int count) {
        Set<String> types = new HashSet<>();
        for (int i = 0; i < count; i++) {
            types.add("type-" + i);
        }
        return types;
    }

    private static String token(byte[] raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static Arguments refuse(String field, String description, Consumer<Datastore> call) {
        return Arguments.of(field, description, call);
    }
}
