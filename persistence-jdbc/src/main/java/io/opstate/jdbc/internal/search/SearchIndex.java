package io.opstate.jdbc.internal.search;

import io.opstate.jdbc.SearchDialect;
import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.CompiledSql;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jdbc.internal.PlainJdbc;
import io.opstate.jdbc.internal.StoreTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the search index inside the caller's transaction, on every path that writes what it
 * indexes (construct create, update and delete, transcript appends, purges, rebuilds, the
 * migration that fills it): a document row per text in {@code opstate_search_documents}, and its
 * words where the dialect keeps them ({@link SearchDialect}). Inserting skips a text already
 * indexed (the partial unique indexes of the documents), so a rebuild and a writer that meet on
 * one text index it once. Plain statements, compiled once per size; thread-safe.
 */
public final class SearchIndex {
    /** Most documents one insert carries (5 parameters each, plus the words where kept apart). */
    static final int MAX_DOCUMENTS_PER_INSERT = 500;
    private static final String DOCUMENTS = "opstate_search_documents";
    private static final String OF_CONSTRUCT = "construct_id = :constructId AND session_id IS NULL";
    /** Only while the session's purge is recorded: once it ended, a new session may have taken the id. */
    private static final String OF_PURGED_ENTRIES = "session_id = :sessionId AND sequence <= :upTo"
            + " AND EXISTS (SELECT 1 FROM opstate_session_purges p WHERE p.session_id = :sessionId)";

    private final SearchDialect search;
    /** Whether the words go into a separate index rather than a column of the document. */
    private final boolean wordsApart;
    private final PlainJdbc jdbc;
    private final StoreTime time;
    private final Map<Integer, CompiledSql> inserts = new ConcurrentHashMap<>();
    private final Map<Integer, CompiledSql> indexRows = new ConcurrentHashMap<>();
    /** Null where the words go with their documents or the product merges its index unasked. */
    private final CompiledSql mergeSlice;
    private final CompiledSql deleteConstructWords;
    private final CompiledSql deleteConstruct;
    private final CompiledSql deletePurgedWords;
    private final CompiledSql deletePurged;
    private final CompiledSql clearWords;
    private final CompiledSql clearDocuments;

    public SearchIndex(SqlDialect dialect, StoreTime time) {
        this.search = dialect.search();
        this.wordsApart = search.documentWords("words") == null;
        this.jdbc = new PlainJdbc(dialect);
        this.time = time;
        this.mergeSlice = compileOrNull(search.mergeIndexSlice("chars"));
        this.deleteConstructWords = compileOrNull(search.deleteIndexRows(OF_CONSTRUCT));
        this.deleteConstruct = compile("DELETE FROM " + DOCUMENTS + " WHERE " + OF_CONSTRUCT);
        this.deletePurgedWords = compileOrNull(search.deleteIndexRows(OF_PURGED_ENTRIES));
        this.deletePurged = compile("DELETE FROM " + DOCUMENTS + " WHERE " + OF_PURGED_ENTRIES);
        this.clearWords = compileOrNull(search.clearIndex());
        this.clearDocuments = compile("DELETE FROM " + DOCUMENTS);
    }

    /**
     * Indexes {@code documents}, skipping each one already indexed, then merges a slice of the
     * index in proportion to the words added ({@link SearchDialect#mergeIndexSlice}).
     *
     * @return how many were indexed
     */
    public int insert(PlainConnection connection, List<SearchDocument> documents) {
        Added added = new Added();
        for (int from = 0; from < documents.size(); from += MAX_DOCUMENTS_PER_INSERT) {
            insertChunk(connection, documents.subList(from, Math.min(documents.size(), from + MAX_DOCUMENTS_PER_INSERT)),
                    added);
        }
        if (mergeSlice != null && added.chars > 0) {
            jdbc.update(connection, mergeSlice, params -> params.bigint("chars", added.chars));
        }
        return added.documents;
    }

