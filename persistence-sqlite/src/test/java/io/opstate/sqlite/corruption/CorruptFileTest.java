package io.opstate.sqlite.corruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.opstate.Datastore;
import io.opstate.MigrationMode;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.StorageCorruptedException;
import io.opstate.jobs.NewJob;
import io.opstate.sqlite.SqliteDatastoreProvider;
import io.opstate.sqlite.internal.SqliteStore;
import io.opstate.sqlite.testing.Migrations;
import io.opstate.sqlite.testing.SqliteFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sqlite.SQLiteException;

/**
 * A damaged file is reported as {@link StorageCorruptedException} naming the file and the remedy,
 * wherever the damage is met: opening it, snapshotting it before a migration, reading or writing
 * it afterwards. Never as an outage to wait for, and the failed open leaves the file as it was.
 */
class CorruptFileTest {
    @TempDir
    Path folder;

    /** Apart from the store's folder, whose files the tests list. */
    @TempDir
    Path backups;

    private Path file;

    @BeforeEach
    void writeAStore() {
        file = folder.resolve("store.db");
        try (Datastore store = Persistence.open(SqliteFile.url(file))) {
            store.jobs().create(NewJob.of("thumbnail").withId("job-1"));
        }
    }

    @ParameterizedTest
    @EnumSource(MigrationMode.class)
    void aFileWhoseHeaderIsOverwrittenIsNotOpenedAndIsLeftAsItWas(MigrationMode mode) throws Exception {
        // The first 16 bytes hold the magic string "SQLite format 3\0" that marks a database.
        overwrite(0, "not a database!\0".getBytes(StandardCharsets.US_ASCII));
        byte[] before = Files.readAllBytes(file);

        Throwable thrown = catchThrowable(() -> Persistence.open(config(mode)));

        assertReportsCorruption(thrown);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(SqliteFile.filesIn(folder)).containsExactly("store.db");
    }

    @Test
    void aDamagedTablePageFailsReadsAndWritesOfThatTableAfterOpen() throws Exception {
        damageTheJobsTable();

        try (Datastore store = Persistence.open(SqliteFile.url(file))) {
            assertReportsCorruption(catchThrowable(() -> store.jobs().get("job-1")));
            assertReportsCorruption(catchThrowable(() -> store.jobs().create(NewJob.of("thumbnail"))));
        }
    }

    @Test
    void aDamagedTablePageMetByTheSnapshotBeforeMigratingFailsTheOpenAndChangesNothing() throws Exception {
        damageTheJobsTable();
        String pending = Migrations.folderWith(folder.resolve("pending"), 999, "add_tags",
                "CREATE TABLE tags (id INTEGER PRIMARY KEY);\n");
        byte[] before = Files.readAllBytes(file);

        Throwable thrown = catchThrowable(() -> new SqliteDatastoreProvider(List.of(SqliteStore.MIGRATIONS, pending))
                .open(config(MigrationMode.MIGRATE)));

        assertReportsCorruption(thrown);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(SqliteFile.filesIn(folder)).containsExactly("pending", "store.db");
    }

    /**
     * The procedure of docs/operations.md ("Recovering a damaged SQLite store"): stop the store,
     * move the damaged file and its companions aside, restore the last backup in its place.
     */
    @Test
    void aDamagedStoreIsRecoveredFromItsLastBackupByTheDocumentedProcedure() throws Exception {
        Path backup = backups.resolve("nightly");
        Persistence.backup(config(MigrationMode.MIGRATE), backup);
        try (Datastore store = Persistence.open(SqliteFile.url(file))) {
            store.jobs().create(NewJob.of("thumbnail").withId("job-after-backup"));
        }
        damageTheJobsTable();
        try (Datastore store = Persistence.open(SqliteFile.url(file))) {
            assertReportsCorruption(catchThrowable(() -> store.jobs().get("job-1")));
        }

        Path aside = Files.createDirectories(backups.resolve("damaged"));
        for (String name : List.of("store.db", "store.db-wal", "store.db-shm")) {
            if (Files.exists(folder.resolve(name))) {
                Files.move(folder.resolve(name), aside.resolve(name));
            }
        }
        Persistence.restore(config(MigrationMode.MIGRATE), backup, false);

        assertThat(SqliteFile.integrityCheck(file)).containsExactly("ok");
        try (Datastore store = Persistence.open(SqliteFile.url(file))) {
            assertThat(store.jobs().get("job-1").type()).isEqualTo("thumbnail");
            assertThat(store.jobs().find("job-after-backup")).as("written after the backup: lost with the damage")
                    .isEmpty();
            store.jobs().create(NewJob.of("thumbnail").withId("job-after-restore"));
        }
    }

    private void assertReportsCorruption(Throwable thrown) {
        assertThat(thrown).isInstanceOf(StorageCorruptedException.class);
        assertThat(((StorageCorruptedException) thrown).location()).isEqualTo(file.toString());
        assertThat(thrown.getMessage())
                .contains(file.toString())
                .contains("is corrupted")
                .contains("retrying will not help")
                .contains("PRAGMA integrity_check")
                .contains("restore it from a backup");
        assertThat(thrown).hasRootCauseInstanceOf(SQLiteException.class);
    }

    /** Fills the root page of the jobs table with garbage: the schema still reads, the table does not. */
    private void damageTheJobsTable() throws SQLException, IOException {
        // By suffix, so that the test holds whatever prefix the table names carry.
        long rootPage = Long.parseLong(single(SqliteFile.strings(file,
                "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name LIKE '%jobs'")));
        int pageSize = Integer.parseInt(single(SqliteFile.strings(file, "PRAGMA page_size")));
        assertThat(SqliteFile.filesIn(folder)).as("every commit is in the file itself, none in a -wal")
                .containsExactly("store.db");
        byte[] garbage = new byte[pageSize];
        Arrays.fill(garbage, (byte) 0xA5);
        overwrite((rootPage - 1) * pageSize, garbage);
    }

    private void overwrite(long offset, byte[] bytes) throws IOException {
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(offset);
            raw.write(bytes);
        }
    }

    private static String single(List<String> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    private PersistenceConfig config(MigrationMode mode) {
        return PersistenceConfig.builder(SqliteFile.url(file)).migrationMode(mode).build();
    }
}
