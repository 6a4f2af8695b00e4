package io.opstate.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.DuplicateKeyException;
import io.opstate.PageRequest;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.executions.NewExecution;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.NewJob;
import io.opstate.pipelines.NewPipeline;
import io.opstate.pipelines.PipelineChanges;
import io.opstate.schedules.NewSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionRollbackTest {
    private final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
    private Datastore store;

    @BeforeEach
    void open() {
        store = Persistence.open(PersistenceConfig.builder("memory:").clock(clock).build());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void failedWorkLeavesEveryTableAsItWasAndRethrowsTheSameException() {
        store.jobs().create(NewJob.of("mail").withId("low").withPriority(1));
        store.pipelines().create(NewPipeline.of("build", "{}"));
        store.schedules().create(NewSchedule.of("nightly", "build", "0 2 * * *").withId("s1"));
        store.executions().start(NewExecution.of("build", "scheduler").withId("e1").withScheduleId("s1"));
        store.history().append(NewHistoryEvent.of("first"));
        IllegalStateException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.jobs().create(NewJob.of("mail").withId("high").withPriority(9));
            tx.jobs().claimNext("w1", Set.of(), Duration.ofMinutes(1));
            tx.pipelines().update("build", 1,
                    PipelineChanges.none().withDescription("changed").withConfig("{\"a\":1}"));
            tx.schedules().delete("s1");
            tx.history().append(NewHistoryEvent.of("second"));
            throw failure;
        })).isSameAs(failure);

        assertThat(store.jobs().find("high")).isEmpty();
        assertThat(store.jobs().get("low").version()).isEqualTo(1);
        assertThat(store.pipelines().get("build").description()).isNull();
        assertThat(store.schedules().find("s1")).isPresent();
        assertThat(store.executions().find("e1")).isPresent();
        assertThat(store.history().list(HistoryQuery.all(), PageRequest.first()).items()).hasSize(1);
        assertThat(store.history().append(NewHistoryEvent.of("third")).id()).isEqualTo(2);
        Job claimed = store.jobs().claimNext("w2", Set.of(), Duration.ofMinutes(1)).orElseThrow();
        assertThat(claimed.id()).isEqualTo("low");
        assertThat(claimed.fencingToken()).isEqualTo(1);
    }

    @Test
    void nestedCallsJoinAndSeeTheOuterWrites() {
        List<String> seen = store.inTransaction(outer -> {
            outer.jobs().create(NewJob.of("mail").withId("a"));
            return outer.inTransaction(inner -> inner.jobs().list(JobQuery.all(), PageRequest.first())
                    .items().stream().map(Job::id).toList());
        });
        assertThat(seen).containsExactly("a");

        assertThatThrownBy(() -> store.inTransaction(outer -> {
            outer.jobs().create(NewJob.of("mail").withId("b"));
            return outer.inTransaction(inner -> {
                inner.jobs().create(NewJob.of("mail").withId("c"));
                throw new IllegalArgumentException("inner");
            });
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.jobs().find("b")).isEmpty();
        assertThat(store.jobs().find("c")).isEmpty();
    }

    @Test
    void aFailedOperationInsideWorkUndoesOnlyItself() {
        store.useTransaction(tx -> {
            tx.jobs().create(NewJob.of("mail").withId("kept"));
            assertThatThrownBy(() -> tx.jobs().createAll(List.of(
                    NewJob.of("mail").withId("half"), NewJob.of("mail").withId("kept"))))
                    .isInstanceOf(DuplicateKeyException.class);
        });

        assertThat(store.jobs().find("kept")).isPresent();
        assertThat(store.jobs().find("half")).isEmpty();
    }
}
