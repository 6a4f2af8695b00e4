package io.opstate.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.DuplicateKeyException;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jobs.NewJob;
import io.opstate.sqlite.testing.SqliteFile;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SQLite store prepares each statement once per connection: its writes reuse the writer's
 * {@code BEGIN IMMEDIATE} until the store closes, which closes it; a failed insert leaves the
 * store writing.
 */
class StoreStatementReuseTest {
    @TempDir
    Path folder;

    private Path file;
    private PersistenceConfig config;

    @BeforeEach
    void createStore() {
        file = folder.resolve("store.db");
        config = PersistenceConfig.builder(SqliteFile.url(file)).build();
        Persistence.open(config).close();
    }

    @Test
    void writesReuseTheBeginStatementUntilTheStoreCloses() throws SQLException {
        RecordingBegin dialect = new RecordingBegin();
        try (Datastore store = WriterEvictionTest.open(file, config, dialect)) {
            store.jobs().create(NewJob.of("first").withId("first"));
            store.jobs().create(NewJob.of("second").withId("second"));
            store.inTransaction(tx -> tx.jobs().create(NewJob.of("third").withId("third")));
        }

        assertThat(dialect.begins).hasSizeGreaterThanOrEqualTo(3);
        PreparedStatement first = dialect.begins.get(0);
        assertThat(dialect.begins).allSatisfy(begin -> assertThat(begin).isSameAs(first));
        assertThat(first.isClosed()).as("closed with the store").isTrue();
    }

    @Test
    void aCreateThatHitADuplicateKeyLeavesTheStoreWriting() {
        try (Datastore store = Persistence.open(config)) {
            store.jobs().create(NewJob.of("a").withId("a"));
            assertThatThrownBy(() -> store.jobs().create(NewJob.of("a").withId("a")))
                    .isInstanceOf(DuplicateKeyException.class);
            store.jobs().create(NewJob.of("b").withId("b"));

            assertThat(store.jobs().find("a")).isPresent();
            assertThat(store.jobs().find("b")).isPresent();
        }
    }

    /** The SQLite dialect, remembering the statement each {@code BEGIN IMMEDIATE} ran on. */
    private static final class RecordingBegin extends DelegatingDialect {
        private final List<PreparedStatement> begins = new CopyOnWriteArrayList<>();

        @Override
        public void begin(PlainConnection connection) {
            try {
                PreparedStatement statement = connection.prepare("BEGIN IMMEDIATE");
                try {
                    statement.execute();
                    begins.add(statement);
                } finally {
                    connection.release(statement);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
