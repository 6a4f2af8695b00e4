package io.opstate.sqlite.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Looks at an SQLite file the way an operator would: through a plain sqlite-jdbc connection, not OpState. */
public final class SqliteFile {
    private SqliteFile() {
    }

    public static String url(Path file) {
        return "jdbc:sqlite:" + file;
    }

    /** A plain connection to {@code file}, with no OpState pragmas. */
    public static Connection connect(Path file) throws SQLException {
        return DriverManager.getConnection(url(file));
    }

    /** The rows of {@code PRAGMA integrity_check}: exactly {@code ["ok"]} for a sound file. */
    public static List<String> integrityCheck(Path file) throws SQLException {
        return strings(file, "PRAGMA integrity_check");
    }

    /** The first column of every row {@code sql} returns. */
    public static List<String> strings(Path file, String sql) throws SQLException {
        try (Connection connection = connect(file);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    /** Runs {@code sql} statements on a plain connection. */
    public static void execute(Path file, String... sql) throws SQLException {
        try (Connection connection = connect(file); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    /** Names of the files in {@code folder}, to spot leftovers such as snapshots. */
    public static List<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
