package io.opstate.sqlite.internal;

import io.opstate.InvalidInputException;
import io.opstate.PersistenceConfig;
import io.opstate.StorageUnavailableException;
import io.opstate.artifacts.ArtifactCompression;
import io.opstate.core.artifacts.BlobEntry;
import io.opstate.core.artifacts.BlobKey;
import io.opstate.core.artifacts.BlobStore;
import io.opstate.core.backup.BackupKey;
import io.opstate.core.backup.BackupManifest;
import io.opstate.core.backup.DurableFiles;
import io.opstate.core.backup.OwnerOnly;
import io.opstate.core.backup.SealedFiles;
import io.opstate.jdbc.SchemaMigrator;
import io.opstate.operations.BackupReport;
import io.opstate.operations.Cancellation;
import io.opstate.operations.OperationCancelledException;
import io.opstate.operations.Progress;
import io.opstate.operations.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

/**
 * An online backup of an SQLite store into a directory: {@code VACUUM INTO} writes a consistent
 * copy of the database as of one moment (a read transaction: writers go on meanwhile, in WAL
 * mode), then every blob the copy's artifact rows reference is copied from the artifact root, and
 * last the manifest ({@link BackupManifest}) with the copy's SHA-256. Blobs are immutable and
 * named by their content, so a blob copied after the snapshot is the one the snapshot meant; one
 * collected meanwhile (its artifact deleted after the snapshot) is reported, not invented.
 */
final class SqliteBackup {
    static final String DATABASE_FILE = "store.db";
    static final String BLOB_DIRECTORY = "artifacts";
    /** Where an encrypted backup keeps its blobs: one file per blob, {@code <blob file name>.enc}. */
    static final String SEALED_BLOB_DIRECTORY = "artifacts.enc";
    /** The suffix of an encrypted file. */
    static final String SEALED = ".enc";
    private static final String OPERATION = "backup";
    private static final int BLOBS_PER_REPORT = 100;

    private SqliteBackup() {
    }

