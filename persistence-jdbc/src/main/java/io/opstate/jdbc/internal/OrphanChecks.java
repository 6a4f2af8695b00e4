package io.opstate.jdbc.internal;

import io.opstate.jdbc.IntegrityFindings;
import io.opstate.jdbc.MaintenanceDialect;
import io.opstate.maintenance.IntegrityProblem;
import java.util.List;

/**
 * The integrity checks every SQL store shares: rows that belong to a session or construct that no
 * longer exists, where no foreign key guards them (checkpoints, transcript entries and search
 * documents are purged after their session or construct is deleted, so only rows with no purge
 * pending for them are left behind).
 */
final class OrphanChecks {
    /** Owners listed per check; the check says how many there are. */
    private static final int LISTED = 100;

    private OrphanChecks() {
    }

    static List<MaintenanceDialect.Check> all() {
        return List.of(
                sessionRows("opstate_session_checkpoints", "checkpoints"),
                sessionRows("opstate_transcript_entries", "transcript entries"),
                new MaintenanceDialect.Check("orphan search documents", (reader, findings) -> listed(reader, findings,
                        "search", "SELECT DISTINCT d.construct_id FROM opstate_search_documents d"
                                + " WHERE NOT EXISTS (SELECT 1 FROM opstate_constructs c WHERE c.id = d.construct_id)"
                                + " AND NOT EXISTS (SELECT 1 FROM opstate_session_purges p"
                                + " WHERE p.construct_id = d.construct_id)",
                        "search documents of construct %s, which no longer exists")));
    }

    private static MaintenanceDialect.Check sessionRows(String table, String what) {
        return new MaintenanceDialect.Check("orphan " + what, (reader, findings) -> listed(reader, findings,
                "sessions", "SELECT DISTINCT t.session_id FROM " + table + " t"
                        + " WHERE NOT EXISTS (SELECT 1 FROM opstate_sessions s WHERE s.id = t.session_id)"
                        + " AND NOT EXISTS (SELECT 1 FROM opstate_session_purges p WHERE p.session_id = t.session_id)",
                what + " of session %s, which no longer exists and is not being purged (" + table + ")"));
    }

    private static void listed(org.jdbi.v3.core.Handle reader, IntegrityFindings findings, String area, String query,
                               String detail) {
        reader.createQuery(query + " ORDER BY 1 LIMIT " + LISTED).mapTo(String.class)
                .forEach(owner -> findings.problem(IntegrityProblem.error(area, String.format(detail, owner))));
    }
}
