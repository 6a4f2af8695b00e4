package io.opstate.sqlite.migration;

import io.opstate.jdbc.SchemaMigrator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.opstate.Datastore;
import io.opstate.MigrationFailedException;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
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

/**
 * A populated file meets a migration that fails half way. The broken migration is marked to run
 * outside a transaction, so what it did before failing is committed: only restoring the
 * snapshot taken before migrating can undo it.
 */
class MigrationFailureTest {
    /** Far above any version the library will ship, so the test migration stays the pending one. */
    private static final int VERSION = 999;

    @TempDir
    Path folder;

    private Path file;
    private StoreSnapshot written;

    @BeforeEach
    void populateACopy() throws Exception {
        Path original = folder.resolve("original.db");
        try (Datastore store = Persistence.open(SqliteFile.url(original))) {
            SampleData.populate(store);
            written = StoreSnapshot.of(store);
        }
        file = Files.createDirectories(folder.resolve("copy")).resolve("store.db");
        Files.copy(original, file);
    }

    @Test
    void aFailedMigrationRestoresTheFileAndNamesTheMigration() throws Exception {
        Path migrations = folder.resolve("broken");
        String location = Migrations.folderWith(migrations, VERSION, "half_done",
                "CREATE TABLE half_done (id INTEGER);\n"
                        + "ALTER TABLE opstate_jobs ADD COLUMN half_done TEXT;\n"
                        + "UPDATE opstate_jobs SET status = 'cancelled';\n"
                        + "THIS IS NOT SQL;\n");
        Files.writeString(migrations.resolve("V" + VERSION + "__half_done.sql.conf"), "executeInTransaction=false\n");

        MigrationFailedException thrown = catchThrowableOfType(MigrationFailedException.class,
                () -> openWith(List.of(SqliteStore.MIGRATIONS, location)));

        assertThat(thrown.migration()).isEqualTo("V" + VERSION + " half done");
        assertThat(thrown.getMessage()).contains("V" + VERSION).contains("restored");
        assertThat(SqliteFile.filesIn(file.getParent())).as("no snapshot left behind").containsExactly("store.db");
        assertThat(SqliteFile.integrityCheck(file)).containsExactly("ok");
        assertThat(SqliteFile.strings(file, "SELECT name FROM sqlite_schema WHERE name = 'half_done'")).isEmpty();
        assertThat(SqliteFile.strings(file, "SELECT version FROM opstate_schema_history WHERE version IS NOT NULL"))
                .as("the history as before: the library's versions, not the failed one")
                .endsWith(String.valueOf(SchemaMigrator.CURRENT_VERSION)).doesNotContain(String.valueOf(VERSION));
        try (Datastore reopened = Persistence.open(SqliteFile.url(file))) {
            assertThat(StoreSnapshot.of(reopened)).isEqualTo(written);
        }
    }

    @Test
    void aSuccessfulMigrationDiscardsItsSnapshot() throws Exception {
        String location = Migrations.folderWith(folder.resolve("good"), VERSION, "add_notes",
                "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT;\n");

        try (Datastore migrated = openWith(List.of(SqliteStore.MIGRATIONS, location))) {
            assertThat(migrated.maintenance().health().schemaVersion()).isEqualTo(String.valueOf(VERSION));
            assertThat(StoreSnapshot.of(migrated)).isEqualTo(written);
        }
        assertThat(SqliteFile.filesIn(file.getParent())).containsExactly("store.db");
        assertThat(SqliteFile.strings(file, "SELECT name FROM sqlite_schema WHERE name = 'notes'")).containsExactly("notes");
    }

    private Datastore openWith(List<String> locations) {
        return new SqliteDatastoreProvider(locations).open(PersistenceConfig.builder(SqliteFile.url(file)).build());
    }
}
