package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.opstate.Datastore;
import io.opstate.DuplicateKeyException;
import io.opstate.PageRequest;
import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionQuery;
import io.opstate.executions.NewExecution;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import io.opstate.pipelines.NewPipeline;
import io.opstate.pipelines.Pipeline;
import io.opstate.pipelines.PipelineChanges;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.Schedule;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link Datastore#inTransaction} and {@link Datastore#useTransaction}: all-or-nothing across
 * repositories, exceptions unchanged, nesting joins.
 */
public abstract class TransactionContract extends TckSupport {

    /** An exception type no backend knows, to prove it is rethrown as is. */
    static final class WorkFailed extends RuntimeException {
        WorkFailed(String message) {
            super(message);
        }
    }

    private void writeEverywhere(Datastore tx, String key) {
        tx.jobs().create(NewJob.of("t").withId("job-" + key));
        tx.pipelines().create(NewPipeline.of("pipe-" + key, "{}"));
        tx.schedules().create(NewSchedule.of("n", "pipe-" + key, "0 * * * *").withId("sched-" + key));
        tx.executions().start(NewExecution.of("pipe-" + key, "tx").withId("exec-" + key)
                .withScheduleId("sched-" + key));
        tx.history().append(NewHistoryEvent.of("written").withSubjectId(key));
    }

