package io.opstate.jdbc.internal;

import io.opstate.SchemaTooNewException;
import io.opstate.jdbc.SchemaMigrator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Tells a process of an older release, when a statement of its fails, whether a newer release
 * has migrated the schema under it since it opened the store: then the failure (a table that is
 * gone, a column that moved) is reported as {@link SchemaTooNewException} in plain words rather
 * than as the database's message. Runs only on the failure path, never on a successful call.
 */
final class SchemaVersionCheck {
    private static final String APPLIED_VERSIONS = "SELECT version, description FROM " + SchemaMigrator.HISTORY_TABLE
            + " WHERE success = TRUE AND version IS NOT NULL";

    private final DataSource dataSource;

    SchemaVersionCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The exception to raise instead of {@code failure} when the schema is newer; empty when it is not, or cannot be read. */
    Optional<SchemaTooNewException> newerSchema(Throwable failure) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet versions = statement.executeQuery(APPLIED_VERSIONS)) {
            String newest = null;
            String description = null;
            while (versions.next()) {
                String version = versions.getString(1);
                if (major(version) > SchemaMigrator.CURRENT_VERSION && (newest == null || major(version) > major(newest))) {
                    newest = version;
                    description = versions.getString(2);
                }
            }
            return newest == null ? Optional.empty()
                    : Optional.of(new SchemaTooNewException("V" + newest + " " + description, newest,
                            SchemaMigrator.CURRENT_VERSION, " and open the store again", failure));
        } catch (SQLException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static int major(String version) {
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException notAVersion) {
            return -1;
        }
    }
}
