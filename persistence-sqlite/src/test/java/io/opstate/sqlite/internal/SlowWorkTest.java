package io.opstate.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jobs.NewJob;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timeouts bound waits, not work: a write whose transaction is slow on the file (a slow disk,
 * a long delete) once it holds the lock commits, however far past the connection timeout. Only a
 * database server's answers are cut off at the deadline.
 */
class SlowWorkTest {
    @TempDir
    Path folder;

    @Test
    void aWriteSlowOnceItHoldsTheLockCommitsPastItsTimeouts() {
        Path file = folder.resolve("store.db");
        PersistenceConfig config = PersistenceConfig.builder("jdbc:sqlite:" + file)
                .connectionTimeout(Duration.ofMillis(250)).busyTimeout(Duration.ZERO).build();
        Persistence.open(config).close();
        DelegatingDialect slowAfterBegin = new DelegatingDialect() {
            @Override
            public void begin(PlainConnection connection) {
                super.begin(connection);
                sleep(Duration.ofMillis(900)); // work that outlasts the timeouts and the margin
            }
        };

        try (Datastore store = WriterEvictionTest.open(file, config, slowAfterBegin)) {
            assertThat(store.jobs().create(NewJob.of("t").withId("slow")).id()).isEqualTo("slow");
            assertThat(store.jobs().find("slow")).isPresent();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
