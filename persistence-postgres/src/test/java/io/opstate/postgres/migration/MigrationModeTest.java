package io.opstate.postgres.migration;

import io.opstate.jdbc.SchemaMigrator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.MigrationFailedException;
import io.opstate.MigrationMode;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.StorageUnavailableException;
import io.opstate.postgres.PostgresDatastoreProvider;
import io.opstate.postgres.internal.PostgresStore;
import io.opstate.postgres.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The migration modes on PostgreSQL, a failing migration, and a server that cannot be reached. */
class MigrationModeTest {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    private static PersistenceConfig config(String schema, MigrationMode mode) {
        return PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema).migrationMode(mode).build();
    }

    @Test
    void validateRefusesAFreshSchemaAndCreatesNothing() throws SQLException {
        String schema = DATABASE.newSchema();
        assertThatThrownBy(() -> Persistence.open(config(schema, MigrationMode.VALIDATE)))
                .isInstanceOf(MigrationFailedException.class).hasMessageContaining("V" + SchemaMigrator.CURRENT_VERSION);
        assertThat(schemaExists(schema)).isFalse();
    }

    @Test
    void validateAcceptsAMigratedSchemaAndNoneChecksNothing() {
        String schema = DATABASE.newSchema();
        Persistence.open(config(schema, MigrationMode.MIGRATE)).close();
        try (Datastore store = Persistence.open(config(schema, MigrationMode.VALIDATE))) {
            assertThat(store.maintenance().health().schemaVersion()).isEqualTo(String.valueOf(SchemaMigrator.CURRENT_VERSION));
        }
        try (Datastore store = Persistence.open(config(DATABASE.newSchema(), MigrationMode.NONE))) {
            assertThat(store.maintenance().health().schemaVersion()).as("no history table to read").isNull();
        }
    }

    @Test
    void aFailingUpgradeIsRolledBackAndNamed() throws SQLException {
        String schema = DATABASE.newSchema();
        Persistence.open(config(schema, MigrationMode.MIGRATE)).close();
        assertThatThrownBy(() -> BROKEN.open(config(schema, MigrationMode.MIGRATE)))
                .isInstanceOf(MigrationFailedException.class).hasMessageContaining("V900");
        assertThat(tableExists(schema, "half_made")).as("DDL of the failed migration rolled back").isFalse();
        try (Datastore store = Persistence.open(config(schema, MigrationMode.VALIDATE))) {
            assertThat(store.maintenance().health().schemaVersion()).isEqualTo(String.valueOf(SchemaMigrator.CURRENT_VERSION));
        }
    }

    /**
     * All pending migrations run in one transaction, and a refused first migration also takes
     * back the history table it began with: the schema is left exactly as it was.
     */
    @Test
    void aRefusedFirstMigrationLeavesNothingBehind() throws SQLException {
        String schema = DATABASE.newSchema();
        assertThatThrownBy(() -> BROKEN.open(config(schema, MigrationMode.MIGRATE)))
                .isInstanceOf(MigrationFailedException.class).hasMessageContaining("V900");
        assertThat(tablesIn(schema)).as("no table of ours, no half-made table, no history").isEmpty();
        try (Datastore store = Persistence.open(config(schema, MigrationMode.MIGRATE))) {
            assertThat(store.maintenance().health().schemaVersion()).isEqualTo(String.valueOf(SchemaMigrator.CURRENT_VERSION));
        }
    }

    @Test
    void anUnreachableServerIsStorageUnavailableWithThePasswordMasked() {
        PersistenceConfig config = PersistenceConfig.builder("jdbc:postgresql://127.0.0.1:1/test?user=u&password=s3cret")
                .connectionTimeout(java.time.Duration.ofSeconds(1)).build();
        assertThatThrownBy(() -> Persistence.open(config)).isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("127.0.0.1:1").message().doesNotContain("s3cret");
    }

    private static final PostgresDatastoreProvider BROKEN = new PostgresDatastoreProvider(
            List.of(PostgresStore.MIGRATIONS, "classpath:db/migration/postgresql-broken"));

    private static List<String> tablesIn(String schema) throws SQLException {
        try (Connection connection = PostgresTestDatabase.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = '" + schema + "'")) {
            List<String> tables = new java.util.ArrayList<>();
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
            return tables;
        }
    }

    private static boolean schemaExists(String schema) throws SQLException {
        return exists("SELECT 1 FROM pg_namespace WHERE nspname = '" + schema + "'");
    }

    private static boolean tableExists(String schema, String table) throws SQLException {
        return exists("SELECT 1 FROM pg_tables WHERE schemaname = '" + schema + "' AND tablename = '" + table + "'");
    }

    private static boolean exists(String query) throws SQLException {
        try (Connection connection = PostgresTestDatabase.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            return rows.next();
        }
    }
}
