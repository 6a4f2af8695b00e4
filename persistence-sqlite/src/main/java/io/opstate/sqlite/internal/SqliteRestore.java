package io.opstate.sqlite.internal;

import io.opstate.InvalidInputException;
import io.opstate.PersistenceConfig;
import io.opstate.StorageUnavailableException;
import io.opstate.core.artifacts.BlobEntry;
import io.opstate.core.artifacts.BlobStore;
import io.opstate.Settings;
import io.opstate.core.artifacts.BlobKey;
import io.opstate.core.backup.BackupKey;
import io.opstate.core.backup.BackupManifest;
import io.opstate.core.backup.SealedFiles;
import io.opstate.core.backup.SegmentedAesGcm;
import io.opstate.core.backup.DurableFiles;
import io.opstate.core.backup.OwnerOnly;
import io.opstate.operations.RestoreReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

/**
 * Restores a backup written by {@link SqliteBackup}. Verifies first, writes after: the database
 * copy's size, SHA-256 and {@code PRAGMA integrity_check}, and every blob's content against the
 * hash it is named by, with their count and size against the manifest. Then the blobs go into the
 * store's artifact root, and last the database replaces the store's file by an atomic rename, so
 * that a restored row never lacks its blob and a crash leaves the old store or the new one.
 */
final class SqliteRestore {
    private static final String FIELD = "backup";

    private SqliteRestore() {
    }

