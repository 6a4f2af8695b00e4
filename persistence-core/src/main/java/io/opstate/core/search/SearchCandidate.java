package io.opstate.core.search;

import java.time.Instant;

/**
 * A text a backend found for a search, with what {@link SearchHits} needs to make its hit: for a
 * construct, its title and metadata; for an entry, its content.
 *
 * @param constructId the construct
 * @param constructType its type
 * @param sessionId the entry's session; null for the construct itself
 * @param sequence the entry's sequence number; null for the construct itself
 * @param at the entry's time of append, or the construct's time of creation
 * @param title the construct's title, or null (only read for the construct itself)
 * @param metadata the construct's metadata JSON, or null (only read for the construct itself)
 * @param content the entry's content; null for the construct itself
 */
public record SearchCandidate(String constructId, String constructType, String sessionId, Long sequence,
                              Instant at, String title, String metadata, String content) {
    /** Whether this is a transcript entry rather than the construct's own text. */
    public boolean isEntry() {
        return sessionId != null;
    }
}
