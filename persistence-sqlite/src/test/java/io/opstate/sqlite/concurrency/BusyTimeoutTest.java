package io.opstate.sqlite.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.StorageUnavailableException;
import io.opstate.jobs.Job;
import io.opstate.jobs.NewJob;
import io.opstate.sqlite.testing.SqliteFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another connection holding the write lock (as a second process would: SQLite locks the file,
 * not the process) is waited for up to the busy timeout; past it, the write fails with
 * {@link StorageUnavailableException}, never a raw SQLITE_BUSY, and the store stays usable.
 */
class BusyTimeoutTest {
    @TempDir
    Path folder;

    private Path file;

    @BeforeEach
    void createStore() {
        file = folder.resolve("busy.db");
        Persistence.open(SqliteFile.url(file)).close();
    }

    @Test
    @Timeout(10)
    void aLockHeldPastTheBusyTimeoutFailsTheWriteAsStorageUnavailable() throws Exception {
        Duration busyTimeout = Duration.ofMillis(300);
        try (Datastore store = open(busyTimeout); Connection other = SqliteFile.connect(file)) {
            try (Statement lock = other.createStatement()) {
                lock.execute("BEGIN IMMEDIATE");
                long started = System.nanoTime();
                Throwable thrown = catchThrowable(() -> store.jobs().create(NewJob.of("blocked").withId("blocked")));
                long waitedMillis = (System.nanoTime() - started) / 1_000_000;
                assertThat(thrown).isInstanceOf(StorageUnavailableException.class);
                assertThat(thrown.getMessage()).contains("nothing was written");
                assertThat(waitedMillis).as("waited for the busy timeout").isGreaterThanOrEqualTo(250);
                lock.execute("ROLLBACK");
            }
            assertThat(store.jobs().find("blocked")).isEmpty();
            assertThat(store.jobs().create(NewJob.of("after")).id()).isNotNull();
        }
    }

    @Test
    @Timeout(10)
    void aLockReleasedWithinTheBusyTimeoutIsWaitedFor() throws Exception {
        try (Datastore store = open(Duration.ofSeconds(5)); Connection other = SqliteFile.connect(file)) {
            try (Statement lock = other.createStatement()) {
                lock.execute("BEGIN IMMEDIATE");
                CompletableFuture<Job> write = CompletableFuture.supplyAsync(
                        () -> store.jobs().create(NewJob.of("waiting").withId("waiting")));
                // Holding the lock for a while is the situation under test, not synchronisation.
                Thread.sleep(300);
                assertThat(write).as("the write waits while the lock is held").isNotDone();
                lock.execute("COMMIT");
                assertThat(write.get(5, TimeUnit.SECONDS).id()).isEqualTo("waiting");
            }
            assertThat(store.jobs().get("waiting").id()).isEqualTo("waiting");
        }
    }

    private Datastore open(Duration busyTimeout) {
        return Persistence.open(PersistenceConfig.builder(SqliteFile.url(file)).busyTimeout(busyTimeout).build());
    }
}
