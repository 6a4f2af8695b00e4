package io.opstate.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.PageRequest;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.executions.ExecutionQuery;
import io.opstate.executions.NewExecution;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import io.opstate.pipelines.NewPipeline;
import io.opstate.schedules.NewSchedule;
import io.opstate.sqlite.testing.SqliteFile;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lookups by id and listing pages outside a transaction borrow a reader connection without a
 * Jdbi handle: they still reuse the reader's cached statement and leave no read snapshot behind.
 * That they give the connection back is part of the contract suite ({@code StoreContract}).
 */
class ReaderLookupTest {
    @TempDir
    Path folder;

    private Path file;
    private PersistenceConfig config;

    @BeforeEach
    void createStore() {
        file = folder.resolve("store.db");
        config = PersistenceConfig.builder(SqliteFile.url(file)).poolMaxSize(1).poolMinIdle(1)
                .connectionTimeout(Duration.ofMillis(500)).build();
        Persistence.open(config).close();
    }

    @Test
    void lookupsReuseTheReadersStatement() {
        RecordingStatements dialect = new RecordingStatements();
        try (Datastore store = WriterEvictionTest.open(file, config, dialect)) {
            store.jobs().create(NewJob.of("t").withId("a"));

            Statement first = dialect.statementOf(() -> store.jobs().find("a"));
            Statement second = dialect.statementOf(() -> store.jobs().get("a"));

            assertThat(second).isSameAs(first);
        }
    }

    @Test
    void aLookupLeavesNoReadSnapshotBehind() throws SQLException {
        try (Datastore store = Persistence.open(config)) {
            store.jobs().create(NewJob.of("t").withId("a"));
            store.pipelines().create(NewPipeline.of("p", "{}"));
            store.executions().start(NewExecution.of("p", "test").withId("e"));

            assertThat(store.jobs().find("a")).isPresent();
            assertThat(store.executions().find("e")).isPresent();

            // a reader still in a read transaction would keep the checkpoint from resetting the log: busy.
            // Through the store, so that its own checkpoints beside the writer wait meanwhile.
            assertThat(store.maintenance().checkpoint().complete()).isTrue();
        }
    }

    @Test
    void pagesAreReadWithoutJdbi() {
        RecordingStatements dialect = new RecordingStatements();
        try (Datastore store = WriterEvictionTest.open(file, config, dialect)) {
            store.jobs().create(NewJob.of("t").withId("a"));
            store.jobs().create(NewJob.of("t").withId("b"));
            store.pipelines().create(NewPipeline.of("p", "{}"));
            store.schedules().create(NewSchedule.of("s", "p", "0 * * * *").withId("s"));
            store.executions().start(NewExecution.of("p", "test").withId("e"));
            store.history().append(NewHistoryEvent.of("e").withSubjectId("a"));
            dialect.readers.clear();

            PageRequest first = PageRequest.first(1);
            String cursor = store.jobs().list(JobQuery.all().withStatuses(JobStatus.QUEUED), first).nextCursor();
            assertThat(store.jobs().list(JobQuery.all(), first.after(cursor)).items()).hasSize(1);
            assertThat(store.pipelines().list(first).items()).hasSize(1);
            assertThat(store.schedules().list(first).items()).hasSize(1);
            assertThat(store.executions().list(ExecutionQuery.all(), first).items()).hasSize(1);
            assertThat(store.history().list(HistoryQuery.bySubject("a"), first).items()).hasSize(1);

            assertThat(dialect.readers).isNotEmpty().containsOnly("plain");
        }
    }

    /** The SQLite dialect, remembering the statements whose rows it read times from, and who read them. */
    private static final class RecordingStatements extends DelegatingDialect {
        private final List<Statement> statements = new CopyOnWriteArrayList<>();
        private final List<String> readers = new CopyOnWriteArrayList<>();

        @Override
        public Instant getTime(ResultSet row, String column) throws SQLException {
            statements.add(row.getStatement());
            boolean jdbi = StackWalker.getInstance().walk(frames -> frames
                    .anyMatch(frame -> frame.getClassName().startsWith("org.jdbi.")));
            readers.add(jdbi ? "jdbi" : "plain");
            return super.getTime(row, column);
        }

        /** The one statement {@code lookup} read its row from. */
        Statement statementOf(Runnable lookup) {
            statements.clear();
            lookup.run();
            assertThat(statements).isNotEmpty().allSatisfy(each -> assertThat(each).isSameAs(statements.get(0)));
            return statements.get(0);
        }
    }
}
