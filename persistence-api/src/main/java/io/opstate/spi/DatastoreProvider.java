package io.opstate.spi;

import io.opstate.Datastore;
import io.opstate.PersistenceConfig;

/**
 * A backend, found through {@link java.util.ServiceLoader}. Implementations must be cheap to
 * construct: the expensive work (pools, files, migrations) happens only in {@link #open} of the
 * one provider selected. Register the class in
 * {@code META-INF/services/io.opstate.spi.DatastoreProvider}; prove it with the TCK.
 */
public interface DatastoreProvider {
    /** Short unique name, e.g. {@code sqlite}; what {@code opstate.backend} selects. */
    String name();

    /** Maven coordinates that bring this backend, shown in selection errors, e.g. {@code io.opstate:persistence-sqlite}. */
    String artifact();

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
}
