package io.opstate.operations;

import java.time.Duration;
import javax.sql.DataSource;

/**
 * Told of what happens inside a store that its callers cannot see: schema migrations, the
 * transactions of combined writes, the connection pools it opens, the maintenance tasks it runs.
 * For metrics: {@code io.opstate:persistence-micrometer} implements it, and a host may implement
 * it for its own monitoring. Set it on the configuration before the store opens
 * ({@link io.opstate.PersistenceConfig.Builder#observer(StoreObserver)}), so that the migration
 * run by the open itself is seen.
 *
 * <p>Every method has an empty default, so an observer implements only what it needs, and a
 * store without an observer ({@link #NONE}) pays one empty call per event. Methods are called
 * on the thread that did the work, some of them on the write path of other callers (a batch
 * commit is reported before its callers return): keep them quick and never block in them. They
 * may be called from many threads at once. An exception one throws is logged and ignored; it
 * never reaches the store's caller. A backend reports only the events it has: the memory backend
 * has no migrations, no batches and no pools.
 */
public interface StoreObserver {
    /** Observes nothing. */
    StoreObserver NONE = new StoreObserver() {
        @Override
        public String toString() {
            return "StoreObserver.NONE";
        }
    };

    /**
     * The store applied schema migrations, taking it from {@code fromVersion} (0 for a store new to
     * OpState) to {@code toVersion}; {@code took} counts from the decision to migrate to the
     * commit, snapshot included (SQLite). Not called when the schema was already current or the
     * migration failed (the open then raises {@link io.opstate.MigrationFailedException}).
     */
    default void migrated(int fromVersion, int toVersion, Duration took) {
    }

    /**
     * A transaction of single writes committed: {@code writes} writes of one or more callers
     * (1 for a write alone), combined by group commit, in {@code nanos} nanoseconds from the
     * start of the transaction to its commit. In nanoseconds rather than a {@link Duration} so
     * that the write path allocates nothing for it.
     */
    default void batchCommitted(int writes, long nanos) {
    }

    /**
     * The store opened a connection pool, named {@code name} (e.g. {@code opstate-sqlite-readers}),
     * which it closes with the store. {@code pool} is the pool itself (a HikariCP
     * {@code HikariDataSource} on the SQL backends), for an observer that registers the pool's own
     * metrics; it must not be closed or reconfigured otherwise.
     */
    default void poolOpened(String name, DataSource pool) {
    }

    /**
     * A maintenance task ({@code integrity-check}, {@code optimize}, {@code checkpoint},
     * {@code retention}, ...) ended, {@code succeeded} or not, after {@code took}. A failed task is
     * also logged at error level by the store.
     */
    default void maintenanceTaskFinished(String task, boolean succeeded, Duration took) {
    }
}