    @Test
    @DisplayName("commit: writes to every repository are visible afterwards; the work's result is returned")
    void commit() {
        String result = store.inTransaction(tx -> {
            writeEverywhere(tx, "1");
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertWrittenEverywhere("1");
    }

    @Test
    @DisplayName("the work sees its own writes before commit")
    void readsOwnWrites() {
        store.useTransaction(tx -> {
            tx.jobs().create(NewJob.of("t").withId("mine"));
            assertThat(tx.jobs().find("mine")).isPresent();
            Job claimed = tx.jobs().claimNext("w", Set.of("t"), LEASE).orElseThrow();
            assertThat(claimed.id()).isEqualTo("mine");
            tx.pipelines().create(NewPipeline.of("p", "{}"));
            assertThat(tx.pipelines().update("p", 1, PipelineChanges.none().withDescription("d")).version()).isEqualTo(2);
        });
        assertThat(jobs().get("mine").attempts()).isEqualTo(1);
        assertThat(pipelines().get("p").version()).isEqualTo(2);
    }

    @Test
    @DisplayName("lookups by id inside the work see its uncommitted jobs and executions")
    void lookupsSeeOwnWrites() {
        pipelines().create(NewPipeline.of("p", "{}"));
        store.useTransaction(tx -> {
            tx.jobs().create(NewJob.of("t").withId("j"));
            tx.executions().start(NewExecution.of("p", "tx").withId("e"));
            assertThat(tx.jobs().get("j").id()).isEqualTo("j");
            assertThat(tx.executions().find("e")).isPresent();
            assertThat(tx.executions().get("e").pipeline()).isEqualTo("p");
        });
    }

    @Test
    @DisplayName("listings and counts inside the work see its uncommitted writes in every repository")
    void listingsSeeOwnWrites() {
        store.useTransaction(tx -> {
            writeEverywhere(tx, "1");
            assertThat(tx.jobs().countByStatus(JobQuery.all())).containsEntry(JobStatus.QUEUED, 1L);
            assertThat(tx.jobs().list(JobQuery.all().withStatuses(JobStatus.QUEUED), PageRequest.first(10)).items())
                    .extracting(Job::id).containsExactly("job-1");
            assertThat(tx.pipelines().list(PageRequest.first(10)).items()).extracting(Pipeline::name)
                    .containsExactly("pipe-1");
            assertThat(tx.schedules().list(PageRequest.first(10)).items()).extracting(Schedule::id)
                    .containsExactly("sched-1");
            assertThat(tx.executions().list(ExecutionQuery.all().withPipeline("pipe-1"), PageRequest.first(10))
                    .items()).extracting(Execution::id).containsExactly("exec-1");
            assertThat(tx.history().list(HistoryQuery.bySubject("1"), PageRequest.first(10)).items())
                    .extracting(HistoryEvent::event).containsExactly("written");
        });
    }

    @Test
    @DisplayName("rollback: an exception undoes writes to every repository and is rethrown unchanged")
    void rollbackOnException() {
        writeEverywhere(store, "before");
        StoreSnapshot before = StoreSnapshot.of(store);
        WorkFailed failure = new WorkFailed("stop");

        Throwable thrown = catchThrowable(() -> store.inTransaction(tx -> {
            writeEverywhere(tx, "2");
            tx.jobs().cancel("job-before");
            tx.pipelines().update("pipe-before", 1,
                    PipelineChanges.none().withDescription("changed").withConfig("[]"));
            throw failure;
        }));

        assertThat(thrown).isSameAs(failure);
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    @Test
    @DisplayName("rollback: a store exception inside the work undoes earlier writes and keeps its type")
    void rollbackOnStoreException() {
        jobs().create(NewJob.of("t").withId("taken"));
        StoreSnapshot before = StoreSnapshot.of(store);

        Throwable thrown = catchThrowable(() -> store.inTransaction(tx -> {
            tx.pipelines().create(NewPipeline.of("p", "{}"));
            tx.history().append(NewHistoryEvent.of("e"));
            return tx.jobs().create(NewJob.of("t").withId("taken"));
        }));

        assertThat(thrown).isInstanceOfSatisfying(DuplicateKeyException.class,
                e -> assertThat(e.id()).isEqualTo("taken"));
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    @Test
    @DisplayName("useTransaction commits: writes to every repository are visible afterwards")
    void actionCommits() {
        store.useTransaction(tx -> writeEverywhere(tx, "1"));
        assertWrittenEverywhere("1");
    }

    @Test
    @DisplayName("useTransaction rolls back: an exception undoes writes to every repository and is rethrown unchanged")
    void actionRollsBackOnException() {
        writeEverywhere(store, "before");
        StoreSnapshot before = StoreSnapshot.of(store);
        WorkFailed failure = new WorkFailed("stop");

        Throwable thrown = catchThrowable(() -> store.useTransaction(tx -> {
            writeEverywhere(tx, "2");
            tx.jobs().cancel("job-before");
            tx.pipelines().update("pipe-before", 1, PipelineChanges.none().withConfig("[]"));
            throw failure;
        }));

        assertThat(thrown).isSameAs(failure);
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    @Test
    @DisplayName("nested: an inner transaction joins the outer one and commits with it")
    void nestedCommit() {
        store.useTransaction(outer -> {
            outer.jobs().create(NewJob.of("t").withId("outer"));
            outer.inTransaction(inner -> {
                assertThat(inner.jobs().find("outer")).as("inner sees outer's writes").isPresent();
                return inner.jobs().create(NewJob.of("t").withId("inner"));
            });
            assertThat(outer.jobs().find("inner")).as("outer sees inner's writes").isPresent();
        });
        assertThat(jobs().find("outer")).isPresent();
        assertThat(jobs().find("inner")).isPresent();
    }

    @Test
    @DisplayName("nested: an inner action joins the outer transaction; when the outer fails afterwards, it rolls back too")
    void nestedRollback() {
        StoreSnapshot before = StoreSnapshot.of(store);
        WorkFailed failure = new WorkFailed("outer fails");
        Throwable thrown = catchThrowable(() -> store.inTransaction(outer -> {
            outer.pipelines().create(NewPipeline.of("outer", "{}"));
            outer.useTransaction(inner -> {
                assertThat(inner.pipelines().find("outer")).as("inner sees outer's writes").isPresent();
                inner.jobs().create(NewJob.of("t").withId("inner"));
                inner.history().append(NewHistoryEvent.of("inner"));
            });
            assertThat(outer.jobs().find("inner")).as("outer sees inner's writes").isPresent();
            throw failure;
        }));
        assertThat(thrown).isSameAs(failure);
        assertThat(jobs().find("inner")).isEmpty();
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    @Test
    @DisplayName("nested: an exception from the inner work propagates unchanged and rolls back everything")
    void nestedInnerFailure() {
        StoreSnapshot before = StoreSnapshot.of(store);
        WorkFailed failure = new WorkFailed("inner fails");
        Throwable thrown = catchThrowable(() -> store.inTransaction(outer -> {
            outer.pipelines().create(NewPipeline.of("p", "{}"));
            return outer.inTransaction(inner -> {
                inner.jobs().create(NewJob.of("t"));
                throw failure;
            });
        }));
        assertThat(thrown).isSameAs(failure);
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    /** What {@code writeEverywhere(store, suffix)} wrote is visible outside the transaction. */
    private void assertWrittenEverywhere(String suffix) {
        assertThat(jobs().find("job-" + suffix)).isPresent();
        assertThat(pipelines().find("pipe-" + suffix)).isPresent();
        assertThat(schedules().find("sched-" + suffix)).isPresent();
        assertThat(executions().find("exec-" + suffix)).isPresent();
        assertThat(StoreSnapshot.readAll(p -> history().list(HistoryQuery.bySubject(suffix), p))).hasSize(1);
    }
}
