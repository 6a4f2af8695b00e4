package io.opstate.history;

import io.opstate.Page;
import io.opstate.PageRequest;
import java.time.Instant;
import java.util.Optional;

/** The append-only event log. Thread-safe; each method is atomic. */
public interface HistoryRepository {
    /**
     * Appends an event stamped now.
     *
     * @param event required, 1..200 characters
     * @param subjectId optional, at most 200 characters
     * @param metadataJson JSON text or null
     */
    HistoryEvent append(String event, String subjectId, String metadataJson);

    /** The event with this sequence number, or empty. */
    Optional<HistoryEvent> find(long id);

    /** One page of events matching {@code query}, ordered by {@code occurredAt} then id. */
    Page<HistoryEvent> list(HistoryQuery query, PageRequest page);

    /** Deletes events that occurred before {@code cutoff} (retention); returns how many. */
    int deleteBefore(Instant cutoff);
}
