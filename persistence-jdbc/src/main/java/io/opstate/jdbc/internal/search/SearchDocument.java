package io.opstate.jdbc.internal.search;

import java.time.Instant;

/**
 * One searchable text as the index stores it: a construct's own (title and metadata) or one
 * transcript entry's.
 *
 * @param constructId the construct
 * @param sessionId the entry's session; null for the construct's own text
 * @param sequence the entry's sequence number; null for the construct's own text
 * @param at the entry's time of append, or the construct's time of creation
 * @param text the words, as {@link io.opstate.core.search.SearchDocuments} makes them
 */
public record SearchDocument(String constructId, String sessionId, Long sequence, Instant at, String text) {
    /** A construct's own text. */
    public static SearchDocument ofConstruct(String constructId, Instant createdAt, String text) {
        return new SearchDocument(constructId, null, null, createdAt, text);
    }

    /** A transcript entry's text. */
    public static SearchDocument ofEntry(String constructId, String sessionId, long sequence, Instant at, String text) {
        return new SearchDocument(constructId, sessionId, sequence, at, text);
    }

    /** What tells documents apart: the construct, or the session and sequence of the entry. */
    String key() {
        return key(constructId, sessionId, sequence);
    }

    static String key(String constructId, String sessionId, Long sequence) {
        return sessionId == null ? "c\u0000" + constructId : "e\u0000" + sessionId + "\u0000" + sequence;
    }
}
