package io.opstate.sqlite.search;

import io.opstate.sqlite.testing.SqliteFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.StringJoiner;

/** A store file's search index, looked at with plain SQL, and text for it, for the index's tests. */
final class SearchIndexFile {
    private SearchIndexFile() {
    }

    /** About 50 words from a vocabulary with a long tail, as prose has. */
    static String prose(Random random) {
        StringJoiner words = new StringJoiner(" ");
        for (int i = 0; i < 50; i++) {
            words.add("w" + (int) Math.floor(Math.pow(20_000, random.nextDouble())));
        }
        return words.toString();
    }

    /** The one number {@code sql} answers on {@code file}. */
    static long number(Path file, String sql) throws SQLException {
        try (Connection connection = SqliteFile.connect(file); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Runs {@code sql}, which returns no rows, to its end on {@code file}. */
    static void run(Path file, String sql) throws SQLException {
        try (Connection connection = SqliteFile.connect(file); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql); // sqlite-jdbc's execute steps once: one page of a vacuum
        }
    }

    /** FTS5's integrity check of the index: throws what it finds. */
    static void checkIntegrity(Path file) throws SQLException {
        try (Connection connection = SqliteFile.connect(file); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO opstate_search_index (opstate_search_index, rank) VALUES ('integrity-check', 0)");
        }
    }
}
