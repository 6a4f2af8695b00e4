package io.opstate.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.StorageUnavailableException;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jobs.NewJob;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection lost while committing leaves the outcome unknown: the data may be stored. The
 * host must be told exactly that, not "nothing was written", so it can check before retrying.
 */
class CommitOutcomeTest {
    @TempDir
    Path folder;

    @Test
    void aConnectionLostAtCommitReportsAnUnknownOutcome() {
        Path file = folder.resolve("store.db");
        PersistenceConfig config = PersistenceConfig.builder("jdbc:sqlite:" + file).build();
        Persistence.open(config).close();
        ConnectionLostAfterFirstCommit dialect = new ConnectionLostAfterFirstCommit();

        try (Datastore store = WriterEvictionTest.open(file, config, dialect)) {
            StorageUnavailableException thrown = catchThrowableOfType(StorageUnavailableException.class,
                    () -> store.jobs().create(NewJob.of("t").withId("maybe-stored")));
            assertThat(thrown).hasMessageContaining("outcome is unknown");
            assertThat(thrown.getMessage()).doesNotContain("nothing was written");
            assertThat(dialect.lost).isTrue();

            assertThat(store.jobs().find("maybe-stored")).isPresent();
            assertThat(store.jobs().create(NewJob.of("t").withId("next")).id()).isEqualTo("next");
        }
    }

    @Test
    void aConnectionLostBeforeCommitStillSaysNothingWasWritten() {
        Path file = folder.resolve("store.db");
        PersistenceConfig config = PersistenceConfig.builder("jdbc:sqlite:" + file).build();
        Persistence.open(config).close();
        DelegatingDialect lostAtBegin = new DelegatingDialect() {
            @Override
            public void begin(PlainConnection connection) {
                throw new ConnectionException(new SQLException("injected: connection lost", "08006"));
            }
        };

        try (Datastore store = WriterEvictionTest.open(file, config, lostAtBegin)) {
            StorageUnavailableException thrown = catchThrowableOfType(StorageUnavailableException.class,
                    () -> store.jobs().create(NewJob.of("t").withId("never")));
            assertThat(thrown).hasMessageContaining("nothing was written");
        }
        try (Datastore reopened = Persistence.open(config)) {
            assertThat(reopened.jobs().find("never")).isEmpty();
        }
    }

    /** Commits, then reports the connection lost, as a network failure during COMMIT would. */
    private static final class ConnectionLostAfterFirstCommit extends DelegatingDialect {
        private final AtomicBoolean lost = new AtomicBoolean();

        @Override
        public void commit(PlainConnection connection) {
            super.commit(connection);
            if (lost.compareAndSet(false, true)) {
                throw new ConnectionException(new SQLException("injected: connection lost during commit", "08006"));
            }
        }
    }
}
