package io.opstate.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.executions.NewExecution;
import io.opstate.jobs.NewJob;
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
 * Lookups by id outside a transaction borrow a reader connection without a Jdbi handle: they
 * still reuse the reader's cached statement and leave no read snapshot behind. That they give the
 * connection back is part of the contract suite ({@code StoreContract}).
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
            store.pipelines().create("p", null, "{}");
            store.executions().start(NewExecution.of("p", "test").withId("e"));

            assertThat(store.jobs().find("a")).isPresent();
            assertThat(store.executions().find("e")).isPresent();

            // a reader still in a read transaction would keep the checkpoint from resetting the log: busy = 1
            assertThat(SqliteFile.strings(file, "PRAGMA wal_checkpoint(TRUNCATE)")).containsExactly("0");
        }
    }

    /** The SQLite dialect, remembering the statements whose rows it read times from. */
    private static final class RecordingStatements extends DelegatingDialect {
        private final List<Statement> statements = new CopyOnWriteArrayList<>();

        @Override
        public Instant getTime(ResultSet row, String column) throws SQLException {
            statements.add(row.getStatement());
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
