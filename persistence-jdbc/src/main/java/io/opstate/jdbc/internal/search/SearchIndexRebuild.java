package io.opstate.jdbc.internal.search;

import io.opstate.core.search.SearchDocuments;
import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.CompiledSql;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jdbc.internal.PlainJdbc;
import io.opstate.jdbc.internal.StoreTime;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the search index again from the stored constructs and entries: empties it in one
 * transaction, then indexes {@value #BATCH_ROWS} texts per transaction, in key order, so writers
 * keep writing between batches and index what they write themselves (a batch skips a text
 * already indexed). Each batch reads its rows in its own write transaction under the dialect's
 * row lock: a construct updated or deleted meanwhile, or an entry purged meanwhile, waits for the
 * batch or is read as it is after, so no stale or orphaned text is left (on PostgreSQL the lock
 * also holds the batch's sessions, so their appends wait for it, a few milliseconds). Also what the migration
 * that fills the index for an existing store runs, on the migration's connection.
 */
public final class SearchIndexRebuild {
    /** Texts one transaction indexes at most. */
    public static final int BATCH_ROWS = 1_000;

    private final SqlDialect dialect;
    private final SearchIndex index;
    private final PlainJdbc jdbc;
    private final CompiledSql constructs;
    private final CompiledSql entries;
    private final JdbcContext context;

    SearchIndexRebuild(JdbcContext context, SearchIndex index) {
        this(context.dialect(), context.time(), index, context);
    }

    private SearchIndexRebuild(SqlDialect dialect, StoreTime time, SearchIndex index, JdbcContext context) {
        this.dialect = dialect;
        this.index = index;
        this.context = context;
        this.jdbc = new PlainJdbc(dialect);
        String lock = dialect.rowLockClause().isEmpty() ? "" : " " + dialect.rowLockClause();
        this.constructs = CompiledSql.of("SELECT id, title, metadata, created_at FROM opstate_constructs"
                + " WHERE id > :after ORDER BY id LIMIT :batch" + lock, time);
        this.entries = CompiledSql.of("SELECT e.session_id, e.sequence, s.construct_id, e.content, e.created_at"
                + " FROM opstate_transcript_entries e JOIN opstate_sessions s ON s.id = e.session_id"
                + " WHERE (e.session_id, e.sequence) > (:afterSession, :afterSequence)"
                + " ORDER BY e.session_id, e.sequence LIMIT :batch" + lock, time);
    }

    /** A rebuild that runs on connections the caller gives, such as a migration's: no store needed. */
    public static SearchIndexRebuild onConnection(SqlDialect dialect, StoreTime time) {
        return new SearchIndexRebuild(dialect, time, new SearchIndex(dialect, time), null);
    }

    /** Rebuilds through the store: each step its own write. Returns the texts indexed. */
    long run() {
        return run(new Step() {
            @Override
            public <T> T run(Function<PlainConnection, T> work) {
                return context.database().write(ErrorContext.NONE, handle -> work.apply(PlainConnection.of(handle)));
            }
        });
    }

    /**
     * Rebuilds with {@code step} running each step (the emptying, then each batch) on a
     * connection in a transaction.
     *
     * @return how many texts (constructs and entries) the index holds from the store's rows
     */
    public long run(Step step) {
        step.run(connection -> {
            index.clear(connection);
            return null;
        });
        long indexed = 0;
        SearchDocument last = null;
        List<SearchDocument> batch;
        do {
            String after = last == null ? "" : last.constructId();
            batch = step.run(connection -> constructBatch(connection, after));
            indexed += batch.size();
            last = batch.isEmpty() ? last : batch.get(batch.size() - 1);
        } while (batch.size() == BATCH_ROWS);
        last = null;
        do {
            SearchDocument from = last;
            batch = step.run(connection -> entryBatch(connection, from));
            indexed += batch.size();
            last = batch.isEmpty() ? last : batch.get(batch.size() - 1);
        } while (batch.size() == BATCH_ROWS);
        return indexed;
    }

    /**
     * Runs one step of a rebuild in a transaction and returns what it returned. The step may run
     * again when a write it was committed with fails, so it keeps no state of its own.
     */
    public interface Step {
        <T> T run(Function<PlainConnection, T> work);
    }

    /** The next constructs after {@code after} in id order, indexed; what were read. */
    private List<SearchDocument> constructBatch(PlainConnection connection, String after) {
        List<SearchDocument> documents = jdbc.query(connection, constructs,
                params -> params.text("after", after).integer("batch", BATCH_ROWS),
                (row, ignored) -> SearchDocument.ofConstruct(row.getString("id"), dialect.getTime(row, "created_at"),
                        SearchDocuments.construct(row.getString("title"), dialect.getJson(row, "metadata"))));
        index.insert(connection, documents);
        return documents;
    }

    /** The next entries after {@code after} (null: from the first) in key order, indexed; what were read. */
    private List<SearchDocument> entryBatch(PlainConnection connection, SearchDocument after) {
        List<SearchDocument> documents = jdbc.query(connection, entries,
                params -> params.text("afterSession", after == null ? "" : after.sessionId())
                        .bigint("afterSequence", after == null ? 0L : after.sequence())
                        .integer("batch", BATCH_ROWS),
                (row, ignored) -> SearchDocument.ofEntry(row.getString("construct_id"), row.getString("session_id"),
                        row.getLong("sequence"), dialect.getTime(row, "created_at"),
                        SearchDocuments.entry(row.getString("content"))));
        index.insert(connection, documents);
        return documents;
    }
}