    /** Indexes the construct's own text anew, after its title or metadata changed. */
    public void replaceConstruct(PlainConnection connection, SearchDocument document) {
        deleteConstruct(connection, document.constructId());
        insert(connection, List.of(document));
    }

    /** Removes the construct's own text; its entries' texts go with the entries' purge ({@link #deletePurgedEntries}). */
    public void deleteConstruct(PlainConnection connection, String constructId) {
        run(connection, deleteConstructWords, deleteConstruct, params -> params.text("constructId", constructId));
    }

    /**
     * Removes the texts of the session's entries numbered up to {@code upTo}, in the purge
     * transaction deleting those entries; nothing once the session's purge has ended.
     */
    public void deletePurgedEntries(PlainConnection connection, String sessionId, long upTo) {
        run(connection, deletePurgedWords, deletePurged,
                params -> params.text("sessionId", sessionId).bigint("upTo", upTo));
    }

    /** Removes every text, for a rebuild. */
    public void clear(PlainConnection connection) {
        run(connection, clearWords, clearDocuments, params -> { });
    }

    private void run(PlainConnection connection, CompiledSql words, CompiledSql documents, PlainJdbc.Binder binder) {
        if (words != null) {
            jdbc.update(connection, words, binder);
        }
        jdbc.update(connection, documents, binder);
    }

    private void insertChunk(PlainConnection connection, List<SearchDocument> documents, Added added) {
        Map<String, Long> ids = new HashMap<>();
        jdbc.query(connection, inserts.computeIfAbsent(documents.size(), this::insertOf), params -> {
            for (int i = 0; i < documents.size(); i++) {
                SearchDocument document = documents.get(i);
                params.text("construct" + i, document.constructId()).text("session" + i, document.sessionId())
                        .bigint("sequence" + i, document.sequence()).time("at" + i, document.at());
                if (!wordsApart) {
                    params.text("words" + i, search.storedWords(document.text()));
                }
            }
        }, (row, ignored) -> ids.put(SearchDocument.key(row.getString("construct_id"), row.getString("session_id"),
                sequence(row)), row.getLong("id")));
        if (wordsApart && !ids.isEmpty()) {
            List<SearchDocument> inserted = documents.stream().filter(d -> ids.containsKey(d.key())).toList();
            jdbc.update(connection, indexRows.computeIfAbsent(inserted.size(), this::indexRowsOf), params -> {
                for (int i = 0; i < inserted.size(); i++) {
                    SearchDocument document = inserted.get(i);
                    params.bigint("id" + i, ids.get(document.key())).text("words" + i,
                            search.storedWords(document.text()));
                }
            });
            for (SearchDocument document : inserted) {
                added.chars += document.text().length();
            }
        }
        added.documents += ids.size();
    }

    /** What one {@link #insert} added: documents, and characters of words in the separate index. */
    private static final class Added {
        private int documents;
        private long chars;
    }

    private static Long sequence(ResultSet row) throws SQLException {
        long sequence = row.getLong("sequence");
        return row.wasNull() ? null : sequence;
    }

    private CompiledSql insertOf(int count) {
        StringJoiner rows = new StringJoiner(", ");
        for (int i = 0; i < count; i++) {
            rows.add("(:construct" + i + ", :session" + i + ", :sequence" + i + ", :at" + i
                    + (wordsApart ? "" : ", " + search.documentWords("words" + i)) + ")");
        }
        return compile("INSERT INTO " + DOCUMENTS + " (construct_id, session_id, sequence, created_at"
                + (wordsApart ? "" : ", words") + ") VALUES " + rows
                + " ON CONFLICT DO NOTHING RETURNING id, construct_id, session_id, sequence");
    }

    private CompiledSql indexRowsOf(int count) {
        return compile(search.insertIndexRows(count));
    }

    private CompiledSql compile(String sql) {
        return CompiledSql.of(sql, time);
    }

    private CompiledSql compileOrNull(String sql) {
        return sql == null ? null : compile(sql);
    }
}
