package io.opstate.sqlite.tck;

import io.opstate.PersistenceConfig;
import io.opstate.sqlite.testing.SqliteFile;
import io.opstate.tck.SqlSearchStorageContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

class SqliteSearchStorageTest extends SqlSearchStorageContract {
    @TempDir
    Path folder;

    private int stores;

    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder(SqliteFile.url(folder.resolve("store-" + ++stores + ".db")));
    }

    @Override
    protected Connection connect(PersistenceConfig config) throws SQLException {
        return SqliteFile.connect(Path.of(config.url().substring("jdbc:sqlite:".length())));
    }

    /** The rows of the contentless FTS5 table: a delete that missed one would leave it here. */
    @Override
    protected long wordRows(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM opstate_search_index")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    protected List<String> emptyIndex() {
        return List.of("INSERT INTO opstate_search_index (opstate_search_index) VALUES ('delete-all')",
                "DELETE FROM opstate_search_documents");
    }

    @Override
    protected List<String> dropIndex() {
        return List.of("DROP TABLE opstate_search_index", "DROP TABLE opstate_search_documents");
    }
}
