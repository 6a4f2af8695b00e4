package io.opstate.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * A long transcript written with plain SQL, not through the API (a million appends through the
 * library would take longer than the benchmarks that read it): one construct, one session whose
 * {@code last_sequence} is the entry count, and its entries 1..n in one {@code INSERT ... SELECT},
 * user and assistant turns alternating, each of {@link Payloads#ENTRY_TEXT}, the assistant's with
 * {@link Payloads#ENTRY_DATA}. Rows as OpState writes them (same columns, time text on SQLite).
 */
final class TranscriptFixture {
    static final String CONSTRUCT = "transcript-construct";
    static final String SESSION = "transcript-session";
    private static final String SQLITE_TIME = "'2026-01-01T00:00:00.000000Z'";
    private static final String PG_TIME = "timestamptz '2026-01-01 00:00:00+00'";

    private TranscriptFixture() {
    }

    /**
     * Writes the transcript of {@code entries} entries on {@code connection} (auto-commit, OpState's
     * schema migrated, no such session yet), each table in one statement; prints the time taken.
     */
    static void fill(Connection connection, boolean postgres, long entries) throws SQLException {
        long started = System.nanoTime();
        String time = postgres ? PG_TIME : SQLITE_TIME;
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO opstate_constructs (id, type, status, title, created_at, updated_at)"
                    + " VALUES ('" + CONSTRUCT + "', 'agent-task', 'running', 'long transcript', " + time + ", " + time + ")");
            statement.execute("INSERT INTO opstate_sessions (id, construct_id, status, started_at, last_sequence,"
                    + " created_at, updated_at) VALUES ('" + SESSION + "', '" + CONSTRUCT + "', 'running', " + time + ", "
                    + entries + ", " + time + ", " + time + ")");
        }
        String insert = postgres
                ? "INSERT INTO opstate_transcript_entries (session_id, construct_id, sequence, role, content, data,"
                        + " created_at) SELECT '" + SESSION + "', '" + CONSTRUCT + "', i, CASE WHEN i % 2 = 1 THEN 'user' ELSE 'assistant' END, ?,"
                        + " CASE WHEN i % 2 = 1 THEN NULL ELSE CAST(? AS jsonb) END, " + time
                        + " FROM generate_series(1, ?) AS i"
                : "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
                        + " INSERT INTO opstate_transcript_entries (session_id, construct_id, sequence, role, content, data,"
                        + " created_at) SELECT '" + SESSION + "', '" + CONSTRUCT + "', i, CASE WHEN i % 2 = 1 THEN 'user' ELSE 'assistant' END, ?,"
                        + " CASE WHEN i % 2 = 1 THEN NULL ELSE ? END, " + time + " FROM n";
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            int at = 1;
            if (!postgres) {
                statement.setLong(at++, entries);
            }
            statement.setString(at++, Payloads.ENTRY_TEXT);
            statement.setString(at++, Payloads.ENTRY_DATA);
            if (postgres) {
                statement.setLong(at, entries);
            }
            statement.executeUpdate();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(postgres ? "ANALYZE opstate_transcript_entries" : "PRAGMA wal_checkpoint(TRUNCATE)");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "# transcript-fill: %,d entries in %.1f s (one INSERT ... SELECT)%n", entries, seconds);
    }
}
