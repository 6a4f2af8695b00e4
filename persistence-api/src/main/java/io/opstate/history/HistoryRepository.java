package io.opstate.history;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.internal.PageWalker;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/** The append-only event log. Thread-safe; each method is atomic. */
public interface HistoryRepository {
    /**
     * Appends {@code event} stamped now, under the next sequence number.
     *
     * @throws io.opstate.InvalidInputException naming the record component (or {@code event}
     *     when null) for bad input
     */
    HistoryEvent append(NewHistoryEvent event);

    /** The event with this sequence number, or empty. */
    Optional<HistoryEvent> find(long id);

    /** One page of events matching {@code query}, ordered by {@code occurredAt} then id. */
    Page<HistoryEvent> list(HistoryQuery query, PageRequest page);

    /**
     * Every event matching {@code query}, in {@code order} of {@code occurredAt} then sequence
     * number, as {@link #list} returns them, read lazily page by page
     * ({@value PageRequest#MAX_LIMIT} events a page, the next page only once the previous one is
     * consumed). The guarantees of {@link io.opstate.jobs.JobRepository#stream} hold: memory
     * bounded by about one page; no connection, transaction or lock held between pages; not a
     * snapshot (events appended or deleted meanwhile may or may not appear, every event present
     * the whole time appears exactly once); input checked like {@link #list}'s at this call
     * (null query: every event; null order: newest first); read errors thrown by the terminal
     * operation. Closing releases nothing; try-with-resources is still good practice.
     */
    default Stream<HistoryEvent> stream(HistoryQuery query, SortOrder order) {
        return PageWalker.stream(page -> list(query, page), order);
    }

    /**
     * Follows the log: at most {@code limit} (1..{@value io.opstate.PageRequest#MAX_LIMIT}) events
     * appended after {@code position}, in follow order, and the position to continue from. A
     * follower that keeps the returned position and asks again never skips an event, also one
     * whose transaction committed after a later-numbered event's (ids are drawn at insert, not at
     * commit): on PostgreSQL an event is returned only once every transaction older than its own
     * has ended, and events are ordered by appending transaction, then id; SQLite has one writer,
     * so id order is commit order; memory appends under its write lock. An event of a transaction
     * still running, or one that started before it, is returned by a later call, once settled. Not
     * a substitute for {@link #list} by time: ids are not in time order across transactions.
     *
     * @throws io.opstate.InvalidInputException naming {@code position} (null, or a negative part)
     *     or {@code limit}
     */
    AppendedEvents appendedAfter(HistoryPosition position, int limit);

    /** Deletes events that occurred before {@code cutoff} (retention); returns how many. */
    int deleteBefore(Instant cutoff);
}
