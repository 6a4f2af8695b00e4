package io.opstate.benchmarks;

import io.opstate.core.search.SearchDocuments;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@link SearchFixture}'s rows with plain SQL on one connection (the caller commits):
 * constructs and sessions with the constructs' own search documents, then entries gathered and
 * written {@value #ROWS} at a time, each statement a multi-row insert, with their search documents
 * ({@link SearchIndexSql}; words from {@link SearchDocuments}). Entry times are one second apart
 * from {@link #T0}. Not thread-safe.
 */
final class SearchFixtureWriter {
    static final int ROWS = 200;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] TYPES = {"agent-task", "code-review", "deploy"};
    private final Connection connection;
    private final boolean postgres;
    private final RawDialect dialect;
    private final SearchIndexSql index;
    private final NamedSql entryRows;
    private final NamedSql documentRows;
    private final NamedSql indexRows;
    private final List<Object[]> pending = new ArrayList<>(ROWS);
    long contentChars;
    long indexedWords;

    SearchFixtureWriter(Connection connection, boolean postgres) {
        this.connection = connection;
        this.postgres = postgres;
        this.dialect = postgres ? RawDialect.POSTGRES : RawDialect.SQLITE;
        this.index = new SearchIndexSql(postgres);
        this.entryRows = entryInsert(ROWS);
        this.documentRows = index.insertDocuments(ROWS);
        this.indexRows = index.insertIndexRows(ROWS);
    }

    /** The construct and session of session {@code s}, with the construct's own document; in the open transaction. */
    void session(long s, SearchCorpus corpus, long count) throws SQLException {
        Instant at = T0.plusSeconds(s * SearchFixture.PER_SESSION);
        String title = corpus.title();
        String metadata = "{\"repo\":\"" + corpus.word() + "\",\"owner\":\"user-" + (s % 97) + "\"}";
        NamedSql construct = NamedSql.of("INSERT INTO opstate_constructs (id, type, status, title, metadata,"
                + " created_at, updated_at) VALUES (:id, :type, :status, :title, " + dialect.json("metadata")
                + ", :at, :at)");
        NamedSql session = NamedSql.of("INSERT INTO opstate_sessions (id, construct_id, status, started_at,"
                + " last_sequence, created_at, updated_at) VALUES (:id, :constructId, 'running', :at, :last, :at, :at)");
        try (PreparedStatement c = connection.prepareStatement(construct.jdbc());
             PreparedStatement ss = connection.prepareStatement(session.jdbc())) {
            construct.setString(c, "id", SearchFixture.constructId(s));
            construct.setString(c, "type", TYPES[(int) (s % TYPES.length)]);
            construct.setString(c, "status", s % 3 == 0 ? "done" : "running");
            construct.setString(c, "title", title);
            construct.setString(c, "metadata", metadata);
            dialect.setTime(c, construct, "at", at);
            c.executeUpdate();
            session.setString(ss, "id", SearchFixture.sessionId(s));
            session.setString(ss, "constructId", SearchFixture.constructId(s));
            session.setLong(ss, "last", count);
            dialect.setTime(ss, session, "at", at);
            ss.executeUpdate();
        }
        NamedSql document = index.insertDocuments(1);
        try (PreparedStatement d = connection.prepareStatement(document.jdbc())) {
            String words = SearchDocuments.construct(title, metadata);
            document.setString(d, "constructId0", SearchFixture.constructId(s));
            document.setString(d, "sessionId0", null);
            d.setNull(document.at("sequence0")[0], Types.BIGINT);
            dialect.setTime(d, document, "createdAt0", at);
            if (postgres) {
                document.setString(d, "words0", index.storedWords(words));
            }
            long id = ids(d).get(0);
            if (!postgres) {
                NamedSql row = index.insertIndexRows(1);
                try (PreparedStatement i = connection.prepareStatement(row.jdbc())) {
                    row.setLong(i, "id0", id);
                    row.setString(i, "words0", words);
                    i.executeUpdate();
                }
                mergeSlice(words.length());
            }
        }
    }

    void entry(long s, long sequence, boolean user, String content) throws SQLException {
        pending.add(new Object[] {s, sequence, user, content});
        if (pending.size() == ROWS) {
            flush();
        }
    }

    void flush() throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        int n = pending.size();
        NamedSql entrySql = n == ROWS ? entryRows : entryInsert(n);
        NamedSql documentSql = n == ROWS ? documentRows : index.insertDocuments(n);
        NamedSql indexSql = postgres ? null : n == ROWS ? indexRows : index.insertIndexRows(n);
        String[] words = new String[n];
        try (PreparedStatement e = connection.prepareStatement(entrySql.jdbc());
             PreparedStatement d = connection.prepareStatement(documentSql.jdbc())) {
            for (int i = 0; i < n; i++) {
                Object[] row = pending.get(i);
                long s = (Long) row[0];
                long sequence = (Long) row[1];
                boolean user = (Boolean) row[2];
                String content = (String) row[3];
                Instant at = T0.plusSeconds(s * SearchFixture.PER_SESSION + sequence);
                entrySql.setString(e, "sessionId" + i, SearchFixture.sessionId(s));
                entrySql.setString(e, "constructId" + i, SearchFixture.constructId(s));
                entrySql.setLong(e, "sequence" + i, sequence);
                entrySql.setString(e, "role" + i, user ? "user" : "assistant");
                entrySql.setString(e, "content" + i, content);
                entrySql.setString(e, "data" + i, user ? null : Payloads.ENTRY_DATA);
                dialect.setTime(e, entrySql, "createdAt" + i, at);
                words[i] = SearchDocuments.entry(content);
                documentSql.setString(d, "constructId" + i, SearchFixture.constructId(s));
                documentSql.setString(d, "sessionId" + i, SearchFixture.sessionId(s));
                documentSql.setLong(d, "sequence" + i, sequence);
                dialect.setTime(d, documentSql, "createdAt" + i, at);
                if (postgres) {
                    documentSql.setString(d, "words" + i, index.storedWords(words[i]));
                }
                contentChars += content.length();
                indexedWords += words[i].isEmpty() ? 0 : words[i].chars().filter(c -> c == ' ').count() + 1;
            }
            e.executeUpdate();
            List<Long> ids = ids(d);
            if (indexSql != null) {
                try (PreparedStatement x = connection.prepareStatement(indexSql.jdbc())) {
                    for (int i = 0; i < n; i++) {
                        indexSql.setLong(x, "id" + i, ids.get(i));
                        indexSql.setString(x, "words" + i, words[i]);
                    }
                    x.executeUpdate();
                }
                long chars = 0;
                for (String text : words) {
                    chars += text.length();
                }
                mergeSlice(chars);
            }
        }
        pending.clear();
    }

    /** The merge slice the library runs after adding {@code chars} characters of words (SQLite). */
    private void mergeSlice(long chars) throws SQLException {
        NamedSql merge = index.mergeSlice();
        try (PreparedStatement m = connection.prepareStatement(merge.jdbc())) {
            merge.setLong(m, "chars", chars);
            m.executeUpdate();
        }
    }

    /** The insert of {@code n} entries, in the columns and JSON form the library writes. */
    private NamedSql entryInsert(int n) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < n; i++) {
            values.append(i == 0 ? "" : ", ").append("(:sessionId").append(i).append(", :constructId").append(i)
                    .append(", :sequence").append(i).append(", :role").append(i).append(", :content").append(i)
                    .append(", ").append(dialect.json("data" + i)).append(", :createdAt").append(i).append(')');
        }
        return NamedSql.of("INSERT INTO opstate_transcript_entries (session_id, construct_id, sequence, role,"
                + " content, data, created_at) VALUES " + values);
    }

    private static List<Long> ids(PreparedStatement returning) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rows = returning.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }
}
