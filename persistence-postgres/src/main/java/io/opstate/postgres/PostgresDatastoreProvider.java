package io.opstate.postgres;

import io.opstate.Datastore;
import io.opstate.PersistenceConfig;
import io.opstate.core.ValidatingDatastore;
import io.opstate.postgres.internal.PostgresStore;
import io.opstate.spi.DatastoreProvider;
import java.util.List;
import java.util.Locale;

/**
 * The PostgreSQL backend, for many processes on many hosts against one database. Selected for
 * URLs containing {@code :postgresql:} ({@code jdbc:postgresql://host:5432/db?user=...}); pgjdbc
 * URL parameters are honoured.
 *
 * <p>One HikariCP pool serves reads and writes, sized by {@link PersistenceConfig#poolMaxSize()},
 * {@link PersistenceConfig#poolMinIdle()} and {@link PersistenceConfig#poolMaxLifetime()}; waiting
 * for a connection, connecting, and waiting for the server's answer are each bounded by
 * {@link PersistenceConfig#connectionTimeout()}, after which the operation fails with
 * {@link io.opstate.StorageUnavailableException}; the same store works again once the server is
 * back. With {@link PersistenceConfig#schema()} the tables live in that schema (created when
 * missing), so several stores can share one database. The schema is migrated with Flyway on
 * open as {@link PersistenceConfig#migrationMode()} says; processes opening one schema at the
 * same time migrate it exactly once.
 *
 * <p>Times come from the database server's clock unless {@link PersistenceConfig#timeSource()}
 * says {@link io.opstate.TimeSource#HOST}: hosts with skewed clocks still agree on lease expiry.
 * JSON is stored as {@code jsonb}, so it reads back semantically equal to what was written, with
 * keys possibly reordered and whitespace dropped.
 *
 * <p>Found through {@link java.util.ServiceLoader}; cheap to construct.
 */
public final class PostgresDatastoreProvider implements DatastoreProvider {
    private final List<String> migrationLocations;

    /** The provider {@link java.util.ServiceLoader} creates, with the migrations this library ships. */
    public PostgresDatastoreProvider() {
        this(List.of(PostgresStore.MIGRATIONS));
    }

    /**
     * A provider applying the migrations found in {@code migrationLocations} (Flyway locations)
     * instead. For tests that add a deliberately failing migration; hosts use the no-argument
     * constructor.
     */
    public PostgresDatastoreProvider(List<String> migrationLocations) {
        this.migrationLocations = List.copyOf(migrationLocations);
    }

    @Override
    public String name() {
        return PostgresStore.NAME;
    }

    @Override
    public String artifact() {
        return "io.opstate:persistence-postgres";
    }

    /** The level this provider was compiled against; see {@link DatastoreProvider#API_LEVEL}. */
    @Override
    public int apiLevel() {
        return API_LEVEL;
    }

    @Override
    public boolean accepts(String url) {
        return url != null && url.toLowerCase(Locale.ROOT).contains(":postgresql:");
    }

    /**
     * Opens the store, migrating its schema as {@link PersistenceConfig#migrationMode()} says.
     *
     * @throws io.opstate.StorageUnavailableException naming the URL (password masked) when the server
     *     cannot be reached or refuses the login
     * @throws io.opstate.MigrationFailedException when the schema cannot be made current, is newer than this
     *     library, or (mode VALIDATE) has pending migrations
     * @throws io.opstate.InvalidInputException naming {@code opstate.url} for a URL it cannot use
     */
    @Override
    public Datastore open(PersistenceConfig config) {
        return ValidatingDatastore.wrap(PostgresStore.open(config, migrationLocations), config);
    }
}
