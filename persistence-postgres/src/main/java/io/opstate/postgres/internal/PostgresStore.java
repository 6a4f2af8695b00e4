package io.opstate.postgres.internal;

import io.opstate.core.tokens.TokenSettings;
import com.zaxxer.hikari.HikariDataSource;
import io.opstate.InvalidInputException;
import io.opstate.MigrationMode;
import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import io.opstate.TimeSource;
import io.opstate.artifacts.ArtifactStorage;
import io.opstate.core.artifacts.BlobRoot;
import io.opstate.jdbc.JdbcDatastore;
import io.opstate.jdbc.ReadCaching;
import io.opstate.jdbc.WaitTimeouts;
import java.util.List;

/**
 * Opens a PostgreSQL store: migrate the schema through connections of its own (closed before the
 * store opens), then open the store's pool. On any failure what was opened is closed again.
 */
public final class PostgresStore {
    /** The Flyway location of the PostgreSQL migrations this library ships. */
    public static final String MIGRATIONS = "classpath:db/migration/postgresql";
    /** The backend's name. */
    public static final String NAME = "postgres";

    private PostgresStore() {
    }

    /** The default: one batch commits while the next one runs, and both grow as writers queue. */
    static final int DEFAULT_WRITE_COMMITTERS = 2;

    /**
     * The configured number, else two, and never more than half the pool (at least one), which
     * leaves connections for transactions and reads. Few committers make large batches: on a
     * 2-core machine with a local server, 8 writing threads created 2x as many jobs per second
     * with 1 or 2 committers as with 5 (docs/benchmarks.md). A distant server, where round trips
     * rather than commits bound the rate, wants more; that is what the setting is for.
     */
    static int writeCommitters(PersistenceConfig config) {
        return config.writeCommitters()
                .orElse(Math.max(1, Math.min(DEFAULT_WRITE_COMMITTERS, config.poolMaxSize() / 2)));
    }

    /**
     * Opens the store at {@code config.url()}, unvalidated (the provider wraps it). Times come
     * from {@link PersistenceConfig#timeSource()}, by default {@link TimeSource#DATABASE}. The read
     * cache is opt-in, with a staleness bound ({@link Settings#CACHE_MAX_STALENESS}): other hosts'
     * writes cannot be noticed without asking the server, which is what the cache saves.
     *
     * @param migrationLocations Flyway locations of the migrations to apply
     */
    public static JdbcDatastore open(PersistenceConfig config, List<String> migrationLocations) {
        ArtifactStorage artifactStorage = artifactStorage(config);
        BlobRoot blobRoot = blobRoot(config, artifactStorage);
        PostgresLocation location = PostgresLocation.of(config);
        if (config.migrationMode() != MigrationMode.NONE) {
            try (HikariDataSource migration = PostgresConnections.migration(location, config)) {
                PostgresSchema.migrate(migration, location, config, migrationLocations);
            }
        }
        HikariDataSource pool = PostgresConnections.pool(location, config);
        try {
            return JdbcDatastore.create(NAME, new PostgresDialect(), pool, pool, config.clock(),
                    config.timeSource().orElse(TimeSource.DATABASE), writeCommitters(config),
                    WaitTimeouts.ofServer(config), new PostgresProbe(location), pool,
                    config.get(Settings.CHECKPOINTS_KEPT).orElseThrow(), ReadCaching.withMaxStaleness(config), blobRoot,
                    artifactStorage, TokenSettings.from(config), config.observer());
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Where the blobs go: as configured, else files. A root set together with database placement
     * is refused, so that no operator backs up a directory that holds nothing.
     *
     * @throws InvalidInputException naming {@link Settings#ARTIFACT_STORAGE} for that combination
     */
    static ArtifactStorage artifactStorage(PersistenceConfig config) {
        ArtifactStorage storage = config.artifactStorage().orElse(ArtifactStorage.FILES);
        if (storage == ArtifactStorage.DATABASE && config.artifactRoot().isPresent()) {
            throw new InvalidInputException(Settings.ARTIFACT_STORAGE.property(), "is database, which keeps the blobs"
                    + " in the database, but " + Settings.ARTIFACT_ROOT.property() + " names a directory too: unset one");
        }
        return storage;
    }

    /**
     * The configured artifact root, for file placement. There is no default: processes on several
     * hosts share one database, so they must share one blob directory too, which only the
     * operator can name; or keep the blobs in the database.
     */
    private static BlobRoot blobRoot(PersistenceConfig config, ArtifactStorage storage) {
        if (storage == ArtifactStorage.DATABASE) {
            return BlobRoot.unconfigured("artifact blobs are kept in the database");
        }
        return config.artifactRoot().map(BlobRoot::configured).orElseGet(() -> BlobRoot.unconfigured(
                "a PostgreSQL store keeps artifact blobs either in a directory that every host using the database"
                        + " shares, or in the database with " + Settings.ARTIFACT_STORAGE.property() + "=database"));
    }
}
