package io.opstate.internal;

import io.opstate.operations.StoreObserver;
import java.lang.System.Logger.Level;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A host's {@link StoreObserver} whose failures stay its own: an exception it throws is logged
 * and dropped, so that an observer can never fail a write, an open or a maintenance task.
 */
public final class GuardedObserver implements StoreObserver {
    private static final System.Logger LOG = System.getLogger(GuardedObserver.class.getName());

    private final StoreObserver observer;

    private GuardedObserver(StoreObserver observer) {
        this.observer = observer;
    }

    /** {@code observer} guarded; {@link StoreObserver#NONE} and an observer already guarded as they are. */
    public static StoreObserver of(StoreObserver observer) {
        return observer == StoreObserver.NONE || observer instanceof GuardedObserver ? observer
                : new GuardedObserver(observer);
    }

    @Override
    public void migrated(int fromVersion, int toVersion, Duration took) {
        try {
            observer.migrated(fromVersion, toVersion, took);
        } catch (RuntimeException e) {
            failed("migrated", e);
        }
    }

    @Override
    public void batchCommitted(int writes, long nanos) {
        try {
            observer.batchCommitted(writes, nanos);
        } catch (RuntimeException e) {
            failed("batchCommitted", e);
        }
    }

    @Override
    public void poolOpened(String name, DataSource pool) {
        try {
            observer.poolOpened(name, pool);
        } catch (RuntimeException e) {
            failed("poolOpened", e);
        }
    }

    @Override
    public void maintenanceTaskFinished(String task, boolean succeeded, Duration took) {
        try {
            observer.maintenanceTaskFinished(task, succeeded, took);
        } catch (RuntimeException e) {
            failed("maintenanceTaskFinished", e);
        }
    }

    private void failed(String event, RuntimeException e) {
        LOG.log(Level.WARNING, "store observer " + observer + " failed on " + event + "; ignored", e);
    }

    @Override
    public String toString() {
        return "GuardedObserver[" + observer + "]";
    }
}
