package io.opstate.postgres.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.resources.NewResource;
import io.opstate.resources.ResourceChange;
import io.opstate.resources.ResourceKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A follower of one store object is woken by a write of another store object on the same schema,
 * as it would be by another process: nothing in the process connects the two but the database,
 * so the wake can only come from NOTIFY. A follower that is listening re-reads by itself only
 * once a second; the write lands a third of a second into its wait, and the follower must have
 * its change well before its own re-read would have found it.
 */
class FeedNotificationTest {
    private static final Duration INTO_THE_WAIT = Duration.ofMillis(300);
    private static final Duration PROMPT = Duration.ofMillis(450);

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Test
    @Timeout(120)
    void otherStoresWriteWakesFollowerThroughNotify() throws Exception {
        String schema = DATABASE.newSchema();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Datastore writer = open(schema); Datastore follower = open(schema)) {
            writer.resources().declareKind(ResourceKind.of("instance", "stopped", "running"));
            // Starts the follower's listening connection; give it time to LISTEN.
            assertThat(follower.resources().awaitChanges(0, 10, Duration.ofMillis(10))).isEmpty();
            Thread.sleep(1_500);

            for (int round = 1; round <= 3; round++) {
                long after = round - 1;
                Future<List<ResourceChange>> waiting = pool.submit(
                        () -> follower.resources().awaitChanges(after, 10, Duration.ofMinutes(1)));
                Thread.sleep(INTO_THE_WAIT.toMillis());
                writer.resources().create(NewResource.of("instance", "i" + round));
                long committed = System.nanoTime();
                List<ResourceChange> changes = waiting.get(60, TimeUnit.SECONDS);
                Duration latency = Duration.ofNanos(System.nanoTime() - committed);

                assertThat(changes).extracting(ResourceChange::position).containsExactly((long) round);
                assertThat(latency).as("round %d woken by the notice", round).isLessThan(PROMPT);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Datastore open(String schema) {
        return Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema).build());
    }
}
