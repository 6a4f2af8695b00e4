package io.opstate.sqlite.internal;

import io.opstate.core.tokens.TokenSettings;
import io.opstate.Durability;
import io.opstate.MigrationFailedException;
import io.opstate.MigrationMode;
import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import io.opstate.StorageUnavailableException;
import io.opstate.TimeSource;
import io.opstate.artifacts.ArtifactStorage;
import io.opstate.core.artifacts.BlobRoot;
import io.opstate.core.artifacts.BlobStore;
import io.opstate.jdbc.JdbcDatastore;
import io.opstate.jdbc.ReadCaching;
import io.opstate.jdbc.SchemaMigrator;
import io.opstate.jdbc.internal.SqlErrors;
import io.opstate.jdbc.WaitTimeouts;
import io.opstate.operations.BackupReport;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import io.opstate.operations.RestoreReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.sqlite.SQLiteDataSource;

/**
 * Opens an SQLite store, in an order that matters: check the path, create the file in WAL mode,
 * migrate through a connection of its own (snapshotting an existing file first), and only then
 * open the writer and the read-only pool (read-only connections cannot create the file). On any
 * failure everything opened so far is closed again; a failure caused by a damaged file, whichever
 * step met it, is raised as {@link io.opstate.StorageCorruptedException}.
 */
public final class SqliteStore {
    /** The Flyway location of the SQLite migrations this library ships. */
    public static final String MIGRATIONS = "classpath:db/migration/sqlite";
    /** The backend's name. */
    public static final String NAME = "sqlite";

    private SqliteStore() {
    }

    /**
     * Opens the store at {@code config.url()}, unvalidated (the provider wraps it).
     *
     * @param migrationLocations Flyway locations of the migrations to apply
     */
    public static JdbcDatastore open(PersistenceConfig config, List<String> migrationLocations) {
        SqliteLocation location = SqliteLocation.parse(config.url());
        BlobRoot.requireFiles(config, NAME, "beside the database file, or under " + Settings.ARTIFACT_ROOT.property());
        refuseToCreateUnlessMigrating(location, config.migrationMode());
        Path file = location.temporary() ? SqliteFiles.temporary() : location.file();
        Resources resources = new Resources("SQLite store " + file);
        CommitCrowd crowd = new CommitCrowd();
        CheckpointsBeside walCheckpoints = config.durability() == Durability.FULL
                ? CheckpointsBeside.whileCrowded(file.toString(), crowd)
                : CheckpointsBeside.always(file.toString());
        SqliteDialect dialect = new SqliteDialect(walCheckpoints);
        try {
            if (location.temporary()) {
                resources.add(() -> SqliteFiles.deleteTemporary(file));
            } else {
                SqliteFiles.prepare(file);
            }
            SQLiteDataSource direct = SqliteConnections.readWrite(file, config);
            createInWalMode(file, direct);
            SchemaMigrator.forDataSource(direct)
                    .locations(migrationLocations)
                    .mode(config.migrationMode())
                    .snapshots(() -> SqliteSnapshot.take(file, direct))
                    .objects(SqliteStore::kindOf)
                    .dialect(dialect)
                    .classLoader(SqliteStore.class.getClassLoader())
                    .observer(config.observer())
                    .run();
            String pools = SqliteConnections.poolNames();
            var writer = resources.add(pool(file, () -> SqliteConnections.writer(file, config, pools)));
            var readers = resources.add(pool(file, () -> SqliteConnections.readers(file, config, pools)));
            resources.add(pool(file, () -> {
                walCheckpoints.start(direct);
                return walCheckpoints;
            }));
            return JdbcDatastore.create(NAME, dialect, writer, readers, config.clock(), TimeSource.HOST, 1,
                    WaitTimeouts.of(config), new SqliteProbe(file), resources,
                    config.get(Settings.CHECKPOINTS_KEPT).orElseThrow(), caching(file, config),
                    blobRoot(config, location, file), ArtifactStorage.FILES, TokenSettings.from(config),
                    crowd.watching(config.observer()));
        } catch (RuntimeException e) {
            RuntimeException failure = new SqlErrors(dialect, NAME, file.toString()).corruptionOr(e);
            resources.closeAfter(failure);
            throw failure;
        } catch (Error e) {
            resources.closeAfter(e);
            throw e;
        }
    }

