package io.opstate.jdbc.internal.transcripts;

import io.opstate.NotFoundException;
import io.opstate.core.TranscriptAppends;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.search.SearchIndex;
import io.opstate.jdbc.internal.cache.ReadCache;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final TranscriptAppendWrite appends;
    private final ReadCache cache;

    /**
     * @param index indexes each appended entry's content in the append's transaction
     * @param cache keeps the newest entries of sessions; told of every append once committed
     */
    public JdbcTranscriptRepository(JdbcContext context, SearchIndex index, ReadCache cache) {
        this.context = context;
        this.cache = cache;
        this.mapper = new EntryMapper(context.dialect());
        this.appends = new TranscriptAppendWrite(context, index);
    }

    /**
     * An append is a hot path: plain JDBC with statements compiled once, and a write of a kind
     * several callers' appends can share ({@link TranscriptAppendWrite}) under group commit.
     */
    @Override
    protected List<TranscriptEntry> appended(String sessionId, Long expectedNextSequence,
                                           List<NewTranscriptEntry> entries) {
        try {
            return context.database().write(ErrorContext.of("transcript entry", sessionId), appends,
                    TranscriptAppendWrite.Append.of(sessionId, expectedNextSequence, entries, context.now()));
        } finally {
            // After the commit (or a failure whose outcome is unknown), never inside the write, which may run twice.
            cache.sessionsChanged(List.of(sessionId));
        }
    }

    @Override
    public List<TranscriptEntry> read(String sessionId, long afterSequence, int limit) {
        return chunk(sessionId, ":after", afterSequence, limit);
    }

    @Override
    public List<TranscriptEntry> last(String sessionId, int count) {
        return cache.last(sessionId, count, n -> newest(sessionId, n));
    }

    private List<TranscriptEntry> newest(String sessionId, int count) {
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
