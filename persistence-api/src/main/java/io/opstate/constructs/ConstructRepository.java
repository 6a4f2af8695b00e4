package io.opstate.constructs;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.internal.PageWalker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Agent constructs and the typed edges between them. Thread-safe; each method is atomic.
 *
 * <p>Every text argument is checked as {@code docs/behaviour.md} ("Input checking") says: ids,
 * types and statuses are 1..200 characters without control characters; no text may hold NUL or
 * an unpaired surrogate; metadata must be one JSON object within the configured maximum payload
 * size. Bad input raises {@link io.opstate.InvalidInputException} naming the field, and nothing
 * is written.
 */
public interface ConstructRepository {
    /** Longest title, in characters. */
    int MAX_TITLE_LENGTH = 1_000;

    /** Most buckets {@link #timelineCounts} returns. */
    int MAX_TIMELINE_BUCKETS = 10_000;

    /**
     * Stores a new construct at version 1, created and updated now.
     *
     * @throws io.opstate.InvalidInputException naming the record component (or {@code construct}
     *     when null) for bad input
     * @throws io.opstate.DuplicateKeyException if the id is taken
     */
    Construct create(NewConstruct construct);

    /** The construct, or empty. */
    Optional<Construct> find(String id);

    /**
     * The construct.
     *
     * @throws io.opstate.NotFoundException if there is none with this id
     */
    Construct get(String id);

    /**
     * Applies {@code changes} to the construct at {@code expectedVersion}: what they carry
     * replaces the current value, null keeps it. The version gains 1 and {@code updatedAt}
     * becomes now, even when nothing else changes.
     *
     * @throws io.opstate.InvalidInputException naming the record component (or {@code changes}
     *     when null) for bad input
     * @throws io.opstate.StaleVersionException if it changed since that version
     * @throws io.opstate.NotFoundException if there is no such construct
     */
    Construct update(String id, long expectedVersion, ConstructChanges changes);

    /**
     * Deletes the construct, every edge from or to it and its sessions, in one transaction: once
     * this returns, none of them is visible, and the sessions' checkpoints and transcripts are not
     * either ({@link io.opstate.NotFoundException} for their session). A construct may own
     * millions of transcript entries, so on the SQL backends those rows are purged afterwards, in
     * bounded batches, each its own short transaction, started in the background as soon as the
     * delete has committed (inside a transaction of the host: when that transaction ends); a purge interrupted (by a crash, or by closing the store) resumes in
     * the background when the store is next opened, or through {@link #purgeDeleted()}. A deleted
     * session's id cannot be used for a new session until its purge has finished: such a create
     * is refused with {@link io.opstate.DuplicateKeyException}.
     *
     * @return whether the construct existed
     */
    boolean delete(String id);

    /**
     * Purges now, on the calling thread, the checkpoints and transcript entries still left of the
     * sessions of deleted constructs, in bounded batches of short transactions, and returns how
     * many rows it removed (0 when nothing was pending). Hosts need not call it: purges run in the
     * background after each delete has committed (for a delete inside
     * {@link io.opstate.Datastore#inTransaction}, once that transaction has ended) and when the
     * store opens. Useful before a backup, or to purge on a thread of your own. Safe to run from
     * several threads and processes at once.
     */
    long purgeDeleted();

    /**
     * One page of constructs matching {@code query} (null: every construct), ordered by
     * {@code createdAt} then id. On PostgreSQL a metadata filter uses the GIN index of the
     * metadata column; elsewhere it is checked row by row within the other restrictions, so
     * combine it with a type, status or time range on large stores.
     */
    Page<Construct> list(ConstructQuery query, PageRequest page);

    /**
     * Every construct matching {@code query}, in {@code order} of {@code createdAt} then id, as
     * {@link #list} returns them, read lazily page by page ({@value PageRequest#MAX_LIMIT}
     * constructs a page, the next page only once the previous one is consumed). The guarantees
     * of {@link io.opstate.jobs.JobRepository#stream} hold: memory bounded by about one page; no
     * connection, transaction or lock held between pages; not a snapshot (constructs created,
     * changed or deleted meanwhile may or may not appear, every construct present and matching
     * the whole time appears exactly once); input checked like {@link #list}'s at this call (null
     * query: every construct; null order: newest first); read errors thrown by the terminal
     * operation. Closing releases nothing; try-with-resources is still good practice.
     */
    default Stream<Construct> stream(ConstructQuery query, SortOrder order) {
        return PageWalker.stream(page -> list(query, page), order);
    }