    static RestoreReport restore(PersistenceConfig config, Path backup, boolean overwrite) {
        SqliteLocation location = SqliteLocation.parse(config.url());
        if (location.temporary()) {
            throw new InvalidInputException("url", "names a temporary SQLite store; restore into a file");
        }
        Path source = backup.toAbsolutePath().normalize();
        if (!Files.isDirectory(source)) {
            throw new InvalidInputException(FIELD, "is not a directory: " + SqliteFiles.shown(source));
        }
        BackupManifest manifest = BackupManifest.readFrom(source, FIELD);
        if (!SqliteStore.NAME.equals(manifest.backend())) {
            throw new InvalidInputException(FIELD, "is a backup of a " + manifest.backend() + " store, not of an SQLite one");
        }
        BackupKey key = keyFor(manifest, config);
        Path file = location.file();
        refuseToReplace(file, overwrite);
        Path staged = SqliteFiles.sibling(file, ".restoring");
        Path stagedBlobs = SqliteFiles.sibling(file, ".restoring.artifacts");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(staged);
            deleteTree(stagedBlobs);
            stageDatabase(source.resolve(manifest.databaseFile()), staged, manifest, key);
            BlobStore blobs = key == null ? new BlobStore(source.resolve(manifest.blobDirectory()))
                    : unsealBlobs(source.resolve(manifest.blobDirectory()), new BlobStore(stagedBlobs), key);
            List<BlobEntry> verified = verifyBlobs(blobs, manifest);
            refuseToReplace(file, overwrite);

            BlobStore target = SqliteStore.blobStore(config, file);
            long blobBytes = 0;
            for (BlobEntry blob : verified) {
                if (blobs.copyInto(blob.key(), target) == null) {
                    throw new StorageUnavailableException("blob " + blob.key().fileName() + " vanished from the backup"
                            + " while it was restored; nothing of the database was replaced");
                }
                blobBytes += blob.storedSize();
            }
            Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            DurableFiles.syncDirectory(file.toAbsolutePath().getParent());
            return new RestoreReport(file, target.root(), manifest.schemaVersion(), Files.size(file), verified.size(),
                    blobBytes);
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot restore " + SqliteFiles.shown(source) + ": "
                    + SqliteFiles.shown(e), e);
        } finally {
            try {
                Files.deleteIfExists(staged);
                deleteTree(stagedBlobs);
            } catch (IOException ignored) {
                // a leftover staging file is replaced by the next restore
            }
        }
    }

    /** The key an encrypted backup needs, checked by its fingerprint; null for a plain backup. */
    private static BackupKey keyFor(BackupManifest manifest, PersistenceConfig config) {
        if (!manifest.encrypted()) {
            return null;
        }
        BackupKey key = BackupKey.configured(config).orElseThrow(() -> new InvalidInputException(
                Settings.BACKUP_KEY.property(), "is not set, and the backup is encrypted (key fingerprint "
                + manifest.keyFingerprint() + "): set it to the key the backup was written with"));
        if (!key.fingerprint().equals(manifest.keyFingerprint())) {
            throw new InvalidInputException(Settings.BACKUP_KEY.property(), "is not the key of this backup (its"
                    + " fingerprint is " + key.fingerprint() + ", the backup's " + manifest.keyFingerprint() + ")");
        }
        return key;
    }

    /** The database copy beside the store's file, checked against the manifest and by SQLite. */
    private static void stageDatabase(Path copy, Path staged, BackupManifest manifest, BackupKey key)
            throws IOException {
        if (!Files.isRegularFile(copy)) {
            throw new InvalidInputException(FIELD, "lacks its database copy " + manifest.databaseFile());
        }
        long size;
        String sha256;
        if (key == null) {
            Files.copy(copy, staged);
            OwnerOnly.restrict(staged);
            DurableFiles.sync(staged);
            size = Files.size(staged);
            sha256 = DurableFiles.sha256(staged);
        } else {
            SealedFiles.Facts facts;
            try {
                facts = SealedFiles.unseal(copy, staged, key);
            } catch (IOException e) {
                throw new InvalidInputException(FIELD, manifest.databaseFile() + " cannot be decrypted: " + e.getMessage(), e);
            }
            size = facts.bytes();
            sha256 = facts.sha256();
        }
        verifyDatabase(staged, size, sha256, manifest);
    }

    /** Decrypts every blob of an encrypted backup into {@code staging}, which is then verified as a plain one. */
    private static BlobStore unsealBlobs(Path directory, BlobStore staging, BackupKey key) throws IOException {
        if (!Files.isDirectory(directory)) {
            return staging;
        }
        List<Path> sealed;
        try (Stream<Path> files = Files.list(directory)) {
            sealed = files.sorted().toList();
        }
        for (Path file : sealed) {
            String name = file.getFileName().toString();
            BlobKey blob = name.endsWith(".enc") ? BlobKey.ofFileName(name.substring(0, name.length() - 4)) : null;
            if (blob == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException(FIELD, "holds " + name + " among its encrypted blobs, which is none");
            }
            try (InputStream plain = SegmentedAesGcm.decrypting(Files.newInputStream(file), key)) {
                staging.writeStoredBytes(blob, plain);
            } catch (IOException e) {
                throw new InvalidInputException(FIELD, "blob " + name + " cannot be decrypted: " + e.getMessage(), e);
            }
        }
        return staging;
    }

    private static void verifyDatabase(Path staged, long size, String sha256, BackupManifest manifest) {
        if (size != manifest.databaseBytes()) {
            throw new InvalidInputException(FIELD, manifest.databaseFile() + " holds " + size + " bytes, not the "
                    + manifest.databaseBytes() + " of the manifest: it was changed or cut short after the backup");
        }
        if (!sha256.equals(manifest.databaseSha256())) {
            throw new InvalidInputException(FIELD, manifest.databaseFile() + " does not match the SHA-256 of the"
                    + " manifest: it was changed after the backup (" + sha256 + ")");
        }
        try (Connection connection = readOnly(staged).getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
            String first = result.next() ? result.getString(1) : null;
            if (!"ok".equals(first)) {
                throw new InvalidInputException(FIELD, manifest.databaseFile() + " fails SQLite's integrity check: "
                        + first);
            }
        } catch (SQLException e) {
            throw new InvalidInputException(FIELD, manifest.databaseFile() + " cannot be read as an SQLite database: "
                    + SqliteFiles.shown(e), e);
        }
    }

    /** Every blob of the backup, each read back and hashed; their count and size as the manifest says. */
    private static List<BlobEntry> verifyBlobs(BlobStore blobs, BackupManifest manifest) {
        List<BlobEntry> found = new ArrayList<>();
        blobs.forEachBlob(found::add);
        long bytes = found.stream().mapToLong(BlobEntry::storedSize).sum();
        if (found.size() != manifest.blobs() || bytes != manifest.blobBytes()) {
            throw new InvalidInputException(FIELD, "holds " + found.size() + " blobs of " + bytes + " bytes, not the "
                    + manifest.blobs() + " of " + manifest.blobBytes() + " bytes of the manifest");
        }
        for (BlobEntry blob : found) {
            if (!blobs.intact(blob)) {
                throw new InvalidInputException(FIELD, "blob " + blob.key().fileName() + " does not match its hash:"
                        + " it was changed after the backup");
            }
        }
        return found;
    }

    /**
     * An existing store is replaced only when asked, and never while a connection has it open: in
     * WAL mode its {@code -wal} and {@code -shm} files exist exactly as long as one does (or after
     * a crash, until the store is opened and closed once).
     */
    private static void refuseToReplace(Path file, boolean overwrite) {
        if (!Files.exists(file)) {
            return;
        }
        if (!overwrite) {
            throw new InvalidInputException("overwrite", "is off, and a store exists at " + SqliteFiles.shown(file)
                    + "; restore into a new path, or ask to overwrite it");
        }
        for (Path companion : SqliteFiles.withCompanions(file).subList(1, 3)) {
            if (Files.exists(companion)) {
                throw new StorageUnavailableException("the store " + SqliteFiles.shown(file) + " is in use, or was not"
                        + " closed cleanly (" + SqliteFiles.shown(companion.getFileName()) + " exists): stop every"
                        + " process using it (open and close it once after a crash), then restore again");
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Unpooled read-only connections to a database file that must exist. */
    static SQLiteDataSource readOnly(Path file) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setReadOnly(true);
        sqlite.resetOpenMode(SQLiteOpenMode.CREATE);
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl("jdbc:sqlite:" + file);
        return source;
    }
}