    static BackupReport write(PersistenceConfig config, Path directory, ProgressListener listener,
                              Cancellation cancellation) {
        long started = System.nanoTime();
        SqliteLocation location = SqliteLocation.parse(config.url());
        if (location.temporary()) {
            throw new InvalidInputException("url", "names a temporary SQLite store, which has no file to back up");
        }
        Path file = location.file();
        if (!Files.isRegularFile(file)) {
            throw SqliteFiles.unusable(file, "there is no store to back up", null);
        }
        Path target = directory.toAbsolutePath().normalize();
        prepareEmpty(target);
        boolean finished = false;
        try {
            BackupKey key = BackupKey.configured(config).orElse(null);
            Instant takenAt = Instant.now();
            report(listener, "database copy", 0, 1);
            Path copy = target.resolve(key == null ? DATABASE_FILE : DATABASE_FILE + ".part");
            vacuumInto(file, config, copy);
            report(listener, "database copy", 1, 1);
            cancellation.throwIfCancelled(OPERATION);

            CopyFacts facts = readCopy(copy);
            long databaseBytes = Files.size(copy);
            String databaseSha256 = DurableFiles.sha256(copy);
            String databaseFile = DATABASE_FILE;
            if (key != null) {
                databaseFile = DATABASE_FILE + SEALED;
                try (InputStream plain = Files.newInputStream(copy)) {
                    SealedFiles.seal(plain, target.resolve(databaseFile), key);
                }
                Files.delete(copy);
            }

            BlobStore live = SqliteStore.blobStore(config, file);
            BlobCopy blobs = key == null ? new PlainBlobs(live, new BlobStore(target.resolve(BLOB_DIRECTORY)))
                    : new SealedBlobs(live, target.resolve(SEALED_BLOB_DIRECTORY), key);
            long copied = 0;
            long blobBytes = 0;
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < facts.blobs().size(); i++) {
                if (i % BLOBS_PER_REPORT == 0) {
                    cancellation.throwIfCancelled(OPERATION);
                    report(listener, "artifact blobs", i, facts.blobs().size());
                }
                BlobKey blob = facts.blobs().get(i);
                long stored = blobs.copy(blob);
                if (stored < 0) {
                    missing.add(blob.sha256());
                } else {
                    copied++;
                    blobBytes += stored;
                }
            }
            report(listener, "artifact blobs", facts.blobs().size(), facts.blobs().size());
            cancellation.throwIfCancelled(OPERATION);

            report(listener, "manifest", 0, 1);
            new BackupManifest("sqlite", takenAt, facts.schemaVersion(), databaseFile, databaseBytes, databaseSha256,
                    key == null ? BLOB_DIRECTORY : SEALED_BLOB_DIRECTORY, copied, blobBytes, missing,
                    key == null ? null : key.fingerprint()).writeTo(target);
            OwnerOnly.restrictTree(target);
            DurableFiles.syncDirectory(target);
            report(listener, "manifest", 1, 1);
            finished = true;
            return new BackupReport(target, facts.schemaVersion(), databaseBytes, copied, blobBytes, missing,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot write the backup " + SqliteFiles.shown(target) + ": "
                    + SqliteFiles.shown(e), e);
        } finally {
            if (!finished) {
                deleteQuietly(target);
            }
        }
    }

    /** Creates {@code target}, owner-only, or accepts it empty; anything in it is refused. */
    private static void prepareEmpty(Path target) {
        try {
            if (Files.exists(target)) {
                if (!Files.isDirectory(target)) {
                    throw new InvalidInputException("directory", "is a file, not a directory: " + SqliteFiles.shown(target));
                }
                try (Stream<Path> entries = Files.list(target)) {
                    if (entries.findAny().isPresent()) {
                        throw new InvalidInputException("directory", "is not empty: " + SqliteFiles.shown(target)
                                + "; a backup goes into a new or empty directory, never over another");
                    }
                }
            } else {
                Files.createDirectories(target);
            }
            OwnerOnly.restrict(target);
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot create the backup directory " + SqliteFiles.shown(target)
                    + ": " + SqliteFiles.shown(e), e);
        }
    }

    /**
     * A consistent copy through a connection of its own, which holds only a read transaction,
     * into an empty file made owner-only first (VACUUM INTO keeps an empty file's permissions).
     */
    private static void vacuumInto(Path file, PersistenceConfig config, Path copy) throws IOException {
        Files.createFile(copy);
        OwnerOnly.restrict(copy);
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.resetOpenMode(SQLiteOpenMode.CREATE);
        sqlite.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, config.busyTimeout().toMillis()));
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl("jdbc:sqlite:" + file);
        try (Connection connection = source.getConnection();
             PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, copy.toString());
            vacuum.execute();
        } catch (SQLException e) {
            throw SqliteFiles.unusable(file, "cannot copy it into the backup (" + SqliteFiles.shown(e) + ")", e);
        }
    }

    /** Copies one blob into the backup: its stored size, or -1 when the store no longer has it. */
    private interface BlobCopy {
        long copy(BlobKey key) throws IOException;
    }

    /** Blobs as they are, in the artifact root's own layout. */
    private record PlainBlobs(BlobStore live, BlobStore backup) implements BlobCopy {
        @Override
        public long copy(BlobKey key) {
            BlobEntry entry = live.copyInto(key, backup);
            return entry == null ? -1 : entry.storedSize();
        }
    }

    /** Blobs encrypted, one file each, named by the blob's own file name. */
    private record SealedBlobs(BlobStore live, Path directory, BackupKey key) implements BlobCopy {
        @Override
        public long copy(BlobKey blob) throws IOException {
            Files.createDirectories(directory);
            Path sealed = directory.resolve(blob.fileName() + SEALED);
            try (InputStream stored = live.openStoredBytes(blob)) {
                if (stored == null) {
                    return -1;
                }
                CountingInput counted = new CountingInput(stored);
                SealedFiles.seal(counted, sealed, key);
                return counted.count;
            }
        }
    }

    /** Counts what passes through, for the stored size of a blob encrypted on the way. */
    private static final class CountingInput extends java.io.FilterInputStream {
        private long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = super.read(bytes, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** The copy's schema version and the blobs its artifact rows reference. */
    private record CopyFacts(String schemaVersion, List<BlobKey> blobs) {
    }

    private static CopyFacts readCopy(Path copy) {
        try (Connection connection = SqliteRestore.readOnly(copy).getConnection();
             Statement statement = connection.createStatement()) {
            String version = schemaVersion(statement);
            List<BlobKey> blobs = new ArrayList<>();
            if (hasTable(statement, "opstate_artifacts")) {
                try (ResultSet rows = statement.executeQuery(
                        "SELECT DISTINCT sha256, compression FROM opstate_artifacts ORDER BY sha256, compression")) {
                    while (rows.next()) {
                        blobs.add(new BlobKey(rows.getString(1), ArtifactCompression.valueOf(rows.getString(2))));
                    }
                }
            }
            return new CopyFacts(version, blobs);
        } catch (SQLException e) {
            throw SqliteFiles.unusable(copy, "cannot read the copy just taken (" + SqliteFiles.shown(e) + ")", e);
        }
    }

    /** The newest applied schema version, or refuses a database that is not an OpState store. */
    static String schemaVersion(Statement statement) throws SQLException {
        if (!hasTable(statement, SchemaMigrator.HISTORY_TABLE)) {
            throw new InvalidInputException("url", "names an SQLite database that is not an OpState store (it has no "
                    + SchemaMigrator.HISTORY_TABLE + ")");
        }
        try (ResultSet row = statement.executeQuery("SELECT version FROM " + SchemaMigrator.HISTORY_TABLE
                + " WHERE success = 1 AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            return row.next() ? row.getString(1) : "0";
        }
    }

    private static boolean hasTable(Statement statement, String table) throws SQLException {
        try (ResultSet row = statement.executeQuery(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")) {
            return row.next();
        }
    }

    private static void report(ProgressListener listener, String step, long done, long total) {
        try {
            listener.progress(new Progress(OPERATION, step, done, total));
        } catch (RuntimeException e) {
            throw new OperationCancelledException(OPERATION, e);
        }
    }

    /** Removes an unfinished backup, so that no directory without a manifest passes for one. */
    private static void deleteQuietly(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) throws IOException {
                    Files.delete(path);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // without a manifest, what is left is not taken for a backup
        }
    }
}
