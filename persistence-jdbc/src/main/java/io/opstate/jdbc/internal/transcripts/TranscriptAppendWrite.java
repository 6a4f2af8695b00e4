package io.opstate.jdbc.internal.transcripts;

import io.opstate.NotFoundException;
import io.opstate.SequenceConflictException;
import io.opstate.core.search.SearchDocuments;
import io.opstate.jdbc.internal.ColumnReader;
import io.opstate.jdbc.internal.CompiledSql;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.MultiRowWrite;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.jdbc.internal.search.SearchDocument;
import io.opstate.jdbc.internal.search.SearchIndex;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Transcript appends as a {@link MultiRowWrite}: alone, an append moves its session's
 * {@code last_sequence} by its number of entries (guarded by the expected next number when given)
 * and inserts the entries at the numbers it freed. When {@code GroupCommit} gathers the appends of
 * several callers to different sessions, unguarded, they share two statements: one move of all the
 * sessions and one insert of all the entries, so eight callers cost the commit about what one
 * does. Appends to one session twice, guarded ones and very large batches run one after another,
 * as alone. Each entry's content is indexed for search by the same transaction, in one more
 * statement for all of them (two on SQLite). Stateless apart from compiled statements; thread-safe.
 */
final class TranscriptAppendWrite implements MultiRowWrite<TranscriptAppendWrite.Append, List<TranscriptEntry>> {
    /** The most entries one shared insert carries (7 parameters each); larger batches run one by one. */
    private static final int MAX_SHARED_ENTRIES = 500;
    private static final String MOVE = "UPDATE opstate_sessions SET last_sequence = last_sequence + :count"
            + " WHERE id = :id";
    private static final String LAST_SEQUENCE = "SELECT last_sequence FROM opstate_sessions WHERE id = :id";

    /**
     * One caller's append: {@code expectedNextSequence} null when unguarded; {@code words} the
     * index text of each entry, in order, made on the caller's thread so the commit does not.
     */
    record Append(String sessionId, Long expectedNextSequence, List<NewTranscriptEntry> entries, List<String> words,
                  StoreTime.Stamp now) {
        static Append of(String sessionId, Long expectedNextSequence, List<NewTranscriptEntry> entries,
                         StoreTime.Stamp now) {
            List<String> words = entries.stream().map(entry -> SearchDocuments.entry(entry.content())).toList();
            return new Append(sessionId, expectedNextSequence, entries, words, now);
        }
    }

    /** A session's construct, its last sequence number after the move, and the time the append stamps. */
    private record Moved(String constructId, long lastSequence, Instant at) {
    }

    private final JdbcContext context;
    private final SearchIndex index;
    private final ColumnReader times;
    private final boolean databaseTime;
    private final CompiledSql move;
    private final CompiledSql moveGuarded;
    private final CompiledSql lastSequence;
    /** Statements by size, compiled once: the move of n sessions, the insert of n entries. */
    private final Map<Integer, CompiledSql> sharedMoves = new ConcurrentHashMap<>();
    private final Map<Integer, CompiledSql> inserts = new ConcurrentHashMap<>();

    /** @param index indexes each entry's content in the append's own transaction */
    TranscriptAppendWrite(JdbcContext context, SearchIndex index) {
        this.context = context;
        this.index = index;
        this.times = new ColumnReader(context.dialect(), "opstate_sessions", "id");
        this.databaseTime = context.time().fromDatabase();
        // The time comes back with the number, so every entry of one append carries the same time.
        this.move = context.compile(MOVE + " RETURNING construct_id, last_sequence, <now> AS appended_at");
        this.moveGuarded = context.compile(MOVE + " AND last_sequence = :expectedLast"
                + " RETURNING construct_id, last_sequence, <now> AS appended_at");
        this.lastSequence = context.compile(LAST_SEQUENCE);
    }

    @Override
    public List<List<TranscriptEntry>> writeAll(PlainConnection connection, List<Append> appends) {
        if (appends.size() == 1 || !shareable(appends)) {
            List<List<TranscriptEntry>> results = new ArrayList<>(appends.size());
            for (Append append : appends) {
                results.add(alone(connection, append));
            }
            return results;
        }
        return shared(connection, appends);
    }

    /** Different sessions, none guarded, few enough entries for one insert. */
    private static boolean shareable(List<Append> appends) {
        Set<String> sessions = new HashSet<>();
        int entries = 0;
        for (Append append : appends) {
            if (append.expectedNextSequence() != null || !sessions.add(append.sessionId())) {
                return false;
            }
            entries += append.entries().size();
        }
        return entries <= MAX_SHARED_ENTRIES;
    }

    private List<TranscriptEntry> alone(PlainConnection connection, Append append) {
        Long expected = append.expectedNextSequence();
        Optional<Moved> moved = context.jdbc().queryAtMostOne(connection, expected == null ? move : moveGuarded,
                params -> {
                    append.now().bind(params).text("id", append.sessionId())
                            .bigint("count", (long) append.entries().size());
                    if (expected != null) {
                        params.bigint("expectedLast", expected - 1);
                    }
                },
                (row, ignored) -> moved(row));
        if (moved.isEmpty()) {
            throw notAppended(connection, append.sessionId(), expected);
        }
        List<TranscriptEntry> stored = entries(append, moved.get());
        insert(connection, stored, Map.of(append.sessionId(), moved.get().constructId()));
        index.insert(connection, documents(append, stored, moved.get().constructId()));
        return stored;
    }

