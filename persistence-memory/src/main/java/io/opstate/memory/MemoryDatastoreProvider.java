package io.opstate.memory;

import io.opstate.core.tokens.TokenSettings;
import io.opstate.Datastore;
import io.opstate.InvalidInputException;
import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import io.opstate.core.ValidatingDatastore;
import io.opstate.core.artifacts.BlobRoot;
import io.opstate.memory.internal.MemoryDatastore;
import io.opstate.memory.internal.StoreRegistry;
import io.opstate.spi.DatastoreProvider;
import io.opstate.spi.Urls;

/**
 * The in-memory backend, for tests and ephemeral hosts. Nothing survives the JVM.
 *
 * <ul>
 *   <li>{@code memory:} opens a new private store on every call; its data is dropped when
 *       that store is closed.</li>
 *   <li>{@code memory:<name>} opens a store shared by every {@link Datastore} opened with the
 *       same name (case-sensitive) in this JVM (more precisely, this class loader) while at
 *       least one of them is open. When the last one closes, the data is dropped; opening the
 *       name again starts empty.</li>
 * </ul>
 *
 * <p>The scheme is matched case-insensitively. Behaves as every backend must (see the TCK):
 * same ordering, errors, microsecond times and paging. Thread-safe: writes are serialised by
 * one store-wide lock, so claims never hand a job to two workers.
 */
public final class MemoryDatastoreProvider implements DatastoreProvider {
    /** The backend name, for {@code opstate.backend}. */
    public static final String NAME = "memory";
    /** The Maven coordinates of this backend. */
    public static final String ARTIFACT = "io.opstate:persistence-memory";

    private static final String SCHEME = "memory:";
    // Static: ServiceLoader makes a new provider instance on every lookup, but names must be shared JVM-wide.
    private static final StoreRegistry NAMED_STORES = new StoreRegistry();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String artifact() {
        return ARTIFACT;
    }

    /** The level this provider was compiled against; see {@link DatastoreProvider#API_LEVEL}. */
    @Override
    public int apiLevel() {
        return API_LEVEL;
    }

    @Override
    public boolean accepts(String url) {
        return url != null && url.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /**
     * Opens a private or named store as the URL says, behind the shared input validation.
     *
     * @throws InvalidInputException naming {@code opstate.url} when the URL is not {@code memory:[name]}
     */
    @Override
    public Datastore open(PersistenceConfig config) {
        String url = config.url();
        if (!accepts(url)) {
            throw new InvalidInputException(PersistenceConfig.URL,
                    "the memory backend needs memory: or memory:<name>, got " + Urls.shown(url));
        }
        BlobRoot.requireFiles(config, "memory", "in a temporary directory, or under "
                + Settings.ARTIFACT_ROOT.property());
        String name = url.substring(SCHEME.length());
        int checkpointsKept = config.get(Settings.CHECKPOINTS_KEPT).orElseThrow();
        MemoryDatastore store = name.isEmpty()
                ? MemoryDatastore.openPrivate(config.clock(), checkpointsKept, config.artifactRoot().orElse(null),
                        TokenSettings.from(config))
                : NAMED_STORES.open(name, config.clock(), checkpointsKept, config.artifactRoot().orElse(null),
                        TokenSettings.from(config));
        return ValidatingDatastore.wrap(store, config);
    }

    /** Whether a named store currently holds data, i.e. has at least one open {@link Datastore}. */
    public static boolean isOpen(String name) {
        return NAMED_STORES.isOpen(name);
    }
}
