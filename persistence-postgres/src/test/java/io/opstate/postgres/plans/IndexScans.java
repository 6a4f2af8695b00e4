package io.opstate.postgres.plans;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The scans the server counted per index of one table, which tell a plan test which index served
 * its statements. Server processes report their counts as they exit, so a test closes its pool and
 * then waits for the counts it expects.
 */
final class IndexScans {
    private IndexScans() {
    }

    /** Scans so far per index of {@code table} in {@code schema}, read afresh. */
    static Map<String, Long> of(Connection admin, String schema, String table) throws SQLException {
        try (Statement clear = admin.createStatement()) {
            clear.execute("SELECT pg_stat_clear_snapshot()");
        }
        Map<String, Long> scans = new HashMap<>();
        try (PreparedStatement query = admin.prepareStatement(
                "SELECT indexrelname, idx_scan FROM pg_stat_user_indexes WHERE schemaname = ? AND relname = ?")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    scans.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return scans;
    }

    /** The counts once {@code reported} holds for them, or after 15 s, whichever comes first. */
    static Map<String, Long> await(Connection admin, String schema, String table, Predicate<Map<String, Long>> reported)
            throws SQLException, InterruptedException {
        Map<String, Long> now = of(admin, schema, table);
        for (int i = 0; i < 150 && !reported.test(now); i++) {
            Thread.sleep(100);
            now = of(admin, schema, table);
        }
        return now;
    }
}
