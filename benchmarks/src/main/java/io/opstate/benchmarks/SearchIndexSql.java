package io.opstate.benchmarks;

import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How OpState's search index holds a text, written by hand for the search fixture
 * ({@link SearchFixture}) and the raw append baseline ({@link RawStore}): the only place the
 * benchmarks know it. Copied from persistence-jdbc's search writes and the dialects' search
 * hooks ({@code SqliteSearch}, {@code PostgresSearch}); keep in step when they change (the
 * fixture's check, {@link SearchFixture#verify}, fails when they drift apart). One document row
 * per text in {@code opstate_search_documents}; its words are the index text
 * ({@code SearchDocuments}): on SQLite one row of the FTS5 table {@code opstate_search_index}
 * whose rowid is the document's id, on PostgreSQL the document's {@code tsvector} column, written
 * as a literal of each word with its position ({@code 'deploy':1 'failed':2}) and cast.
 */
final class SearchIndexSql {
    /** One merged page per 512 characters of words added, as {@code SqliteSearch} merges. */
    private static final NamedSql MERGE_SLICE = NamedSql.of("INSERT INTO opstate_search_index"
            + " (opstate_search_index, rank) VALUES ('merge', (:chars + 511) / 512)");
    private final boolean postgres;
    private final Map<Integer, NamedSql> documentInserts = new ConcurrentHashMap<>();
    private final Map<Integer, NamedSql> indexInserts = new ConcurrentHashMap<>();

    SearchIndexSql(boolean postgres) {
        this.postgres = postgres;
    }

    /** {@link #insertDocuments}, parsed once per size. */
    NamedSql documents(int rows) {
        return documentInserts.computeIfAbsent(rows, this::insertDocuments);
    }

    /** {@link #insertIndexRows}, parsed once per size; null on PostgreSQL. */
    NamedSql indexRows(int rows) {
        return postgres ? null : indexInserts.computeIfAbsent(rows, this::insertIndexRows);
    }

    boolean wordsApart() {
        return !postgres;
    }

    /**
     * Inserts {@code rows} documents, parameters {@code :constructId<i>}, {@code :sessionId<i>},
     * {@code :sequence<i>}, {@code :createdAt<i>} and, on PostgreSQL, {@code :words<i>}
     * ({@link #storedWords}); returns each inserted document's id (first column) with its key, in the
     * order given (a document already indexed is skipped, as the library skips it).
     */
    NamedSql insertDocuments(int rows) {
        StringJoiner values = new StringJoiner(", ", "INSERT INTO opstate_search_documents (construct_id, session_id,"
                + " sequence, created_at" + (postgres ? ", words" : "") + ") VALUES ",
                " ON CONFLICT DO NOTHING RETURNING id, construct_id, session_id, sequence");
        for (int i = 0; i < rows; i++) {
            values.add("(:constructId" + i + ", :sessionId" + i + ", :sequence" + i + ", :createdAt" + i
                    + (postgres ? ", CAST(:words" + i + " AS tsvector)" : "") + ")");
        }
        return NamedSql.of(values.toString());
    }

    /** Adds the words of {@code rows} documents to SQLite's FTS5 table ({@code :id<i>}, {@code :words<i>}); null on PostgreSQL. */
    NamedSql insertIndexRows(int rows) {
        if (postgres) {
            return null;
        }
        StringJoiner values = new StringJoiner(", ", "INSERT INTO opstate_search_index (rowid, words) VALUES ", "");
        for (int i = 0; i < rows; i++) {
            values.add("(:id" + i + ", :words" + i + ")");
        }
        return NamedSql.of(values.toString());
    }

    /**
     * On SQLite, the merge of a slice of the FTS5 table for {@code :chars} characters of words just
     * added, which each indexing transaction of the library runs once (automatic merging is off from
     * schema version 16); null on PostgreSQL.
     */
    NamedSql mergeSlice() {
        return postgres ? null : MERGE_SLICE;
    }

    /** What is bound as the words of a document whose index text is {@code indexText}. */
    String storedWords(String indexText) {
        if (!postgres) {
            return indexText;
        }
        if (indexText.isEmpty()) {
            return "";
        }
        StringBuilder vector = new StringBuilder(indexText.length() * 2);
        int position = 0;
        int start = 0;
        while (start <= indexText.length()) {
            int end = indexText.indexOf(' ', start);
            if (end < 0) {
                end = indexText.length();
            }
            if (position > 0) {
                vector.append(' ');
            }
            // words are letters and digits only: nothing in the quotes needs escaping
            vector.append('\'').append(indexText, start, end).append("':").append(++position);
            start = end + 1;
        }
        return vector.toString();
    }

    /** Empties the index of every transcript entry's document (the append benchmarks' reset). */
    String[] clearEntryDocuments() {
        String entries = "session_id IS NOT NULL";
        if (postgres) {
            return new String[] {"DELETE FROM opstate_search_documents WHERE " + entries};
        }
        return new String[] {
            "DELETE FROM opstate_search_index WHERE rowid IN (SELECT id FROM opstate_search_documents WHERE "
                    + entries + ")",
            "DELETE FROM opstate_search_documents WHERE " + entries};
    }
}
