package io.opstate.postgres.migration;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.history.NewHistoryEvent;

/**
 * A process for {@link ConcurrentMigrationTest}: waits until the given epoch millisecond, opens
 * (and so migrates) the store in the given schema, and prints "opened". Arguments: URL, schema, start time.
 */
public final class OpenAt {
    private OpenAt() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Math.max(0, Long.parseLong(args[2]) - System.currentTimeMillis()));
        try (Datastore store = Persistence.open(PersistenceConfig.builder(args[0]).schema(args[1]).build())) {
            store.history().append(NewHistoryEvent.of("opened"));
            System.out.println("opened");
        }
    }
}
