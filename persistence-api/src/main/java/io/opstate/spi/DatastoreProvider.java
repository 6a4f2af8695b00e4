package io.opstate.spi;

import io.opstate.operations.BackupReport;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import io.opstate.operations.RestoreReport;
import java.nio.file.Path;
import io.opstate.Datastore;
import io.opstate.PersistenceConfig;

/**
 * A backend, found through {@link java.util.ServiceLoader}. Implementations must be cheap to
 * construct: the expensive work (pools, files, migrations) happens only in {@link #open} of the
 * one provider selected. Register the class in
 * {@code META-INF/services/io.opstate.spi.DatastoreProvider}; prove it with the TCK
 * ({@code io.opstate:persistence-tck}) of the API level it implements.
 *
 * <p><b>API levels.</b> Each API level names the {@link Datastore} accessors it has; a later
 * level adds accessors as abstract methods, which a backend built for an earlier level does not
 * implement. So that such a backend is refused when the store is opened rather than failing on
 * the first call of a missing accessor, every provider reports the level it was built for
 * ({@link #apiLevel()}), and {@link io.opstate.Persistence} only selects a provider whose level
 * equals this library's {@link #API_LEVEL}. The TCK of a level is the proof that a backend
 * implements it. Level 1 has the accessors {@link Datastore#jobs()},
 * {@link Datastore#pipelines()}, {@link Datastore#schedules()}, {@link Datastore#executions()},
 * {@link Datastore#history()} and {@link Datastore#maintenance()}. Level 2 adds
 * {@link Datastore#constructs()}, {@link Datastore#sessions()} and {@link Datastore#transcripts()}. Level 3 adds
 * {@link Datastore#search()}, {@link Datastore#artifacts()}, {@link Datastore#resources()},
 * {@link Datastore#tokens()} and {@link Datastore#preferences()}.
 */
public interface DatastoreProvider {
    /**
     * The API level of this library. A compile-time constant: a provider's
     * {@code return API_LEVEL;} is compiled into the provider's own class, so a provider keeps
     * reporting the level of the API it was compiled against, whichever API is on the classpath
     * when it runs.
     */
    int API_LEVEL = 3;

    /** Short unique name, e.g. {@code sqlite}; what {@code opstate.backend} selects. */
    String name();

    /** Maven coordinates that bring this backend, shown in selection errors, e.g. {@code io.opstate:persistence-sqlite}. */
    String artifact();

    /**
     * The API level this provider implements. Implement it as exactly {@code return API_LEVEL;}
     * (never a literal), so that it reports the level of the API the provider was compiled
     * against. A provider of another level than {@link #API_LEVEL} is refused when selected.
     */
    int apiLevel();

    /** Whether this backend handles the URL. Must not open anything. */
    boolean accepts(String url);

    /** Tie-breaker when several providers accept a URL: higher wins; equal is an error. Default 0. */
    default int priority() {
        return 0;
    }

    /**
     * Opens a store. The caller owns the result and closes it. The store returned must be the
     * backend's store wrapped by the shared validating layer
     * ({@code io.opstate.core.ValidatingDatastore.wrap(store, config)} in
     * {@code io.opstate:persistence-core}), never the bare store: input is then checked and
     * normalised in one place, the same way for every backend, so validation can never drift
     * between backends, and the backend may assume valid, normalised input.
     *
     * @throws io.opstate.PersistenceException typed as the API documents (storage unavailable,
     *     migration failed, invalid input for a malformed URL)
     */
    Datastore open(PersistenceConfig config);

    /**
     * Writes a consistent backup of the store {@code config} names, while it stays in use, into
     * {@code directory}, which must not exist or be empty. A backend that keeps its store in
     * files it can copy (SQLite) overrides this; others refuse, naming what backs them up instead.
     *
     * @throws UnsupportedOperationException when this backend has no backup of its own
     * @see io.opstate.Persistence#backup
     */
    default BackupReport backup(PersistenceConfig config, Path directory, ProgressListener listener,
                                Cancellation cancellation) {
        throw new UnsupportedOperationException(name() + " stores have no file backup: back one up with an export"
                + " archive, or with the database's own tools (docs/operations.md)");
    }

    /**
     * Restores the backup in {@code backup} as the store {@code config} names, after verifying
     * every file of it. An existing store is replaced only when {@code overwrite}, and never while
     * it is in use.
     *
     * @throws UnsupportedOperationException when this backend has no backup of its own
     * @see io.opstate.Persistence#restore
     */
    default RestoreReport restore(PersistenceConfig config, Path backup, boolean overwrite) {
        throw new UnsupportedOperationException(name() + " stores are not restored from a file backup: import an"
                + " export archive, or use the database's own tools (docs/operations.md)");
    }
}
