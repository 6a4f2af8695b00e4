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

    /** Deletes events that occurred before {@code cutoff} (retention); returns how many. */
    int deleteBefore(Instant cutoff);
}
