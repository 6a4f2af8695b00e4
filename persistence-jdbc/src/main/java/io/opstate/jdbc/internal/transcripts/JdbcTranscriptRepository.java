package io.opstate.jdbc.internal.transcripts;

import io.opstate.NotFoundException;
import io.opstate.SequenceConflictException;
import io.opstate.core.TranscriptAppends;
import io.opstate.jdbc.internal.ColumnReader;
import io.opstate.jdbc.internal.CompiledSql;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * The shared SQL implementation of {@link io.opstate.transcripts.TranscriptRepository}. An append first moves the
 * session's {@code last_sequence} by the number of entries, in one UPDATE that (on PostgreSQL)
 * locks the session's row until commit, then inserts the entries at the numbers it freed: appenders
 * of one session are serialised by that row, so numbers are gapless and unique, and a guarded
 * append compares the number in the same statement. Appends are single writes, so those of many
 * threads share commits ({@code GroupCommit}). Reads require the session's row, so the entries of a
 * session whose construct was deleted (purged later) are never seen. Thread-safe.
 */
public final class JdbcTranscriptRepository extends TranscriptAppends {
    private static final String MOVE = "UPDATE opstate_sessions SET last_sequence = last_sequence + :count"
            + " WHERE id = :id";
    private static final String LAST_SEQUENCE = "SELECT last_sequence FROM opstate_sessions WHERE id = :id";
    /**
     * A chunk in sequence order straight from the primary key (session, sequence), so it costs the
     * same at entry 900,000 as at entry 1; only while the session exists (a one-time check). An
     * outer join from the session instead made PostgreSQL sort the whole transcript for each chunk.
     */
    private static final String CHUNK = "SELECT " + EntryMapper.COLUMNS + " FROM opstate_transcript_entries e"
            + " WHERE e.session_id = :id AND e.sequence > <after>"
            + " AND EXISTS (SELECT 1 FROM opstate_sessions s WHERE s.id = :id)"
            + " ORDER BY e.sequence LIMIT :limit";

    private final JdbcContext context;
    private final EntryMapper mapper;
    private final ColumnReader times;
    private final CompiledSql move;
    private final CompiledSql moveGuarded;
    private final CompiledSql lastSequence;
    /** The insert of a chunk of n entries, by n: one statement, compiled once per size. */
    private final Map<Integer, CompiledSql> inserts = new ConcurrentHashMap<>();

    public JdbcTranscriptRepository(JdbcContext context) {
        this.context = context;
        this.mapper = new EntryMapper(context.dialect());
        this.times = new ColumnReader(context.dialect(), "opstate_sessions", "id");
        // The time comes back with the number, so every entry of one append carries the same time.
        this.move = context.compile(MOVE + " RETURNING construct_id, last_sequence, <now> AS appended_at");
        this.moveGuarded = context.compile(MOVE + " AND last_sequence = :expectedLast"
                + " RETURNING construct_id, last_sequence, <now> AS appended_at");
        this.lastSequence = context.compile(LAST_SEQUENCE);
    }

    /**
     * An append is a hot path: plain JDBC with statements compiled once, as job and history
     * writes are, so that many appenders share group commits at little cost per statement.
     */
    @Override
    protected List<TranscriptEntry> appended(String sessionId, Long expectedNextSequence,
                                           List<NewTranscriptEntry> entries) {
        StoreTime.Stamp now = context.now();
        return context.database().writePlain(ErrorContext.of("transcript entry", sessionId), connection -> {
            Optional<Moved> moved = context.jdbc().queryAtMostOne(connection,
                    expectedNextSequence == null ? move : moveGuarded,
                    params -> {
                        now.bind(params).text("id", sessionId).bigint("count", (long) entries.size());
                        if (expectedNextSequence != null) {
                            params.bigint("expectedLast", expectedNextSequence - 1);
                        }
                    },
                    (row, ignored) -> new Moved(row.getString("construct_id"), row.getLong("last_sequence"),
                            times.time(row, "appended_at")));
            if (moved.isEmpty()) {
                throw notAppended(connection, sessionId, expectedNextSequence);
            }
            return insert(connection, sessionId, moved.get(), entries);
        });
    }

    /** The session's construct, its last sequence number after an append, and the time the append stamps. */
    private record Moved(String constructId, long lastSequence, Instant at) {
    }

    private List<TranscriptEntry> insert(PlainConnection connection, String sessionId, Moved moved,
                                         List<NewTranscriptEntry> entries) {
        long first = moved.lastSequence() - entries.size() + 1;
        List<TranscriptEntry> stored = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            NewTranscriptEntry entry = entries.get(i);
            stored.add(new TranscriptEntry(sessionId, first + i, entry.role(), entry.content(), entry.data(), moved.at()));
        }
        context.jdbc().update(connection, inserts.computeIfAbsent(entries.size(), this::insertOf), params -> {
            params.text("sessionId", sessionId).text("constructId", moved.constructId()).time("createdAt", moved.at());
            for (int i = 0; i < stored.size(); i++) {
                TranscriptEntry entry = stored.get(i);
                params.bigint("sequence" + i, entry.sequence()).text("role" + i, entry.role())
                        .text("content" + i, entry.content()).text("data" + i, entry.data());
            }
        });
        return stored;
    }

    /** One multi-row insert of {@code count} entries, sharing their session, construct and time. */
    private CompiledSql insertOf(int count) {
        StringJoiner rows = new StringJoiner(", ");
        for (int i = 0; i < count; i++) {
            rows.add("(:sessionId, :constructId, :sequence" + i + ", :role" + i + ", :content" + i + ", "
                    + context.json("data" + i) + ", :createdAt)");
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

    @Override
    public List<TranscriptEntry> read(String sessionId, long afterSequence, int limit) {
        return chunk(sessionId, ":after", afterSequence, limit);
    }

    @Override
    public List<TranscriptEntry> last(String sessionId, int count) {
        return chunk(sessionId, "(SELECT s.last_sequence - :after FROM opstate_sessions s WHERE s.id = :id)", count,
                count);
    }

    /**
     * At most {@code limit} entries of the session above {@code after}, ascending. None: the
     * session is checked, on the same handle, to tell an empty chunk from a missing session.
     */
    private List<TranscriptEntry> chunk(String sessionId, String after, long afterValue, int limit) {
        return context.database().read(ErrorContext.NONE, handle -> {
            List<TranscriptEntry> entries = handle.createQuery(CHUNK.replace("<after>", after))
                    .bind("id", sessionId)
                    .bind("after", afterValue)
                    .bind("limit", limit)
                    .map(mapper)
                    .list();
            if (entries.isEmpty() && lastSequence(handle, sessionId).isEmpty()) {
                throw new NotFoundException("session", sessionId);
            }
            return entries;
        });
    }

    @Override
    public long count(String sessionId) {
        return context.database().read(ErrorContext.NONE, handle -> lastSequence(handle, sessionId))
                .orElseThrow(() -> new NotFoundException("session", sessionId));
    }

    private static Optional<Long> lastSequence(Handle handle, String sessionId) {
        return handle.createQuery(LAST_SEQUENCE)
                .bind("id", sessionId).mapTo(Long.class).findOne();
    }
}
