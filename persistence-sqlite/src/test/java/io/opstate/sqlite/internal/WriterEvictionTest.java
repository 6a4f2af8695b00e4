package io.opstate.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.jdbc.JdbcDatastore;
import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.WaitTimeouts;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jobs.NewJob;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When ROLLBACK itself fails, the single writer connection may still be inside its transaction.
 * The shared layer must take that connection out of the pool, so the next write starts on a
 * fresh connection instead of failing ("cannot start a transaction within a transaction") or,
 * worse, committing the abandoned work together with its own.
 */
class WriterEvictionTest {
    @TempDir
    Path folder;

    @Test
    void aWriterWhoseRollbackFailedIsEvictedAndItsWorkDiscarded() {
        Path file = folder.resolve("store.db");
        PersistenceConfig config = PersistenceConfig.builder("jdbc:sqlite:" + file).build();
        Persistence.open(config).close();
        FirstRollbackFails dialect = new FirstRollbackFails();

        try (Datastore store = open(file, config, dialect)) {
            IllegalStateException thrown = catchThrowableOfType(IllegalStateException.class, () -> store.inTransaction(tx -> {
                tx.jobs().create(NewJob.of("abandoned").withId("abandoned"));
                throw new IllegalStateException("the work failed");
            }));
            assertThat(thrown).hasMessage("the work failed");
            assertThat(thrown.getSuppressed()).anySatisfy(s -> assertThat(s).hasMessageContaining("injected"));
            assertThat(dialect.failed).isTrue();

            assertThat(store.jobs().create(NewJob.of("next").withId("next")).id()).isEqualTo("next");
            assertThat(store.jobs().find("abandoned")).isEmpty();
        }
        try (Datastore reopened = Persistence.open(config)) {
            assertThat(reopened.jobs().find("next")).isPresent();
            assertThat(reopened.jobs().find("abandoned")).isEmpty();
        }
    }

    /** A store on a new, migrated file {@code store.db} in {@code folder}, run with {@code dialect}. */
    static Datastore openMigrated(Path folder, SqlDialect dialect) {
        Path file = folder.resolve("store.db");
        PersistenceConfig config = PersistenceConfig.builder("jdbc:sqlite:" + file).build();
        Persistence.open(config).close();
        return open(file, config, dialect);
    }

    static Datastore open(Path file, PersistenceConfig config, SqlDialect dialect) {
        Resources resources = new Resources("test store " + file);
        HikariDataSource writer = resources.add(SqliteConnections.writer(file, config));
        HikariDataSource readers = resources.add(SqliteConnections.readers(file, config));
        return JdbcDatastore.create("sqlite", dialect, writer, readers, Clock.systemUTC(), WaitTimeouts.of(config),
                new SqliteProbe(file), resources);
    }

    /** The SQLite dialect, except that its first rollback throws without rolling anything back. */
    private static final class FirstRollbackFails extends DelegatingDialect {
        private final AtomicBoolean failed = new AtomicBoolean();

        @Override
        public void rollback(PlainConnection connection) {
            if (failed.compareAndSet(false, true)) {
                throw new IllegalStateException("injected rollback failure");
            }
            super.rollback(connection);
        }
    }
}
