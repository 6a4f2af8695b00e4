package io.opstate.search;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What to search for, and in which constructs. Validated when used, not here: a null, blank or
 * too long {@code text}, or text without a single word, is refused then with
 * {@link io.opstate.InvalidInputException} naming {@code text}; a null element of {@code types}
 * or {@code statuses} naming {@code types} or {@code statuses}.
 *
 * <p><b>Query text.</b> Every word must match ({@code deploy failed} finds text holding both
 * words, anywhere). {@code "quoted words"} must match as a phrase, in that order, next to each
 * other. A word ending in {@code *} matches every word starting with it ({@code deplo*}). Case
 * and accents do not matter ({@code Café} finds {@code cafe}). Words are runs of letters and
 * digits; anything else separates them, so {@code foo-bar} is the phrase {@code "foo bar"},
 * and operators of the database's own search syntax ({@code OR}, {@code NEAR}, {@code -},
 * parentheses) are plain words or separators here: no query text is ever an error of the
 * database. An unbalanced quote runs to the end of the text.
 *
 * @param text the query, at most {@value SearchRepository#MAX_QUERY_LENGTH} characters and
 *     {@value SearchRepository#MAX_QUERY_WORDS} words
 * @param types construct types to search in (at most 100 when used); empty for every type; an
 *     unmodifiable copy in the order first given
 * @param statuses construct statuses to search in (at most 100 when used); empty for every status
 * @param from inclusive lower bound of a hit's time ({@link SearchHit#at()}), or null
 * @param before exclusive upper bound of a hit's time, or null
 */
public record SearchQuery(String text, Set<String> types, Set<String> statuses, Instant from, Instant before) {
    public SearchQuery {
        types = copy(types);
        statuses = copy(statuses);
    }

    /** Searches every construct for {@code text}. */
    public static SearchQuery of(String text) {
        return new SearchQuery(text, Set.of(), Set.of(), null, null);
    }

    /** Only in constructs of these types (a null array: no restriction). */
    public SearchQuery withTypes(String... types) {
        return new SearchQuery(text, setOf(types), statuses, from, before);
    }

    /** Only in constructs in these statuses (a null array: no restriction). */
    public SearchQuery withStatuses(String... statuses) {
        return new SearchQuery(text, types, setOf(statuses), from, before);
    }

    /** Only hits whose time lies in {@code [from, before)}; either bound may be null. */
    public SearchQuery between(Instant from, Instant before) {
        return new SearchQuery(text, types, statuses, from, before);
    }

    // LinkedHashSet keeps a null for validation to name, and takes duplicates.
    private static <T> Set<T> copy(Set<T> values) {
        return values == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    private static Set<String> setOf(String... values) {
        return values == null ? null : new LinkedHashSet<>(Arrays.asList(values));
    }
}
