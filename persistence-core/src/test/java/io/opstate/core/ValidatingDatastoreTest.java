package io.opstate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.InvalidInputException;
import io.opstate.NotFoundException;
import io.opstate.PageRequest;
import io.opstate.PersistenceConfig;
import io.opstate.SortOrder;
import io.opstate.constructs.ConstructQuery;
import io.opstate.constructs.NewConstruct;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.ExecutionQuery;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the decorator lets through reaches the backend normalised, once, in the right store. */
class ValidatingDatastoreTest {
    private static final int MAX_BYTES = 1024;
    private static final Instant WITH_NANOS = Instant.parse("2025-03-04T05:06:07.123456789Z");
    private static final Instant TRUNCATED = Instant.parse("2025-03-04T05:06:07.123456Z");

    private final RecordingDatastore backend = new RecordingDatastore();
    private final Datastore store = ValidatingDatastore.wrap(backend,
            PersistenceConfig.builder("memory:").maxPayloadBytes(MAX_BYTES).build());

    @Test
    void answersReadsOfKeysNoRecordCanHaveWithoutTheBackend() {
        assertThat(store.jobs().find("")).isEmpty();
        assertThat(store.pipelines().find("x".repeat(201))).isEmpty();
        assertThat(store.schedules().find("a\nb")).isEmpty();
        assertThat(store.executions().find("a\u0000b")).isEmpty();
        assertThatThrownBy(() -> store.jobs().get(" ")).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.entity()).isEqualTo("job"));
        assertThatThrownBy(() -> store.pipelines().get("\uD800")).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.entity()).isEqualTo("pipeline"));
        assertThatThrownBy(() -> store.schedules().get("")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.executions().get("\t")).isInstanceOf(NotFoundException.class);
        assertThat(backend.calls()).isEmpty();
    }

    @Test
    void cutsALongFailureBeforeTheBackend() {
        store.jobs().fail("j", 1, JobFailure.of("e".repeat(20_000)).withDetail("d".repeat(MAX_BYTES * 3)));

        JobFailure passed = (JobFailure) backend.onlyCall().arg(2);
        assertThat(passed.error()).hasSize(TextChecks.MAX_TEXT_LENGTH).startsWith("eee").endsWith(" characters omitted]");
        assertThat(TextChecks.utf8Length(passed.detail())).isLessThanOrEqualTo(MAX_BYTES);
        assertThat(passed.detail()).startsWith("ddd").endsWith(" characters omitted]");
    }

    @Test
    void generatesAUuidV7ForAJobWithoutId() {
        store.jobs().create(NewJob.of("build"));

        NewJob passed = (NewJob) backend.onlyCall().arg(0);
        assertThat(UUID.fromString(passed.id()).version()).isEqualTo(7);
        assertThat(passed.type()).isEqualTo("build");
    }

    @Test
    void keepsACallerSuppliedIdAndTruncatesNotBefore() {
        store.jobs().create(NewJob.of("build").withId("job-1").withNotBefore(WITH_NANOS).withPayload("{\"a\": [1, 2]}"));

        NewJob passed = (NewJob) backend.onlyCall().arg(0);
        assertThat(passed).isEqualTo(NewJob.of("build").withId("job-1").withNotBefore(TRUNCATED).withPayload("{\"a\": [1, 2]}"));
    }

    @Test
    void generatesDistinctIdsForEveryJobOfABatch() {
        store.jobs().createAll(List.of(NewJob.of("a"), NewJob.of("b").withId("given"), NewJob.of("c")));

        @SuppressWarnings("unchecked")
        List<NewJob> passed = (List<NewJob>) backend.onlyCall().arg(0);
        assertThat(passed).extracting(NewJob::type).containsExactly("a", "b", "c");
        assertThat(passed.get(1).id()).isEqualTo("given");
        assertThat(passed.get(0).id()).isNotEqualTo(passed.get(2).id());
        assertThat(passed.get(0).id().compareTo(passed.get(2).id())).isNegative();
    }

    @Test
    void claimWithoutTypesMeansAllTypes() {
        store.jobs().claimNext("worker-1", null, Duration.ofSeconds(1));

        RecordingDatastore.Call call = backend.onlyCall();
        assertThat(call.method()).isEqualTo("claimNext");
        assertThat(call.args()).containsExactly("worker-1", Set.of(), Duration.ofSeconds(1));
    }

    @Test
    void acceptsTheLeaseBounds() {
        store.jobs().renewLease("j", 3, Duration.ofHours(24));

        assertThat(backend.onlyCall().args()).containsExactly("j", 3L, Duration.ofHours(24));
    }

    @Test
    void retryWithoutTimeStaysNullAndRetryTimeIsTruncated() {
        store.jobs().retry("j", null);
        store.jobs().retry("j", WITH_NANOS);

        assertThat(backend.calls()).extracting(c -> c.arg(1)).containsExactly(null, TRUNCATED);
    }

    @Test
    void passesProgressFailureAndResultThrough() {
        store.jobs().reportProgress("j", 1, JobProgress.bytes(10, 10).withStage("upload").withMessage("line\nbreaks ok"));
        store.jobs().fail("j", 1, JobFailure.of("boom").withDetail("trace\n\tat x").retryAt(WITH_NANOS));
        store.jobs().complete("j", 1, null);

        assertThat(backend.calls()).extracting(c -> c.arg(2)).containsExactly(
                JobProgress.bytes(10, 10).withStage("upload").withMessage("line\nbreaks ok"),
                JobFailure.of("boom").withDetail("trace\n\tat x").retryAt(TRUNCATED),
                null);
    }

    @Test
    void normalisesNegativeZeroProgressToZeroSoEveryBackendReadsBackTheSame() {
        store.jobs().reportProgress("j", 1, JobProgress.fraction(-0.0));

        Double passed = ((JobProgress) backend.onlyCall().arg(2)).progress();
        assertThat(Double.doubleToRawLongBits(passed)).isEqualTo(Double.doubleToRawLongBits(0.0));
    }

    @Test
    void passesQuerySetsAsImmutableSetsWithoutDuplicates() {
        store.jobs().countByStatus(JobQuery.all().withTypes("a", "b", "a").withStatuses(JobStatus.QUEUED, JobStatus.QUEUED));

        JobQuery passed = (JobQuery) backend.onlyCall().arg(0);
        assertThat(passed.types()).containsExactlyInAnyOrder("a", "b");
        assertThat(passed.statuses()).containsExactly(JobStatus.QUEUED);
        assertThatThrownBy(() -> passed.types().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void normalisesQueriesAndPages() {
        store.jobs().list(null, new PageRequest(1000, null, null));
        store.jobs().countByStatus(JobQuery.all().createdBetween(WITH_NANOS, null));

        assertThat(backend.calls().get(0).args()).containsExactly(JobQuery.all(), new PageRequest(1000, null, SortOrder.NEWEST_FIRST));
        assertThat(backend.calls().get(1).arg(0)).isEqualTo(JobQuery.all().createdBetween(TRUNCATED, null));
    }

    @Test
    void normalisesStreamQueriesAndOrdersAtTheCall() {
        store.jobs().stream(null, null);
        store.history().stream(HistoryQuery.all().between(WITH_NANOS, null), SortOrder.OLDEST_FIRST);
        store.executions().stream(ExecutionQuery.all().startedBetween(null, WITH_NANOS), null);

        assertThat(backend.calls()).extracting(RecordingDatastore.Call::method).containsOnly("stream");
        assertThat(backend.calls()).extracting(RecordingDatastore.Call::args).containsExactly(
                List.of(JobQuery.all(), SortOrder.NEWEST_FIRST),
                List.of(HistoryQuery.all().between(TRUNCATED, null), SortOrder.OLDEST_FIRST),
                List.of(ExecutionQuery.all().startedBetween(null, TRUNCATED), SortOrder.NEWEST_FIRST));
    }

    @Test
    void acceptsCursorsOfPreviousPages() {
        String idCursor = PageCursor.encode(TRUNCATED, "0190c5b2-0000-7000-8000-000000000000");
        String sequenceCursor = PageCursor.encode(TRUNCATED, "42");

        store.pipelines().list(PageRequest.first(10).after(idCursor));
        store.history().list(HistoryQuery.all(), PageRequest.first(10).after(sequenceCursor));

        assertThat(backend.calls()).extracting(c -> ((PageRequest) c.args().get(c.args().size() - 1)).cursor())
                .containsExactly(idCursor, sequenceCursor);
    }

    @Test
    void schedulesGetAnIdUtcByDefaultAndATrimmedExpression() {
        store.schedules().create(new NewSchedule(null, "nightly", "etl", " 0 2 * * * ", null, true));

        NewSchedule passed = (NewSchedule) backend.onlyCall().arg(0);
        assertThat(UUID.fromString(passed.id()).version()).isEqualTo(7);
        assertThat(passed.timeZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(passed.cronExpression()).isEqualTo("0 2 * * *");
    }

    @Test
    void scheduleChangesKeepNullsSoTheStoredValuesStay() {
        ScheduleChanges changes = ScheduleChanges.none().withTimeZone(ZoneId.of("Europe/Berlin"));

        store.schedules().update("s", 4, changes);

        assertThat(backend.onlyCall().args()).containsExactly("s", 4L, changes);
    }

    @Test
    void truncatesScheduleTimes() {
        store.schedules().recordRun("s", 1, WITH_NANOS, "ok");
        store.schedules().findDue(WITH_NANOS, 1000);

        assertThat(backend.calls()).extracting(c -> c.method() + " " + c.args()).containsExactly(
                "recordRun [s, 1, " + TRUNCATED + ", ok]",
                "findDue [" + TRUNCATED + ", 1000]");
    }

    @Test
    void executionsGetAnIdAndFinishedOutcomesPass() {
        store.executions().start(NewExecution.of("etl", "scheduler").withContext("null").withSteps("[]"));
        store.executions().finish("e", ExecutionOutcome.failed("boom").withSteps("[{\"step\":\"a\"}]"));

        NewExecution started = (NewExecution) backend.calls().get(0).arg(0);
        assertThat(UUID.fromString(started.id()).version()).isEqualTo(7);
        assertThat(started.withId(null)).isEqualTo(NewExecution.of("etl", "scheduler").withContext("null").withSteps("[]"));
        assertThat(backend.calls().get(1).arg(1)).isEqualTo(ExecutionOutcome.failed("boom").withSteps("[{\"step\":\"a\"}]"));
    }

    @Test
    void acceptsJsonOfExactlyTheLimit() {
        String json = "\"" + "x".repeat(MAX_BYTES - 2) + "\"";

        store.pipelines().create(NewPipeline.of("p", json));

        assertThat(backend.onlyCall().args()).containsExactly(NewPipeline.of("p", json));
    }

    @Test
    void pipelineChangesAndHistoryEventsPassAsGiven() {
        store.pipelines().update("p", 3, PipelineChanges.none().withConfig("[]"));
        store.history().append(NewHistoryEvent.of("deployed").withMetadata("{}"));

        assertThat(backend.calls().get(0).args()).containsExactly("p", 3L, new PipelineChanges(null, "[]"));
        assertThat(backend.calls().get(1).args()).containsExactly(new NewHistoryEvent("deployed", null, "{}"));
    }

    @Test
    void transactionalWorkGetsAValidatingStoreBoundToTheTransaction() {
        String result = store.inTransaction(tx -> {
            tx.history().append(NewHistoryEvent.of("model.pulled").withSubjectId("m-1").withMetadata("{\"size\":3}"));
            assertThatThrownBy(() -> tx.jobs().create(NewJob.of("")))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("type"));
            tx.inTransaction(nested -> nested.jobs().cancel("j"));
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(backend.calls()).extracting(c -> c.method() + (c.inTransaction() ? " in tx" : ""))
                .containsExactly("inTransaction", "append in tx", "inTransaction in tx", "cancel in tx");
    }

    @Test
    void exceptionsOfTheWorkPassUnchanged() {
        IllegalStateException failure = new IllegalStateException("work failed");

        assertThatThrownBy(() -> store.inTransaction(tx -> {
            throw failure;
        })).isSameAs(failure);
        assertThatThrownBy(() -> store.useTransaction(tx -> {
            throw failure;
        })).isSameAs(failure);
    }

    @Test
    void transactionalActionGetsAValidatingStoreBoundToTheTransaction() {
        store.useTransaction(tx -> {
            tx.jobs().cancel("j");
            assertThatThrownBy(() -> tx.history().append(NewHistoryEvent.of(" ")))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("event"));
        });

        assertThat(backend.calls()).extracting(c -> c.method() + (c.inTransaction() ? " in tx" : ""))
                .containsExactly("inTransaction", "cancel in tx");
    }

    @Test
    void refusesMissingTransactionalWorkBeforeStartingATransaction() {
        assertThatThrownBy(() -> store.inTransaction(null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("work"));
        assertThatThrownBy(() -> store.useTransaction(null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("action"));
        assertThat(backend.calls()).isEmpty();
    }

    @Test
    void backendNameAndCloseDelegate() {
        assertThat(store.backendName()).isEqualTo("recording");

        store.close();

        assertThat(backend.onlyCall().method()).isEqualTo("close");
    }

    @Test
    void generatesAUuidV7ForAConstructWithoutIdAndKeepsItsFields() {
        store.constructs().create(NewConstruct.of("plan", "draft").withTitle("t").withMetadata(" {\"a\": 1}"));

        NewConstruct passed = (NewConstruct) backend.onlyCall().arg(0);
        assertThat(UUID.fromString(passed.id()).version()).isEqualTo(7);
        assertThat(passed).isEqualTo(new NewConstruct(passed.id(), "plan", "draft", "t", " {\"a\": 1}"));
    }

    @Test
    void normalisesAConstructQueryBeforeTheBackend() {
        store.constructs().list(null, new PageRequest(10, null, null));
        store.constructs().countByStatus(ConstructQuery.all().withStatuses("done", "done")
                .createdBetween(WITH_NANOS, null).withMetadata("{}"));

        List<RecordingDatastore.Call> calls = backend.calls();
        assertThat(calls.get(0).arg(0)).isEqualTo(ConstructQuery.all());
        assertThat(((PageRequest) calls.get(0).arg(1)).order()).isEqualTo(SortOrder.NEWEST_FIRST);
        ConstructQuery counted = (ConstructQuery) calls.get(1).arg(0);
        assertThat(counted.statuses()).containsExactly("done");
        assertThat(counted.createdFrom()).isEqualTo(TRUNCATED);
        assertThat(counted.metadata()).isEqualTo("{}");
    }

    @Test
    void answersEdgeReadsOfIdsNoConstructCanHaveWithoutTheBackend() {
        assertThat(store.constructs().outgoing("", null)).isEmpty();
        assertThat(store.constructs().incoming("c", "a\u0000b")).isEmpty();
        assertThat(store.constructs().find("x".repeat(201))).isEmpty();
        assertThatThrownBy(() -> store.constructs().get("\uDC00")).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.entity()).isEqualTo("construct"));
        assertThat(backend.calls()).isEmpty();
        assertThatThrownBy(() -> store.constructs().link("c", "t", "c", null)).isInstanceOfSatisfying(
                InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("toId"));
        assertThat(backend.calls()).isEmpty();
    }
}
