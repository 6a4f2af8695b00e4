package io.opstate.postgres.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.opstate.MigrationMode;
import io.opstate.PersistenceConfig;
import io.opstate.StorageUnavailableException;
import io.opstate.jdbc.SchemaMigrator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Brings a store's schema up to date, once even when several processes open the same schema at
 * the same moment. The whole step (creating the schema when missing, then {@link SchemaMigrator})
 * runs under a session advisory lock keyed by the schema name, so the first process migrates and
 * the others wait for it and then find nothing to do. Flyway's own lock covers applying the
 * migrations, but not the steps before it (creating the schema and the history table, deciding
 * whether to record a baseline), on which two processes could race.
 */
final class PostgresSchema {
    /** First half of the advisory lock key: "OPST". Flyway's one-part keys never collide with two-part ones. */
    private static final int LOCK_CLASS = 0x4F505354;
    private static final String KEY = "hashtext(COALESCE(CAST(? AS text), current_schema(), ''))";

    private PostgresSchema() {
    }

    /** The schema name as a quoted SQL identifier (names are plain identifiers, checked by the configuration). */
    static String quote(String schema) {
        return '"' + schema + '"';
    }

    /**
     * Migrates as {@link PersistenceConfig#migrationMode()} says, through {@code dataSource}
     * (which must allow three connections at once). Does nothing in mode {@code NONE}.
     *
     * @throws io.opstate.MigrationFailedException when the schema is not (and could not be made) current
     * @throws StorageUnavailableException when the server cannot be used for it
     */
    static void migrate(HikariDataSource dataSource, PostgresLocation location, PersistenceConfig config,
                        List<String> migrationLocations) {
        try (Connection lock = dataSource.getConnection()) {
            run(lock, "SELECT pg_advisory_lock(?, " + KEY + ")", location.schema());
            try {
                if (location.schema() != null && config.migrationMode() == MigrationMode.MIGRATE) {
                    try (Statement statement = lock.createStatement()) {
                        statement.execute("CREATE SCHEMA IF NOT EXISTS " + quote(location.schema()));
                    }
                }
                SchemaMigrator.forDataSource(dataSource)
                        .locations(migrationLocations)
                        .mode(config.migrationMode())
                        .schema(location.schema())
                        .classLoader(PostgresSchema.class.getClassLoader())
                        .objects(PostgresSchema::kindOf)
                        .dialect(new PostgresDialect())
                        .observer(config.observer())
                        .run();
            } finally {
                run(lock, "SELECT pg_advisory_unlock(?, " + KEY + ")", location.schema());
            }
        } catch (SQLException e) {
            throw new StorageUnavailableException("cannot prepare the schema of the PostgreSQL store at "
                    + location.describe() + ": " + e.getMessage(), e);
        }
    }

    /** Tables, indexes, sequences and views share one name space per schema (pg_class). */
    private static Optional<String> kindOf(Connection connection, String schema, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT CASE c.relkind WHEN 'r' THEN 'table'"
                + " WHEN 'p' THEN 'table' WHEN 'i' THEN 'index' WHEN 'I' THEN 'index' WHEN 'S' THEN 'sequence'"
                + " WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' ELSE 'relation' END"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = COALESCE(?, current_schema()) AND c.relname = ?")) {
            statement.setString(1, schema);
            statement.setString(2, name);
            try (ResultSet found = statement.executeQuery()) {
                return found.next() ? Optional.of(found.getString(1)) : Optional.empty();
            }
        }
    }

    private static void run(Connection connection, String sql, String schema) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, LOCK_CLASS);
            statement.setString(2, schema);
            statement.execute();
        }
    }
}
