package io.opstate.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every connection of a store, writer and readers alike, waits the configured busy timeout for another process. */
class SqliteConnectionsTest {
    @TempDir
    Path folder;

    @Test
    void writerAndReadersCarryTheBusyTimeout() throws SQLException {
        Path file = folder.resolve("store.db");
        PersistenceConfig config = PersistenceConfig.builder("jdbc:sqlite:" + file)
                .busyTimeout(Duration.ofMillis(1234)).build();
        Persistence.open(config).close();
        try (HikariDataSource writer = SqliteConnections.writer(file, config);
             HikariDataSource readers = SqliteConnections.readers(file, config)) {
            assertThat(pragma(writer, "busy_timeout")).isEqualTo("1234");
            assertThat(pragma(readers, "busy_timeout")).isEqualTo("1234");
            assertThat(pragma(writer, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(writer, "foreign_keys")).isEqualTo("1");
        }
    }

    private static String pragma(DataSource dataSource, String name) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("PRAGMA " + name)) {
            row.next();
            return row.getString(1);
        }
    }
}