    private List<List<TranscriptEntry>> shared(PlainConnection connection, List<Append> appends) {
        Map<String, Moved> moved = new HashMap<>();
        context.jdbc().query(connection, sharedMoves.computeIfAbsent(appends.size(), this::sharedMoveOf), params -> {
            for (int i = 0; i < appends.size(); i++) {
                Append append = appends.get(i);
                params.text("id" + i, append.sessionId()).bigint("count" + i, (long) append.entries().size());
                if (params.has("now" + i)) {
                    append.now().bindAs(params, "now" + i);
                }
            }
        }, (row, ignored) -> moved.put(row.getString("id"), moved(row)));
        List<List<TranscriptEntry>> results = new ArrayList<>(appends.size());
        List<TranscriptEntry> all = new ArrayList<>();
        List<SearchDocument> documents = new ArrayList<>();
        Map<String, String> constructs = new HashMap<>();
        for (Append append : appends) {
            Moved session = moved.get(append.sessionId());
            if (session == null) {
                // The batch rolls back and each append runs again alone: this one fails by itself.
                throw new NotFoundException("session", append.sessionId());
            }
            List<TranscriptEntry> stored = entries(append, session);
            results.add(stored);
            all.addAll(stored);
            documents.addAll(documents(append, stored, session.constructId()));
            constructs.put(append.sessionId(), session.constructId());
        }
        insert(connection, all, constructs);
        index.insert(connection, documents);
        return results;
    }

    /**
     * One move of n sessions, each by its own count, each stamped with its own caller's time
     * (under host time; under database time the statement's).
     */
    private CompiledSql sharedMoveOf(int sessions) {
        StringJoiner counts = new StringJoiner(" ", "CASE id ", " END");
        StringJoiner stamps = new StringJoiner(" ", "CASE id ", " END");
        StringJoiner ids = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < sessions; i++) {
            counts.add("WHEN :id" + i + " THEN :count" + i);
            stamps.add("WHEN :id" + i + " THEN " + (databaseTime ? "<now>" : ":now" + i));
            ids.add(":id" + i);
        }
        return context.compile("UPDATE opstate_sessions SET last_sequence = last_sequence + " + counts
                + " WHERE id IN " + ids + " RETURNING id, construct_id, last_sequence, " + stamps + " AS appended_at");
    }

    private Moved moved(ResultSet row) throws SQLException {
        return new Moved(row.getString("construct_id"), row.getLong("last_sequence"), times.time(row, "appended_at"));
    }

    /** The entries of {@code append} at the numbers its move freed. */
    private static List<TranscriptEntry> entries(Append append, Moved moved) {
        List<NewTranscriptEntry> entries = append.entries();
        long first = moved.lastSequence() - entries.size() + 1;
        List<TranscriptEntry> stored = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            NewTranscriptEntry entry = entries.get(i);
            stored.add(new TranscriptEntry(append.sessionId(), first + i, entry.role(), entry.content(), entry.data(),
                    moved.at()));
        }
        return stored;
    }

    /** The index documents of the entries {@code append} stored. */
    private static List<SearchDocument> documents(Append append, List<TranscriptEntry> stored, String constructId) {
        List<SearchDocument> documents = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            TranscriptEntry entry = stored.get(i);
            documents.add(SearchDocument.ofEntry(constructId, entry.sessionId(), entry.sequence(), entry.createdAt(),
                    append.words().get(i)));
        }
        return documents;
    }

    /** One multi-row insert of {@code entries}, each with its session's construct. */
    private void insert(PlainConnection connection, List<TranscriptEntry> entries, Map<String, String> constructs) {
        context.jdbc().update(connection, inserts.computeIfAbsent(entries.size(), this::insertOf), params -> {
            for (int i = 0; i < entries.size(); i++) {
                TranscriptEntry entry = entries.get(i);
                params.text("session" + i, entry.sessionId()).text("construct" + i, constructs.get(entry.sessionId()))
                        .bigint("sequence" + i, entry.sequence()).text("role" + i, entry.role())
                        .text("content" + i, entry.content()).text("data" + i, entry.data())
                        .time("at" + i, entry.createdAt());
            }
        });
    }

    private CompiledSql insertOf(int count) {
        StringJoiner rows = new StringJoiner(", ");
        for (int i = 0; i < count; i++) {
            rows.add("(:session" + i + ", :construct" + i + ", :sequence" + i + ", :role" + i + ", :content" + i + ", "
                    + context.json("data" + i) + ", :at" + i + ")");
        }
        return context.compile("INSERT INTO opstate_transcript_entries (session_id, construct_id, sequence, role,"
                + " content, data, created_at) VALUES " + rows);
    }

    /** Why a move of the session's sequence matched no row: no such session, or another writer came first. */
    private RuntimeException notAppended(PlainConnection connection, String sessionId, Long expectedNextSequence) {
        Optional<Long> last = context.jdbc().queryAtMostOne(connection, lastSequence,
                params -> params.text("id", sessionId), (row, ignored) -> row.getLong(1));
        if (last.isEmpty() || expectedNextSequence == null) {
            return new NotFoundException("session", sessionId);
        }
        return new SequenceConflictException(sessionId, expectedNextSequence, last.get() + 1);
    }
}
