package io.opstate.search;

import java.time.Instant;

/**
 * One construct title, construct metadata or transcript entry that matched a search.
 *
 * @param constructId the construct the text belongs to
 * @param constructType that construct's type
 * @param sessionId the session of the matched entry; null for a title or metadata hit
 * @param sequence the matched entry's sequence number; null for a title or metadata hit
 * @param field which text matched: for a construct, {@link SearchField#TITLE} when its title
 *     holds a match, else {@link SearchField#METADATA}
 * @param snippet the matched text around its first match
 * @param at the entry's time of append, or the construct's time of creation
 */
public record SearchHit(String constructId, String constructType, String sessionId, Long sequence,
                        SearchField field, Snippet snippet, Instant at) {
}
