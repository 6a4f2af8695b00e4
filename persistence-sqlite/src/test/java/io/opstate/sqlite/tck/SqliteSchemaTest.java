package io.opstate.sqlite.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.jdbc.SchemaMigrator;
import io.opstate.sqlite.testing.Migrations;
import io.opstate.sqlite.testing.SqliteFile;
import io.opstate.tck.SqlSchemaContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSchemaTest extends SqlSchemaContract {
    @TempDir
    Path folder;

    private int stores;

    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder(SqliteFile.url(folder.resolve("store-" + ++stores + ".db")));
    }

    /** The file of {@code src/test/resources/fixtures/v<version>/store.db}, copied, as that release left it. */
    @Override
    protected PersistenceConfig.Builder fixtureStore(int version) {
        Path file = folder.resolve("fixture-v" + version + "-" + ++stores + ".db");
        try (InputStream fixture = getClass().getResourceAsStream("/fixtures/v" + version + "/store.db")) {
            Files.copy(fixture, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PersistenceConfig.builder(SqliteFile.url(file));
    }

    @Override
    protected Connection connect(PersistenceConfig config) throws SQLException {
        return SqliteFile.connect(Path.of(config.url().substring("jdbc:sqlite:".length())));
    }

    /** Each object's type, name, table and SQL as SQLite keeps them; quotes and spacing aside (a rename quotes the name). */
    @Override
    protected List<String> describeSchema(Connection connection) throws SQLException {
        List<String> objects = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_master"
                     + " WHERE tbl_name <> '" + SchemaMigrator.HISTORY_TABLE + "' ORDER BY type, name")) {
            while (rows.next()) {
                String sql = rows.getString(4) == null ? "" : rows.getString(4).replace("\"", "").replaceAll("\\s+", " ");
                objects.add(rows.getString(1) + " " + rows.getString(2) + " on " + rows.getString(3) + ": " + sql);
            }
        }
        return objects;
    }

    /**
     * Version 16: the FTS5 index merges no segments by itself ({@code automerge} 0); each
     * transaction that adds words merges a slice instead. A new store and upgraded ones alike.
     */
    @Test
    void theSearchIndexLeavesMergingToTheTransactionsThatAddWords() throws SQLException {
        for (PersistenceConfig config : List.of(freshStore().build(), fixtureStore(5).build(), fixtureStore(10).build())) {
            Persistence.open(config).close();
            try (Connection connection = connect(config); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT v FROM opstate_search_index_config WHERE k = 'automerge'")) {
                assertThat(rows.next()).as("automerge set in %s", config.url()).isTrue();
                assertThat(rows.getInt(1)).as("automerge in %s", config.url()).isZero();
            }
        }
    }

    @Test
    void theNewestVersionShippedIsTheOneTheLibraryKnows() {
        assertThat(Migrations.latestShippedVersion()).isEqualTo(String.valueOf(SchemaMigrator.CURRENT_VERSION));
    }
}
