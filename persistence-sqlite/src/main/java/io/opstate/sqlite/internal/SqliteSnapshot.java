package io.opstate.sqlite.internal;

import io.opstate.StorageUnavailableException;
import io.opstate.jdbc.SchemaSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consistent copy of an SQLite database taken with {@code VACUUM INTO} next to it
 * ({@code <file>.pre-migration}), restored over the file when a migration fails. Restoring
 * needs every connection to the file closed: it runs while the store is still being opened.
 */
final class SqliteSnapshot implements SchemaSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteSnapshot.class);

    private final Path file;
    private final Path copy;

    private SqliteSnapshot(Path file, Path copy) {
        this.file = file;
        this.copy = copy;
    }

    /**
     * Copies {@code file} through a connection of {@code dataSource}; a database without any
     * table (just created) needs no copy.
     */
    static SchemaSnapshot take(Path file, DataSource dataSource) {
        Path copy = SqliteFiles.sibling(file, ".pre-migration");
        try (Connection connection = dataSource.getConnection()) {
            if (isEmpty(connection)) {
                return SchemaSnapshot.NONE;
            }
            Files.deleteIfExists(copy);
            try (PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, copy.toString());
                vacuum.execute();
            }
        } catch (IOException | SQLException e) {
            StorageUnavailableException failure = SqliteFiles.unusable(file, "cannot take the snapshot "
                    + SqliteFiles.shown(copy) + " before migrating (" + SqliteFiles.shown(e) + "); nothing was migrated", e);
            // A VACUUM INTO that failed part-way leaves a partial copy nobody could restore from.
            try {
                Files.deleteIfExists(copy);
            } catch (IOException leftover) {
                failure.addSuppressed(leftover);
            }
            throw failure;
        }
        LOG.info("Snapshot of {} taken to {} before migrating", SqliteFiles.shown(file), SqliteFiles.shown(copy));
        return new SqliteSnapshot(file, copy);
    }

    private static boolean isEmpty(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet objects = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
            return objects.next() && objects.getLong(1) == 0;
        }
    }

    @Override
    public void restore() {
        try {
            for (Path companion : SqliteFiles.withCompanions(file)) {
                if (!companion.equals(file)) {
                    Files.deleteIfExists(companion);
                }
            }
            Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot restore " + SqliteFiles.shown(file) + " from its snapshot "
                    + SqliteFiles.shown(copy) + "; restore it by hand: " + SqliteFiles.shown(e), e);
        }
        LOG.warn("Restored {} from the snapshot taken before the failed migration", SqliteFiles.shown(file));
    }

    @Override
    public void discard() {
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            LOG.warn("Cannot delete the pre-migration snapshot {}: {}", SqliteFiles.shown(copy), SqliteFiles.shown(e));
        }
    }
}
