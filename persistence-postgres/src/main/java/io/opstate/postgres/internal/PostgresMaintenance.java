package io.opstate.postgres.internal;

import io.opstate.jdbc.IntegrityFindings;
import io.opstate.jdbc.MaintenanceDialect;
import io.opstate.jdbc.StorageProbe;
import io.opstate.maintenance.CheckpointReport;
import io.opstate.maintenance.IntegrityProblem;
import io.opstate.maintenance.VacuumMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * PostgreSQL's maintenance: constraints and indexes the catalogue marks as not valid, the
 * {@code amcheck} extension's B-tree check where it is installed, {@code VACUUM}/{@code ANALYZE} of
 * each table, and sizes from {@code pg_total_relation_size}. The store's tables are those of its
 * schema (the connection's {@code current_schema()}) whose names begin with {@code opstate_}.
 *
 * <p>Checkpoints are left to the server: it runs them by itself, and {@code CHECKPOINT} needs
 * superuser or {@code pg_checkpoint} rights that a store's user should not hold.
 */
final class PostgresMaintenance implements MaintenanceDialect {
    private static final String OUR_RELATIONS = "c.relnamespace = current_schema()::regnamespace"
            + " AND c.relname LIKE 'opstate\\_%'";

    @Override
    public String tablesQuery() {
        return "SELECT c.relname FROM pg_class c WHERE c.relkind = 'r' AND " + OUR_RELATIONS;
    }

    @Override
    public Map<String, Long> tableBytes(Handle reader) {
        Map<String, Long> bytes = new HashMap<>();
        reader.createQuery("SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c WHERE c.relkind = 'r' AND "
                        + OUR_RELATIONS)
                .map((row, ctx) -> Map.entry(row.getString(1), row.getLong(2)))
                .forEach(entry -> bytes.put(entry.getKey(), entry.getValue()));
        return bytes;
    }

    @Override
    public List<Check> integrityChecks() {
        return List.of(new Check("constraints validated", PostgresMaintenance::constraints),
                new Check("indexes valid", PostgresMaintenance::invalidIndexes),
                new Check("amcheck", PostgresMaintenance::amcheck));
    }

    /** A constraint added {@code NOT VALID} and never validated: rows older than it may break it. */
    private static void constraints(Handle reader, IntegrityFindings findings) {
        reader.createQuery("SELECT c.relname, k.conname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
                        + " WHERE NOT k.convalidated AND " + OUR_RELATIONS + " ORDER BY 1, 2")
                .map((row, ctx) -> "constraint " + row.getString(2) + " of " + row.getString(1)
                        + " is not validated: older rows may break it (ALTER TABLE ... VALIDATE CONSTRAINT)")
                .forEach(detail -> findings.problem(IntegrityProblem.warning("constraints", detail)));
    }

    /** An index left invalid, e.g. by a failed {@code CREATE INDEX CONCURRENTLY}: no query uses it, writes still pay for it. */
    private static void invalidIndexes(Handle reader, IntegrityFindings findings) {
        reader.createQuery("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " WHERE NOT i.indisvalid AND " + OUR_RELATIONS + " ORDER BY 1")
                .mapTo(String.class)
                .forEach(index -> findings.problem(IntegrityProblem.error("indexes",
                        "index " + index + " is invalid (REINDEX INDEX " + index + ")")));
    }

    /** {@code bt_index_check} of every B-tree index of the store, one statement each, when amcheck is installed. */
    private static void amcheck(Handle reader, IntegrityFindings findings) {
        Optional<String> schema = reader.createQuery("SELECT n.nspname FROM pg_extension e"
                + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'amcheck'")
                .mapTo(String.class).findFirst();
        if (schema.isEmpty()) {
            findings.skipped("amcheck: the extension is not installed (CREATE EXTENSION amcheck), so indexes"
                    + " were not verified against their tables' pages");
            return;
        }
        List<String> indexes = reader.createQuery("SELECT c.relname FROM pg_index i"
                        + " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam"
                        + " WHERE a.amname = 'btree' AND i.indisvalid AND " + OUR_RELATIONS + " ORDER BY 1")
                .mapTo(String.class).list();
        String check = "SELECT \"" + schema.get().replace("\"", "\"\"") + "\".bt_index_check(CAST(:index AS regclass))";
        for (String index : indexes) {
            try {
                reader.createQuery(check).bind("index", index).mapToMap().list();
            } catch (UnableToExecuteStatementException e) {
                if (!"XX002".equals(sqlState(e))) {
                    throw e;
                }
                // XX002 index_corrupted
                findings.problem(IntegrityProblem.error("indexes", "index " + index + ": "
                        + e.getCause().getMessage()));
            }
        }
    }

    private static String sqlState(UnableToExecuteStatementException e) {
        return e.getCause() instanceof java.sql.SQLException sql ? sql.getSQLState() : null;
    }

    @Override
    public List<Step> optimizeSteps(VacuumMode vacuum, List<String> tables, Handle writer) {
        String command = switch (vacuum) {
            case NONE -> "ANALYZE ";
            case INCREMENTAL -> "VACUUM (ANALYZE) ";
            case FULL -> "VACUUM (FULL, ANALYZE) ";
        };
        return tables.stream().map(table -> {
            String sql = command + "\"" + table + "\"";
            return Step.once(sql, handle -> handle.execute(sql));
        }).toList();
    }

    @Override
    public CheckpointReport checkpoint(Handle writer, StorageProbe probe) {
        return new CheckpointReport(false, true, "PostgreSQL checkpoints its write-ahead log by itself;"
                + " nothing to do", null, null);
    }
}
