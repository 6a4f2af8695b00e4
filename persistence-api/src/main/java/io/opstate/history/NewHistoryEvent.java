package io.opstate.history;

/**
 * An event to append. Start from {@link #of(String)} and add what you need; every {@code with}
 * method returns a copy. Validated when submitted, not here.
 *
 * @param event what happened, e.g. {@code "model.pulled"}; required, 1..200 characters
 * @param subjectId what it happened to (a model, a job, ...), 1..200 characters, or null
 * @param metadata JSON text or null; at most the configured maximum payload size
 */
public record NewHistoryEvent(String event, String subjectId, String metadata) {
    /** An event named {@code event} about no particular subject, without metadata. */
    public static NewHistoryEvent of(String event) {
        return new NewHistoryEvent(event, null, null);
    }

    /** A copy about {@code subjectId}; null for none. */
    public NewHistoryEvent withSubjectId(String subjectId) {
        return new NewHistoryEvent(event, subjectId, metadata);
    }

    /** A copy carrying {@code metadataJson}; null for none. */
    public NewHistoryEvent withMetadata(String metadataJson) {
        return new NewHistoryEvent(event, subjectId, metadataJson);
    }
}
