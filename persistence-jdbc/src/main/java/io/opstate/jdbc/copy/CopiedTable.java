package io.opstate.jdbc.copy;

import io.opstate.jdbc.SchemaMigrator;
import io.opstate.jdbc.SqlDialect;
import java.util.List;
import java.util.Map;
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
     * claim-token counter (the copier moves the target's past the copied tokens instead), the
     * resource feed's lock row, which holds no state, and the maintenance leases: when each
     * background task of that store last ran, which a copy has not done.
     */
    static final Set<String> KEPT_BY_EACH_STORE = Set.of(SchemaMigrator.HISTORY_TABLE, SqlDialect.CLAIM_TOKENS,
            "opstate_resource_feed", "opstate_maintenance_leases");

    /**
     * Columns of copied tables that each store fills for itself, by table: PostgreSQL's history
     * records the transaction that appended each event (its follow order, V13), which means
     * nothing in another database; the target's default stamps the copying transaction.
     */
    static final Map<String, Set<String>> COLUMNS_KEPT_BY_EACH_STORE = Map.of("opstate_history", Set.of("xact_id"));

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
            // the rows only: blobs placed as files live under the artifact root, copied as files (docs/operations.md)
            new CopiedTable("opstate_artifacts", List.of("id"), null, List.of(
                    text("id"), text("construct_id"), text("type"), text("name"), text("content_type"),
                    json("metadata"), text("sha256"), integer("size"), integer("stored_size"), text("compression"),
                    time("created_at"))),
            new CopiedTable("opstate_artifact_usage", List.of("construct_id", "type"), null, List.of(
                    text("construct_id"), text("type"), integer("artifacts"), integer("logical_bytes"),
                    integer("stored_bytes"))),
            // blobs placed in the database (schema version 9): uploads, then their chunks
            new CopiedTable("opstate_artifact_blobs", List.of("id"), null, List.of(
                    text("id"), text("sha256"), text("compression"), integer("size"), integer("stored_size"),
                    integer("chunks"), time("touched_at"))),
            new CopiedTable("opstate_artifact_blob_chunks", List.of("blob_id", "chunk"), null, List.of(
                    text("blob_id"), integer("chunk"), new Column("data", ColumnKind.BYTES))),
            new CopiedTable("opstate_resource_kinds", List.of("name"), null, List.of(
                    text("name"), text("initial_status"), time("created_at"))),
            new CopiedTable("opstate_resource_kind_statuses", List.of("kind", "status"), null, List.of(
                    text("kind"), text("status"))),
            new CopiedTable("opstate_resource_kind_labels", List.of("kind", "label", "value"), null, List.of(
                    text("kind"), text("label"), text("value"))),
            new CopiedTable("opstate_resources", List.of("id"), null, List.of(
                    text("id"), text("kind"), text("name"), text("owner"), json("spec"), text("status"),
                    json("status_detail"), json("labels"), time("created_at"), time("updated_at"),
                    integer("version"))),
            new CopiedTable("opstate_resource_labels", List.of("resource_id", "label"), null, List.of(
                    text("resource_id"), text("kind"), text("label"), text("value"))),
            new CopiedTable("opstate_resource_changes", List.of("position"), null, List.of(
                    integer("position"), text("type"), text("resource_id"), text("kind"), text("name"), text("owner"),
                    integer("version"), time("changed_at"))),
            // hashes only; they verify in the copy when it is opened with the same pepper
            new CopiedTable("opstate_tokens", List.of("id"), null, List.of(
                    text("id"), text("name"), text("scopes"), text("secret_hash"), time("created_at"),
                    time("expires_at"), time("last_used_at"), time("revoked_at"))),
            new CopiedTable("opstate_preferences", List.of("owner", "pref_key"), null, List.of(
                    text("owner"), text("pref_key"), json("document"), integer("version"), time("created_at"),
                    time("updated_at"))));

    /** Rows of a table with a {@link ColumnKind#BYTES} column per batch: chunks of 1 MiB keep memory to a few MiB. */
    static final int BYTES_BATCH_SIZE = 4;

    CopiedTable {
        key = List.copyOf(key);
        columns = List.copyOf(columns);
    }

    /** The most rows a batch of this table holds, whatever the copy's batch size. */
    int maxBatchSize() {
        return columns.stream().anyMatch(c -> c.kind() == ColumnKind.BYTES) ? BYTES_BATCH_SIZE : Integer.MAX_VALUE;
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
