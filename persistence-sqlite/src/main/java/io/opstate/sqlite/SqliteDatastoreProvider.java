package io.opstate.sqlite;

import io.opstate.Datastore;
import io.opstate.PersistenceConfig;
import io.opstate.core.ValidatingDatastore;
import io.opstate.operations.BackupReport;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import io.opstate.operations.RestoreReport;
import io.opstate.spi.DatastoreProvider;
import io.opstate.sqlite.internal.SqliteStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The SQLite backend, the embedded default: one database file, no server. Selected for URLs
 * containing {@code :sqlite:}, so wrapped URLs ({@code jdbc:p6spy:sqlite:...}) work too.
 *
 * <p>URLs: {@code jdbc:sqlite:<path>} opens (or creates) the file, creating missing parent
 * folders; {@code jdbc:sqlite:} or {@code jdbc:sqlite::memory:} opens a temporary store, a new
 * file in the system temporary folder deleted when the store closes. URL parameters are not
 * accepted: settings come from {@link PersistenceConfig}.
 *
 * <p>The store runs in WAL mode with foreign keys on, {@code synchronous=NORMAL} (FULL with
 * {@link io.opstate.Durability#FULL}) and the configured busy timeout. All writes go through one
 * connection in {@code BEGIN IMMEDIATE} transactions; reads use a pool of at most
 * {@link PersistenceConfig#poolMaxSize()} read-only connections. Threads of one process never
 * see SQLITE_BUSY; another process on the same file is waited for up to the busy timeout.
 * Before an existing file is migrated it is copied next to itself
 * ({@code <file>.pre-migration}); a failed migration restores that copy and the store refuses
 * to open with {@link io.opstate.MigrationFailedException}.
 *
 * <p>Found through {@link java.util.ServiceLoader}; cheap to construct.
 */
public final class SqliteDatastoreProvider implements DatastoreProvider {
    private final List<String> migrationLocations;

    /** The provider {@link java.util.ServiceLoader} creates, with the migrations this library ships. */
    public SqliteDatastoreProvider() {
        this(List.of(SqliteStore.MIGRATIONS));
    }

    /**
     * A provider applying the migrations found in {@code migrationLocations} (Flyway locations,
     * e.g. {@code classpath:db/migration/sqlite}) instead. For tests that add a deliberately
     * failing migration; hosts use the no-argument constructor.
     */
    public SqliteDatastoreProvider(List<String> migrationLocations) {
        this.migrationLocations = List.copyOf(migrationLocations);
    }

    @Override
    public String name() {
        return SqliteStore.NAME;
    }

    @Override
    public String artifact() {
        return "io.opstate:persistence-sqlite";
    }

    /** The level this provider was compiled against; see {@link DatastoreProvider#API_LEVEL}. */
    @Override
    public int apiLevel() {
        return API_LEVEL;
    }

    @Override
    public boolean accepts(String url) {
        return url != null && url.toLowerCase(Locale.ROOT).contains(":sqlite:");
    }

    /**
     * Opens the store, migrating its schema as {@link PersistenceConfig#migrationMode()} says.
     *
     * @throws io.opstate.StorageUnavailableException naming the path when the file cannot be created or written,
     *     or (mode NONE) does not exist or is temporary: only mode MIGRATE creates a store
     * @throws io.opstate.MigrationFailedException when the schema cannot be made current, is newer than this
     *     library, or (mode VALIDATE) has pending migrations, does not exist or is temporary
     * @throws io.opstate.StorageCorruptedException naming the path when the file is not a database or is damaged
     * @throws io.opstate.InvalidInputException naming {@code opstate.url} for a URL it cannot use
     */
    @Override
    public Datastore open(PersistenceConfig config) {
        return ValidatingDatastore.wrap(SqliteStore.open(config, migrationLocations), config);
    }

    /**
     * An online backup: {@code VACUUM INTO} a consistent copy while writers go on, the artifact
     * blobs its rows reference, and a manifest with their hashes; see {@link io.opstate.Persistence#backup}.
     */
    @Override
    public BackupReport backup(PersistenceConfig config, Path directory, ProgressListener listener,
                               Cancellation cancellation) {
        return SqliteStore.backup(config, directory, listener, cancellation);
    }

    /** Verifies a backup whole, then restores its blobs and its database; see {@link io.opstate.Persistence#restore}. */
    @Override
    public RestoreReport restore(PersistenceConfig config, Path backup, boolean overwrite) {
        return SqliteStore.restore(config, backup, overwrite);
    }
}
