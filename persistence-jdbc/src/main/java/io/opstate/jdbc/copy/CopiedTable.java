package io.opstate.jdbc.copy;

import io.opstate.jdbc.SchemaMigrator;
import io.opstate.jdbc.SqlDialect;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One OpState table as the copier moves it: its columns (each with how to carry its values), the
 * key it is read in order of, and the identity column whose generator must be moved past the
 * copied values, if any. {@link #ALL} is the one place that lists them; the copier checks it
 * against both stores' actual tables and columns before copying, so neither a table nor a column
 * added by a later migration can be dropped silently.
 *
 * @param name the table
 * @param key the primary key's columns, the order rows are read and written in
 * @param identity the column the database numbers itself, or null
 * @param columns every column, in insert order
 */
record CopiedTable(String name, List<String> key, String identity, List<Column> columns) {
    /** What every OpState table's name begins with. */
    static final String PREFIX = "opstate_";

    /**
     * OpState's tables that each store keeps for itself and the copier leaves alone: the
     * migration history (the target has its own) and, on a database without sequences, the
     * claim-token counter (the copier moves the target's past the copied tokens instead).
     */
    static final Set<String> KEPT_BY_EACH_STORE = Set.of(SchemaMigrator.HISTORY_TABLE, SqlDialect.CLAIM_TOKENS);

    /**
     * What the names of the search index's tables begin with ({@code opstate_search_documents},
     * and on SQLite the FTS5 table and its shadow tables). Each backend keeps the words its own way
     * (FTS5, {@code tsvector}), so the copier leaves these tables alone and rebuilds the target's
     * index from the copied constructs and entries instead.
     */
    static final String SEARCH_INDEX_PREFIX = "opstate_search_";

    /** Whether the copier leaves {@code table} alone rather than copy it. */
    static boolean notCopied(String table) {
        return KEPT_BY_EACH_STORE.contains(table) || table.startsWith(SEARCH_INDEX_PREFIX);
    }

    /**
     * Every table of the schema ({@link io.opstate.jdbc.SchemaMigrator#CURRENT_VERSION}), parents
     * before children (foreign key order). The copier refuses a store holding another table
     * with our prefix, so a table a migration adds must be listed here, in
     * {@link #KEPT_BY_EACH_STORE}, or be part of the search index ({@link #SEARCH_INDEX_PREFIX}).
     */
    static final List<CopiedTable> ALL = List.of(
            new CopiedTable("opstate_jobs", List.of("id"), null, List.of(
                    text("id"), text("type"), text("status"), text("stage"), real("progress"),
                    integer("bytes_done"), integer("bytes_total"), text("message"), json("payload"),
                    json("result"), text("error"), text("error_detail"), integer("attempts"),
                    integer("max_attempts"), integer("priority"), time("created_at"), time("updated_at"),
                    time("started_at"), time("finished_at"), time("not_before"), text("worker_id"),
                    time("lease_expires_at"), integer("claim_token"), integer("version"), text("dedup_key"))),
            new CopiedTable("opstate_pipelines", List.of("name"), null, List.of(
                    text("name"), text("description"), json("config"), time("created_at"),
                    time("updated_at"), integer("version"))),
            new CopiedTable("opstate_schedules", List.of("id"), null, List.of(
                    text("id"), text("name"), text("pipeline"), text("cron_expression"), text("time_zone"),
                    new Column("enabled", ColumnKind.BOOLEAN), time("next_run_at"), time("last_run_at"),
                    text("last_result"), time("created_at"), time("updated_at"), integer("version"))),
            new CopiedTable("opstate_executions", List.of("id"), null, List.of(
                    text("id"), text("schedule_id"), text("job_id"), text("pipeline"), text("status"),
                    time("started_at"), time("ended_at"), integer("duration_millis"), text("error"),
                    json("context"), json("steps"), text("triggered_by"), integer("version"))),
            new CopiedTable("opstate_history", List.of("id"), "id", List.of(
                    integer("id"), text("event"), text("subject_id"), json("metadata"), time("occurred_at"))),
            new CopiedTable("opstate_constructs", List.of("id"), null, List.of(
                    text("id"), text("type"), text("status"), text("title"), json("metadata"), time("created_at"),
                    time("updated_at"), integer("version"))),
            new CopiedTable("opstate_construct_links", List.of("from_id", "type", "to_id"), null, List.of(
                    text("from_id"), text("type"), text("to_id"), json("metadata"), time("created_at"))),
            new CopiedTable("opstate_sessions", List.of("id"), null, List.of(
                    text("id"), text("construct_id"), text("status"), time("started_at"), time("ended_at"),
                    json("metrics"), integer("state_version"), integer("last_sequence"), time("created_at"),
                    time("updated_at"), integer("version"))),
            new CopiedTable("opstate_session_checkpoints", List.of("session_id", "version"), null, List.of(
                    text("session_id"), integer("version"), json("state"), time("saved_at"))),
            new CopiedTable("opstate_transcript_entries", List.of("session_id", "sequence"), null, List.of(
                    text("session_id"), text("construct_id"), integer("sequence"), text("role"), text("content"), json("data"),
                    time("created_at"))),
            new CopiedTable("opstate_session_purges", List.of("session_id"), null, List.of(
                    text("session_id"), text("construct_id"), time("requested_at"))),
            // the rows only: blobs live under the artifact root, copied as files (docs/operations.md)
            new CopiedTable("opstate_artifacts", List.of("id"), null, List.of(
                    text("id"), text("construct_id"), text("type"), text("name"), text("content_type"),
                    json("metadata"), text("sha256"), integer("size"), integer("stored_size"), text("compression"),
                    time("created_at"))),
            new CopiedTable("opstate_artifact_usage", List.of("construct_id", "type"), null, List.of(
                    text("construct_id"), text("type"), integer("artifacts"), integer("logical_bytes"),
                    integer("stored_bytes"))),
            // hashes only; they verify in the copy when it is opened with the same pepper
            new CopiedTable("opstate_tokens", List.of("id"), null, List.of(
                    text("id"), text("name"), text("scopes"), text("secret_hash"), time("created_at"),
                    time("expires_at"), time("last_used_at"), time("revoked_at"))),
            new CopiedTable("opstate_preferences", List.of("owner", "pref_key"), null, List.of(
                    text("owner"), text("pref_key"), json("document"), integer("version"), time("created_at"),
                    time("updated_at"))));

    CopiedTable {
        key = List.copyOf(key);
        columns = List.copyOf(columns);
    }

    /** The key's columns, comma separated: the {@code ORDER BY} rows are copied in. */
    String keyList() {
        return String.join(", ", key);
    }

    /** The column names, comma separated, in insert order. */
    String columnList() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    /**
     * One column.
     *
     * @param name as in the schema (lower case)
     * @param kind how its values are carried across
     */
    record Column(String name, ColumnKind kind) {
    }

    private static Column text(String name) {
        return new Column(name, ColumnKind.TEXT);
    }

    private static Column integer(String name) {
        return new Column(name, ColumnKind.INTEGER);
    }

    private static Column real(String name) {
        return new Column(name, ColumnKind.REAL);
    }

    private static Column time(String name) {
        return new Column(name, ColumnKind.TIME);
    }

    private static Column json(String name) {
        return new Column(name, ColumnKind.JSON);
    }
}
