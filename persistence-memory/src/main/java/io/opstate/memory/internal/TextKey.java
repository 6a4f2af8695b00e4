package io.opstate.memory.internal;

import java.util.Comparator;

/**
 * Which searchable text the {@link SearchIndex} holds: a construct's own text (its title and
 * metadata), or one transcript entry's content.
 *
 * @param constructId the construct, for its own text; null for an entry
 * @param sessionId the entry's session; null for a construct's text
 * @param sequence the entry's sequence number; 0 for a construct's text
 */
record TextKey(String constructId, String sessionId, long sequence) {
    /** Constructs' texts before entries, then by id and sequence: the last tie-break of the ranking. */
    static final Comparator<TextKey> ORDER = Comparator
            .comparing(TextKey::constructId, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(TextKey::sessionId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(TextKey::sequence);

    static TextKey construct(String constructId) {
        return new TextKey(constructId, null, 0);
    }

    static TextKey entry(String sessionId, long sequence) {
        return new TextKey(null, sessionId, sequence);
    }

    boolean isEntry() {
        return sessionId != null;
    }
}
