package io.opstate.history;

import java.time.Instant;

/**
 * One entry of the append-only event log.
 *
 * @param id increasing sequence number assigned by the store
 * @param event what happened, e.g. {@code "model.pulled"}
 * @param subjectId what it happened to (a model, a job, ...), or null
 * @param metadata JSON text, or null
 * @param occurredAt when it was appended
 */
public record HistoryEvent(long id, String event, String subjectId, String metadata, Instant occurredAt) {
}
