package io.opstate.postgres.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.jdbc.SchemaMigrator;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.tck.SqlSchemaContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSchemaTest extends SqlSchemaContract {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    /** The schema the fixtures were dumped from; each test restores them into a schema of its own. */
    private static final String FIXTURE_SCHEMA = "fixture_v";

    @Override
    protected PersistenceConfig.Builder freshStore() {
        String schema = DATABASE.newSchema();
        try (Connection connection = PostgresTestDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema);
    }

    /**
     * Restores {@code src/test/resources/fixtures/v<version>/store.sql}, a {@code pg_dump --inserts}
     * of a store that release wrote (psql's backslash commands dropped), into a new schema.
     */
    @Override
    protected PersistenceConfig.Builder fixtureStore(int version) {
        String schema = DATABASE.newSchema();
        String dump;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/v" + version + "/store.sql")) {
            dump = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String sql = dump.lines().filter(line -> !line.startsWith("\\")).collect(Collectors.joining("\n"))
                .replace(FIXTURE_SCHEMA + version, schema);
        try (Connection connection = PostgresTestDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot restore fixture v" + version, e);
        }
        return PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema);
    }

    /**
     * Version 15: the GIN index of the search words merges its pending list every 256 kB, not at
     * the server's default of 4 MB, which held a many-writer batch up for tens of milliseconds.
     * A new store and an upgraded one alike.
     */
    @Test
    void theSearchIndexMergesItsPendingListInSmallSteps() throws SQLException {
        for (PersistenceConfig config : List.of(freshStore().build(), fixtureStore(5).build())) {
            Persistence.open(config).close();
            try (Connection connection = connect(config)) {
                assertThat(strings(connection, "SELECT array_to_string(reloptions, ',') FROM pg_class"
                        + " WHERE oid = 'opstate_search_documents_words'::regclass"))
                        .as("storage parameters of the search index in schema %s", config.schema().orElseThrow())
                        .containsExactly("gin_pending_list_limit=256");
            }
        }
    }

    @Override
    protected Map<String, Map<String, String>> dialectAddedColumns() {
        return Map.of("history", Map.of("xact_id", "0"));
    }

    @Override
    protected Connection connect(PersistenceConfig config) throws SQLException {
        return DriverManager.getConnection(PostgresTestDatabase.url("currentSchema=" + config.schema().orElseThrow()));
    }

    /** Columns, constraints, indexes and sequences of the schema, with the schema's own name left out. */
    @Override
    protected List<String> describeSchema(Connection connection) throws SQLException {
        String history = SchemaMigrator.HISTORY_TABLE;
        return strings(connection,
                "SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable"
                        + " || ' ' || COALESCE(column_default, '-') || ' ' || COALESCE(collation_name, '-')"
                        + " || ' ' || is_identity FROM information_schema.columns WHERE table_schema = current_schema()"
                        + " AND table_name <> '" + history + "' ORDER BY table_name, ordinal_position",
                "SELECT 'constraint ' || conname || ' on ' || conrelid::regclass::text || ': ' || pg_get_constraintdef(oid)"
                        + " FROM pg_constraint WHERE connamespace = current_schema()::regnamespace"
                        + " AND conrelid::regclass::text <> '" + history + "' ORDER BY conname",
                "SELECT 'index ' || indexname || ': ' || replace(indexdef, current_schema() || '.', '') FROM pg_indexes"
                        + " WHERE schemaname = current_schema() AND tablename <> '" + history + "' ORDER BY indexname",
                "SELECT 'sequence ' || sequence_name FROM information_schema.sequences"
                        + " WHERE sequence_schema = current_schema() ORDER BY sequence_name");
    }

    private static List<String> strings(Connection connection, String... queries) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (String query : queries) {
                try (ResultSet rows = statement.executeQuery(query)) {
                    while (rows.next()) {
                        found.add(rows.getString(1));
                    }
                }
            }
        }
        return found;
    }
}