    /**
     * How many constructs match {@code query} (null: every construct), per status. Only statuses
     * some construct has appear, in ascending Unicode code-point order (the order of ids and types
     * in every listing); the map is unmodifiable.
     */
    Map<String, Long> countByStatus(ConstructQuery query);

    /**
     * Adds the edge {@code fromId -[type]-> toId}, made now. A construct cannot be linked to
     * itself.
     *
     * @param metadataJson a JSON object as text, or null
     * @throws io.opstate.InvalidInputException naming {@code fromId}, {@code type}, {@code toId}
     *     or {@code metadata} for bad input, {@code toId} when it equals {@code fromId}
     * @throws io.opstate.NotFoundException naming the construct at either end that does not
     *     exist ({@code fromId} first)
     * @throws io.opstate.DuplicateKeyException if this edge exists already
     */
    ConstructLink link(String fromId, String type, String toId, String metadataJson);

    /**
     * Removes the edge {@code fromId -[type]-> toId}.
     *
     * @return whether it existed
     */
    boolean unlink(String fromId, String type, String toId);

    /**
     * The edges leaving construct {@code id}, of {@code type} or (null) of every type, ordered by
     * type then {@code toId}, both in Unicode code-point order. Empty for an unknown construct.
     */
    List<ConstructLink> outgoing(String id, String type);

    /**
     * The edges reaching construct {@code id}, of {@code type} or (null) of every type, ordered by
     * type then {@code fromId}, both in Unicode code-point order. Empty for an unknown construct.
     */
    List<ConstructLink> incoming(String id, String type);

    /**
     * One page of the activity timeline of construct {@code constructId}: the history events whose
     * subject is the construct, the starts and ends of its sessions and the entries of their
     * transcripts, restricted by {@code query} (null: the whole timeline), in the total order
     * {@link TimelineEvent} describes ({@code OLDEST_FIRST}, or reversed for
     * {@code NEWEST_FIRST}). Keyset paging, as every listing: a page costs the same at any depth
     * of the transcripts; a cursor is only valid for the construct, query and order that gave it.
     * Sessions of a deleted construct are gone with it, so are their events.
     *
     * <p>On the SQL backends the history events are read through the history's (subject, time)
     * index and the sessions through the construct's (construct, start) index; transcript entries
     * are found through the construct's sessions and the primary key of each session's
     * transcript, and filtered by time: a page costs about the number of entries of the
     * construct's sessions that lie in {@code [cursor, before)}, so narrow the range when a
     * construct's transcripts are long.
     *
     * @throws io.opstate.InvalidInputException naming {@code constructId} when null, the
     *     component of {@code query}, {@code limit} or {@code cursor} for bad input
     * @throws io.opstate.NotFoundException if there is no such construct
     */
    Page<TimelineEvent> timeline(String constructId, TimelineQuery query, PageRequest page);

    /**
     * The events of {@link #timeline} for the construct and query, in {@code order} (null: newest
     * first), read lazily page by page with the guarantees of {@link #stream}. Input is checked at
     * this call; an unknown construct fails with {@link io.opstate.NotFoundException} when the first
     * page is pulled.
     */
    default Stream<TimelineEvent> timelineStream(String constructId, TimelineQuery query, SortOrder order) {
        return PageWalker.stream(page -> timeline(constructId, query, page), order);
    }

    /**
     * How many events of each kind the timeline of construct {@code constructId} holds at
     * {@code [from, before)}, per bucket of length {@code bucket}, ready for a chart: every bucket
     * from the one holding {@code from} to the one holding the last microsecond before
     * {@code before}, oldest first, empty ones included with zero counts. Buckets are aligned to
     * the epoch (each starts a whole number of bucket lengths after 1970-01-01T00:00:00Z, the same
     * on every backend and in every time zone); the first and last only count what lies inside
     * {@code [from, before)}. Computed by the database, grouped per bucket, without reading the
     * events; none when {@code from} equals {@code before}.
     *
     * @param bucket a whole number of microseconds, at least 1, that cuts the range into at most
     *     {@value #MAX_TIMELINE_BUCKETS} buckets
     * @throws io.opstate.InvalidInputException naming {@code constructId}, {@code from} or
     *     {@code before} when null or outside year 1..9999, {@code before} when earlier than
     *     {@code from}, {@code bucket} when null, not positive, finer than a microsecond or
     *     making too many buckets
     * @throws io.opstate.NotFoundException if there is no such construct
     */
    List<TimelineBucket> timelineCounts(String constructId, Instant from, Instant before, Duration bucket);
}
