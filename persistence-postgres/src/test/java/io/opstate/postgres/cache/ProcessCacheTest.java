package io.opstate.postgres.cache;

import static io.opstate.tck.OtherProcessWrites.APPENDED;
import static io.opstate.tck.OtherProcessWrites.DELETED;
import static io.opstate.tck.OtherProcessWrites.GONE;
import static io.opstate.tck.OtherProcessWrites.RENAMED;
import static io.opstate.tck.OtherProcessWrites.TITLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.NotFoundException;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import io.opstate.postgres.testing.ChildProcesses;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.tck.OtherProcessWrites;
import io.opstate.transcripts.TranscriptEntry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL read cache, opted into with a staleness bound, misses another process's writes
 * for at most that bound from the start of the read that filled it; without the setting there is
 * no cache and they are read at once.
 */
class ProcessCacheTest {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();
    private static final Duration BOUND = Duration.ofSeconds(6);

    @TempDir
    Path folder;

    @Test
    @Timeout(90)
    void anotherProcessesWritesAreReadWithinTheBound() throws Exception {
        String schema = DATABASE.newSchema();
        PersistenceConfig.Builder config = PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema);
        try (Datastore cached = Persistence.open(config.set(Settings.CACHE_MAX_STALENESS, BOUND).build());
             Datastore uncached = Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url())
                     .schema(schema).build())) {
            OtherProcessWrites.seed(cached);
            long loadStarted = System.nanoTime();
            readBeforeTheChange(cached);
            // Every cached value was loaded between loadStarted and loaded: it expires within the bound from each.
            long loaded = System.nanoTime();
            readBeforeTheChange(cached);

            try (ChildProcesses children = new ChildProcesses(folder)) {
                children.start(OtherProcessWrites.class, PostgresTestDatabase.url(), schema);
                children.awaitSuccess(Duration.ofSeconds(60));
                assertThat(children.output(0)).containsExactly("done");
            }

            readAfterTheChange(uncached);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - loadStarted);
            if (elapsed.compareTo(BOUND.minusSeconds(1)) < 0) {
                // Within the bound the cache still answers what it read: proof that it is on.
                assertThat(cached.constructs().get(RENAMED).title()).isNull();
                assertThat(cached.transcripts().last(APPENDED, 2)).hasSize(1);
            }
            Thread.sleep(Math.max(0, BOUND.minus(Duration.ofNanos(System.nanoTime() - loaded)).toMillis() + 50));
            readAfterTheChange(cached);
        }
    }

    private static void readBeforeTheChange(Datastore store) {
        assertThat(store.constructs().get(RENAMED).title()).isNull();
        assertThat(store.constructs().find(DELETED)).isPresent();
        assertThat(store.transcripts().last(APPENDED, 2)).extracting(TranscriptEntry::content).containsExactly("first");
        assertThat(store.transcripts().last(GONE, 1)).hasSize(1);
    }

    private static void readAfterTheChange(Datastore store) {
        assertThat(store.constructs().get(RENAMED).title()).isEqualTo(TITLE);
        assertThat(store.transcripts().last(APPENDED, 2)).extracting(TranscriptEntry::content)
                .containsExactly("first", TITLE);
        assertThat(store.constructs().find(DELETED)).isEmpty();
        assertThatThrownBy(() -> store.transcripts().last(GONE, 1)).isInstanceOf(NotFoundException.class);
    }
}
