package io.opstate.transcripts;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.internal.PageWalker;
import java.util.List;
import java.util.stream.Stream;

/**
 * The transcripts of sessions: per session, entries numbered 1, 2, 3... without gaps, in the
 * order they were appended. Appends of many threads and processes to one session are numbered
 * one after the other; none is lost or numbered twice. Every method naming a session that does
 * not exist (never did, or its construct was deleted) throws {@link io.opstate.NotFoundException}.
 * Thread-safe; each method is atomic.
 */
public interface TranscriptRepository {
    /** Most entries one {@link #appendAll} call takes, and one read returns. */
    int MAX_ENTRIES = PageRequest.MAX_LIMIT;

    /**
     * Appends {@code entry} at the session's next sequence number, stamped now.
     *
     * @throws io.opstate.InvalidInputException naming {@code sessionId}, {@code entry} (null),
     *     {@code role}, {@code content} (too large, NUL, unpaired surrogate) or {@code data}
     * @throws io.opstate.NotFoundException if there is no such session
     */
    TranscriptEntry append(String sessionId, NewTranscriptEntry entry);

    /**
     * Appends {@code entry} if it would get sequence number {@code expectedNextSequence}, that is
     * if the transcript holds {@code expectedNextSequence - 1} entries; otherwise nothing is
     * written. Two writers guarding their appends this way cannot interleave a conversation
     * unnoticed.
     *
     * @throws io.opstate.SequenceConflictException naming the expected and the actual next sequence
     *     number when they differ
     * @throws io.opstate.InvalidInputException as {@link #append(String, NewTranscriptEntry)}, and
     *     naming {@code expectedNextSequence} when it is less than 1
     * @throws io.opstate.NotFoundException if there is no such session
     */
    TranscriptEntry append(String sessionId, long expectedNextSequence, NewTranscriptEntry entry);

    /**
     * Appends {@code entries} in their order at the session's next sequence numbers, atomically:
     * all of them, numbered consecutively with no other writer's entry in between, or none.
     *
     * @return the entries as stored, in order
     * @throws io.opstate.InvalidInputException naming {@code entries} (null, empty, more than
     *     {@value #MAX_ENTRIES}, a null element) or a field of an entry, as {@code entries[i].content}
     * @throws io.opstate.NotFoundException if there is no such session
     */
    List<TranscriptEntry> appendAll(String sessionId, List<NewTranscriptEntry> entries);

    /**
     * Like {@link #appendAll(String, List)}, if the first entry would get sequence number
     * {@code expectedNextSequence}; otherwise nothing is written.
     *
     * @throws io.opstate.SequenceConflictException naming the expected and the actual next sequence
     *     number when they differ
     */
    List<TranscriptEntry> appendAll(String sessionId, long expectedNextSequence, List<NewTranscriptEntry> entries);

    /**
     * At most {@code limit} entries after sequence number {@code afterSequence}, ascending: a
     * chunk of the transcript (0 for the start). Costs the same at any depth.
     *
     * @throws io.opstate.InvalidInputException naming {@code afterSequence} (negative) or
     *     {@code limit} (not 1..{@value #MAX_ENTRIES})
     * @throws io.opstate.NotFoundException if there is no such session
     */
    List<TranscriptEntry> read(String sessionId, long afterSequence, int limit);

    /**
     * The last {@code count} entries (fewer when the transcript is shorter), ascending: the
     * "recent" view.
     *
     * @throws io.opstate.InvalidInputException naming {@code count} (not 1..{@value #MAX_ENTRIES})
     * @throws io.opstate.NotFoundException if there is no such session
     */
    List<TranscriptEntry> last(String sessionId, int count);

    /**
     * How many entries the transcript holds (also the sequence number of the last).
     *
     * @throws io.opstate.NotFoundException if there is no such session
     */
    long count(String sessionId);

    /**
     * The whole transcript, ascending, read lazily chunk by chunk ({@value PageWalker#PAGE_SIZE}
     * entries a chunk, the next only once the previous one is consumed), so memory stays bounded
     * by about one chunk whatever the transcript's length. Nothing (connection, transaction, lock)
     * is held between chunks; entries appended meanwhile may or may not appear, and every entry
     * appears once, in order. Errors, also {@link io.opstate.NotFoundException} for an unknown
     * session, are thrown by the terminal operation. Closing releases nothing.
     *
     * @throws io.opstate.InvalidInputException naming {@code sessionId} when null
     */
    default Stream<TranscriptEntry> stream(String sessionId) {
        return PageWalker.stream(page -> {
            long after = page.cursor() == null ? 0 : Long.parseLong(page.cursor());
            List<TranscriptEntry> chunk = read(sessionId, after, page.limit());
            String next = chunk.size() < page.limit() ? null : Long.toString(chunk.get(chunk.size() - 1).sequence());
            return new Page<>(chunk, next);
        }, SortOrder.OLDEST_FIRST);
    }
}
