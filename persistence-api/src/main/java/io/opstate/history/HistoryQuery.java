package io.opstate.history;

import java.time.Instant;

/**
 * Which events to list; null means no restriction.
 *
 * @param subjectId only events about this subject
 * @param event only events with this name
 * @param from inclusive lower bound of {@code occurredAt}
 * @param before exclusive upper bound of {@code occurredAt}
 */
public record HistoryQuery(String subjectId, String event, Instant from, Instant before) {
    public static HistoryQuery all() {
        return new HistoryQuery(null, null, null, null);
    }

    public static HistoryQuery bySubject(String subjectId) {
        return all().withSubjectId(subjectId);
    }

    public HistoryQuery withSubjectId(String subjectId) {
        return new HistoryQuery(subjectId, event, from, before);
    }

    public HistoryQuery withEvent(String event) {
        return new HistoryQuery(subjectId, event, from, before);
    }

    public HistoryQuery between(Instant from, Instant before) {
        return new HistoryQuery(subjectId, event, from, before);
    }
}
