package io.opstate.history;

import java.time.Instant;

/**
 * One entry of the append-only event log.
 *
 * @param id increasing sequence number assigned by the store (or kept from an import)
 * @param event what happened, e.g. {@code "model.pulled"}
 * @param subjectId what it happened to (a model, a job, ...), or null
 * @param metadata JSON text, or null
 * @param occurredAt when it was appended
 */
public record HistoryEvent(long id, String event, String subjectId, String metadata, Instant occurredAt) {

    /**
     * A builder of an event as it occurred, for {@link io.opstate.imports.RecordImport#importHistory}:
     * id 0 (numbered by the store on import), no subject, no metadata. Nothing is checked until
     * the event is imported.
     */
    public static Builder builder(String event, Instant occurredAt) {
        return new Builder(event, occurredAt);
    }

    /** A builder holding every field of this event, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder(event, occurredAt);
        builder.id = id;
        builder.subjectId = subjectId;
        builder.metadata = metadata;
        return builder;
    }

    /**
     * Collects the fields of a {@link HistoryEvent}, named as its components; each setter returns
     * this builder. Not thread-safe; {@link #build} may be called more than once.
     */
    public static final class Builder {
        private long id;
        private final String event;
        private String subjectId;
        private String metadata;
        private final Instant occurredAt;

        private Builder(String event, Instant occurredAt) {
            this.event = event;
            this.occurredAt = occurredAt;
        }

        /** See {@link HistoryEvent#id()}; 0 (the default) lets the import number the event. */
        public Builder id(long id) {
            this.id = id;
            return this;
        }

        /** See {@link HistoryEvent#subjectId()}. */
        public Builder subjectId(String subjectId) {
            this.subjectId = subjectId;
            return this;
        }

        /** See {@link HistoryEvent#metadata()}. */
        public Builder metadata(String metadata) {
            this.metadata = metadata;
            return this;
        }

        /** The record with the fields set so far. */
        public HistoryEvent build() {
            return new HistoryEvent(id, event, subjectId, metadata, occurredAt);
        }
    }
}
