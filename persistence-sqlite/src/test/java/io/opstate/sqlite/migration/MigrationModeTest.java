package io.opstate.sqlite.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.opstate.Datastore;
import io.opstate.MigrationFailedException;
import io.opstate.SchemaTooNewException;
import io.opstate.MigrationMode;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.PersistenceException;
import io.opstate.StorageUnavailableException;
import io.opstate.sqlite.SqliteDatastoreProvider;
import io.opstate.sqlite.internal.SqliteStore;
import io.opstate.sqlite.testing.Migrations;
import io.opstate.sqlite.testing.SampleData;
import io.opstate.sqlite.testing.SqliteFile;
import io.opstate.tck.StoreSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VALIDATE and NONE never change a file, and a schema newer than the library is refused untouched. */
class MigrationModeTest {
    @TempDir
    Path folder;

    private Path file;
    private StoreSnapshot written;
    private String pending;

    @BeforeEach
    void populate() throws Exception {
        file = folder.resolve("store.db");
        try (Datastore store = Persistence.open(SqliteFile.url(file))) {
            SampleData.populate(store);
            written = StoreSnapshot.of(store);
        }
        Path migrations = folder.resolve("pending");
        Migrations.folderWith(migrations, 998, "add_notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY);\n");
        pending = Migrations.folderWith(migrations, 999, "add_tags", "CREATE TABLE tags (id INTEGER PRIMARY KEY);\n");
    }

    @Test
    void validateRefusesPendingMigrationsListingThemAndChangesNothing() throws Exception {
        byte[] before = Files.readAllBytes(file);

        MigrationFailedException thrown = catchThrowableOfType(MigrationFailedException.class,
                () -> openWithPending(MigrationMode.VALIDATE));

        assertThat(thrown.migration()).isEqualTo("V998 add notes");
        assertThat(thrown.getMessage()).contains("VALIDATE").contains("V998 add notes").contains("V999 add tags");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(SqliteFile.filesIn(folder)).containsExactly("pending", "store.db");
    }

    @Test
    void aSchemaNewerThanTheLibraryIsRefusedAndLeftByteIdentical() throws Exception {
        SqliteFile.execute(file, "INSERT INTO opstate_schema_history (installed_rank, version, description, type,"
                + " script, checksum, installed_by, installed_on, execution_time, success) VALUES (100, '99',"
                + " 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'test', '2026-03-01 10:00:00', 1, 1)");
        byte[] before = Files.readAllBytes(file);

        MigrationFailedException thrown = catchThrowableOfType(MigrationFailedException.class,
                () -> Persistence.open(SqliteFile.url(file)));

        assertThat(thrown.migration()).isEqualTo("V99 from the future");
        assertThat(thrown).isInstanceOf(SchemaTooNewException.class);
        assertThat(thrown.getMessage()).contains("newer than version");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(SqliteFile.filesIn(folder)).containsExactly("pending", "store.db");
    }

    @Test
    void noneOpensWithoutMigratingOrChangingTheFile() throws Exception {
        byte[] before = Files.readAllBytes(file);

        try (Datastore store = openWithPending(MigrationMode.NONE)) {
            assertThat(StoreSnapshot.of(store)).isEqualTo(written);
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(SqliteFile.strings(file, "SELECT name FROM sqlite_schema WHERE name IN ('notes', 'tags')")).isEmpty();
    }

    @Test
    void validateOnAMissingFileRefusesAndCreatesNothing() {
        Path missing = folder.resolve("absent").resolve("store.db");

        MigrationFailedException thrown = catchThrowableOfType(MigrationFailedException.class,
                () -> Persistence.open(config(missing, MigrationMode.VALIDATE)));

        assertThat(thrown.getMessage()).contains(missing.toString()).contains("does not exist").contains("VALIDATE");
        assertThat(folder.resolve("absent")).doesNotExist();
    }

    @Test
    void noneOnAMissingFileRefusesAndCreatesNothing() {
        Path missing = folder.resolve("absent").resolve("store.db");

        Throwable thrown = catchThrowable(() -> Persistence.open(config(missing, MigrationMode.NONE)));

        assertThat(thrown).isInstanceOf(StorageUnavailableException.class);
        assertThat(thrown.getMessage()).contains(missing.toString()).contains("does not exist").contains("NONE");
        assertThat(folder.resolve("absent")).doesNotExist();
    }

    @Test
    void aTemporaryStoreNeedsMigrating() {
        for (MigrationMode mode : List.of(MigrationMode.VALIDATE, MigrationMode.NONE)) {
            Throwable thrown = catchThrowable(() -> Persistence.open(
                    PersistenceConfig.builder("jdbc:sqlite:").migrationMode(mode).build()));
            assertThat(thrown).as("mode %s", mode).isInstanceOf(PersistenceException.class)
                    .hasMessageContaining("temporary");
        }
    }

    private Datastore openWithPending(MigrationMode mode) {
        return new SqliteDatastoreProvider(List.of(SqliteStore.MIGRATIONS, pending)).open(config(file, mode));
    }

    private static PersistenceConfig config(Path file, MigrationMode mode) {
        return PersistenceConfig.builder(SqliteFile.url(file)).migrationMode(mode).build();
    }
}
