package io.opstate.postgres.tck;

import io.opstate.PersistenceConfig;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.tck.SqlSearchStorageContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSearchStorageTest extends SqlSearchStorageContract {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected PersistenceConfig.Builder freshStore() {
        return DATABASE.freshStore();
    }

    @Override
    protected Connection connect(PersistenceConfig config) throws SQLException {
        return DriverManager.getConnection(PostgresTestDatabase.url("currentSchema=" + config.schema().orElseThrow()));
    }

    /** The documents: each holds its words in a column of its own row. */
    @Override
    protected long wordRows(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM opstate_search_documents"
                     + " WHERE words IS NOT NULL")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    protected List<String> emptyIndex() {
        return List.of("DELETE FROM opstate_search_documents");
    }

    @Override
    protected List<String> dropIndex() {
        return List.of("DROP TABLE opstate_search_documents");
    }

    @Override
    protected List<String> undoHistoryFollowOrder() {
        return List.of("DROP INDEX opstate_history_follow", "ALTER TABLE opstate_history DROP COLUMN xact_id");
    }
}
