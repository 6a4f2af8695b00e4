package io.opstate.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.LeaseLostException;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.NewExecution;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.NewJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hot single writes (create, claim, progress, complete, execution start and finish, history
 * append) commit on a writer connection borrowed without a Jdbi handle, which costs less Java time
 * than opening one; writes that use Jdbi statements still get a handle; and both kinds, in the
 * same store, keep their atomicity and their typed failures.
 */
class PlainWriteTest {
    @TempDir
    Path folder;

    private final RecordingBegins dialect = new RecordingBegins();

    @Test
    void hotWritesBeginWithoutAHandleAndOthersOnOne() {
        try (Datastore store = WriterEvictionTest.openMigrated(folder, dialect)) {
            store.jobs().create(NewJob.of("t").withId("a").withPayload("{\"n\": 1}"));
            Job claimed = store.jobs().claimNext("worker", null, Duration.ofMinutes(5)).orElseThrow();
            store.jobs().reportProgress(claimed.id(), claimed.fencingToken(), JobProgress.fraction(0.5));
            store.jobs().complete(claimed.id(), claimed.fencingToken(), "{\"ok\": true}");
            store.executions().finish(store.executions().start(NewExecution.of("etl", "test").withId("e")).id(),
                    ExecutionOutcome.succeeded());
            store.history().append(NewHistoryEvent.of("job.done").withSubjectId("a"));
            assertThat(dialect.begins).as("create, claim, progress, complete, start, finish, append")
                    .containsExactly("plain", "plain", "plain", "plain", "plain", "plain", "plain");

            store.jobs().create(NewJob.of("t").withId("b"));
            store.jobs().cancel("b");
            assertThat(dialect.begins.subList(7, 9)).as("create, then cancel (a Jdbi statement)")
                    .containsExactly("plain", "handle");
        }
    }

    @Test
    void aPlainWriteThatFailsLeavesNothingAndTheWriterWriting() {
        try (Datastore store = WriterEvictionTest.openMigrated(folder, dialect)) {
            store.jobs().create(NewJob.of("t").withId("a"));
            Job claimed = store.jobs().claimNext("worker", null, Duration.ofMinutes(5)).orElseThrow();

            assertThatThrownBy(() -> store.jobs().complete(claimed.id(), claimed.fencingToken() + 1, null))
                    .isInstanceOf(LeaseLostException.class);

            assertThat(store.jobs().get("a")).isEqualTo(claimed);
            assertThat(store.jobs().complete(claimed.id(), claimed.fencingToken(), null).status().label())
                    .isEqualTo("succeeded");
            assertThat(store.jobs().create(NewJob.of("t").withId("b")).id()).isEqualTo("b");
        }
    }

    /** The SQLite dialect, recording whether each transaction began on a handle's connection or without one. */
    private static final class RecordingBegins extends DelegatingDialect {
        final List<String> begins = new CopyOnWriteArrayList<>();

        @Override
        public void begin(PlainConnection connection) {
            boolean plain = StackWalker.getInstance().walk(frames -> frames
                    .anyMatch(frame -> frame.getMethodName().equals("inNewPlainTransaction")));
            begins.add(plain ? "plain" : "handle");
            super.begin(connection);
        }
    }
}