    /** Writes a backup of the store {@code config} names into {@code directory} ({@link SqliteBackup}). */
    public static BackupReport backup(PersistenceConfig config, Path directory, ProgressListener listener,
                                      Cancellation cancellation) {
        return SqliteBackup.write(config, directory, listener, cancellation);
    }

    /** Restores a backup as the store {@code config} names ({@link SqliteRestore}). */
    public static RestoreReport restore(PersistenceConfig config, Path backup, boolean overwrite) {
        return SqliteRestore.restore(config, backup, overwrite);
    }

    /**
     * Exact across processes: {@code PRAGMA data_version} moves on a connection whenever another
     * connection, of this process or another, has committed to the file; checked before every
     * cached answer, on a read-only connection of the cache's own.
     */
    private static ReadCaching caching(Path file, PersistenceConfig config) {
        return ReadCaching.checkedBy(config, SqliteConnections.watcher(file, config), "PRAGMA data_version", NAME);
    }

    /**
     * Where artifact blobs go: the configured root, else a directory beside the database file
     * ({@code app.db.artifacts}), so that the store and its blobs move and back up together; a
     * temporary store's go to a temporary directory, deleted with it.
     */
    private static BlobRoot blobRoot(PersistenceConfig config, SqliteLocation location, Path file) {
        if (config.artifactRoot().isPresent()) {
            return BlobRoot.configured(config.artifactRoot().get());
        }
        return location.temporary() ? BlobRoot.temporary() : BlobRoot.at(defaultArtifactRoot(file));
    }

    /** The blobs of the (not temporary) store in {@code file}, as {@link #blobRoot} places them. */
    static BlobStore blobStore(PersistenceConfig config, Path file) {
        return config.artifactRoot().isPresent()
                ? BlobStore.configured(Settings.ARTIFACT_ROOT.property(), config.artifactRoot().get())
                : new BlobStore(defaultArtifactRoot(file));
    }

    private static Path defaultArtifactRoot(Path file) {
        return file.resolveSibling(file.getFileName() + ".artifacts");
    }

    /**
     * Only MIGRATE may create a store: opening the file would create an empty database, which
     * VALIDATE cannot accept and NONE would hand out without tables.
     */
    private static void refuseToCreateUnlessMigrating(SqliteLocation location, MigrationMode mode) {
        if (mode == MigrationMode.MIGRATE || (!location.temporary() && Files.exists(location.file()))) {
            return;
        }
        String what = location.temporary() ? "a temporary store is always new and empty"
                : "cannot use SQLite database " + location.file() + ": it does not exist";
        String reason = what + ", and migration mode " + mode + " never creates a store; open it once with"
                + " migration mode MIGRATE (or check the path)";
        if (mode == MigrationMode.VALIDATE) {
            throw new MigrationFailedException(null, reason + ". A missing store has no schema to validate.", null);
        }
        throw new StorageUnavailableException(reason);
    }

    /** Opens the file once, creating it if needed, and checks that it is in WAL mode. */
    private static void createInWalMode(Path file, SQLiteDataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
            String journal = mode.next() ? mode.getString(1) : null;
            if (!"wal".equalsIgnoreCase(journal)) {
                throw SqliteFiles.unusable(file, "it cannot be switched to WAL journal mode (it is in "
                        + journal + " mode); is it on a network file system?", null);
            }
        } catch (SQLException e) {
            throw SqliteFiles.unusable(file, SqliteFiles.shown(e), e);
        }
    }

    /** Tables, indexes, views and triggers share one name space in SQLite, case-insensitive. */
    private static Optional<String> kindOf(Connection connection, String schema, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT type FROM sqlite_master WHERE name = ? COLLATE NOCASE")) {
            statement.setString(1, name);
            try (ResultSet found = statement.executeQuery()) {
                return found.next() ? Optional.of(found.getString(1)) : Optional.empty();
            }
        }
    }

    private static <T> T pool(Path file, Supplier<T> opener) {
        try {
            return opener.get();
        } catch (StorageUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw SqliteFiles.unusable(file, "cannot open connections: " + SqliteFiles.shown(e), e);
        }
    }
}
