package io.opstate.jdbc.internal.transcripts;

import io.opstate.NotFoundException;
import io.opstate.SequenceConflictException;
import io.opstate.core.TranscriptAppends;
import io.opstate.jdbc.internal.ColumnReader;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

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
    private final String move;
    private final String moveGuarded;
    private final String insert;

    public JdbcTranscriptRepository(JdbcContext context) {
        this.context = context;
        this.mapper = new EntryMapper(context.dialect());
        this.times = new ColumnReader(context.dialect(), "opstate_sessions", "id");
        // The time comes back with the number, so every entry of one append carries the same time.
        this.move = MOVE + " RETURNING id, construct_id, last_sequence, <now> AS appended_at";
        this.moveGuarded = MOVE + " AND last_sequence = :expectedLast"
                + " RETURNING id, construct_id, last_sequence, <now> AS appended_at";
        this.insert = "INSERT INTO opstate_transcript_entries (session_id, construct_id, sequence, role, content, data,"
                + " created_at) VALUES (:sessionId, :constructId, :sequence, :role, :content, " + context.json("data") + ", :createdAt)";
    }

    @Override
    protected List<TranscriptEntry> appended(String sessionId, Long expectedNextSequence,
                                           List<NewTranscriptEntry> entries) {
        StoreTime.Stamp now = context.now();
        return context.database().write(ErrorContext.of("transcript entry", sessionId), handle -> {
            var statement = now.bind(handle.createQuery(expectedNextSequence == null ? move : moveGuarded))
                    .bind("id", sessionId)
                    .bind("count", entries.size());
            if (expectedNextSequence != null) {
                statement.bind("expectedLast", expectedNextSequence - 1);
            }
            Optional<Moved> moved = statement.map((row, ignored) -> new Moved(row.getString("construct_id"),
                    row.getLong("last_sequence"), times.time(row, "appended_at"))).findOne();
            if (moved.isEmpty()) {
                throw notAppended(handle, sessionId, expectedNextSequence);
            }
            return insert(handle, sessionId, moved.get(), entries);
        });
    }

    /** The session's construct, its last sequence number after an append, and the time the append stamps. */
    private record Moved(String constructId, long lastSequence, Instant at) {
    }

    private List<TranscriptEntry> insert(Handle handle, String sessionId, Moved moved, List<NewTranscriptEntry> entries) {
        long sequence = moved.lastSequence() - entries.size();
        List<TranscriptEntry> stored = new ArrayList<>(entries.size());
        PreparedBatch batch = handle.prepareBatch(insert);
        for (NewTranscriptEntry entry : entries) {
            sequence++;
            stored.add(new TranscriptEntry(sessionId, sequence, entry.role(), entry.content(), entry.data(), moved.at()));
            batch.bind("sessionId", sessionId)
                    .bind("constructId", moved.constructId())
                    .bind("sequence", sequence)
                    .bind("role", entry.role())
                    .bind("content", entry.content())
                    .bind("data", entry.data())
                    .bind("createdAt", moved.at())
                    .add();
        }
        batch.execute();
        return stored;
    }

    /** Why a move of the session's sequence matched no row: no such session, or another writer came first. */
    private static RuntimeException notAppended(Handle handle, String sessionId, Long expectedNextSequence) {
        Optional<Long> last = lastSequence(handle, sessionId);
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
        return handle.createQuery("SELECT last_sequence FROM opstate_sessions WHERE id = :id")
                .bind("id", sessionId).mapTo(Long.class).findOne();
    }
}
