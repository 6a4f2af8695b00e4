package io.opstate.core.search;

import io.opstate.InvalidInputException;
import io.opstate.PageRequest;
import io.opstate.core.Checks;
import io.opstate.core.TextChecks;
import io.opstate.core.Times;
import io.opstate.search.SearchQuery;
import io.opstate.search.SearchRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A search after checking: the query's terms and filters, and the slice of the ranked hits to
 * return. Backends find the texts; {@link SearchHits} turns them into a page.
 *
 * @param terms what every hit must match
 * @param types construct types to search in; empty for all
 * @param statuses construct statuses to search in; empty for all
 * @param from inclusive lower bound of a hit's time, or null
 * @param before exclusive upper bound of a hit's time, or null
 * @param offset how many ranked hits come before this page
 * @param limit how many hits this page holds at most; never reaching past {@value SearchRepository#MAX_DEPTH}
 * @param fingerprint what the query's cursors are tied to
 */
public record SearchRequest(List<SearchTerm> terms, Set<String> types, Set<String> statuses, Instant from,
                            Instant before, int offset, int limit, String fingerprint) {
    private static final String CURSOR_PREFIX = "search:";

    /**
     * Checks {@code query} and {@code page}.
     *
     * @throws InvalidInputException naming {@code query}, {@code text}, {@code types},
     *     {@code statuses}, {@code from}, {@code before}, {@code page}, {@code limit} or {@code cursor}
     */
    public static SearchRequest of(SearchQuery query, PageRequest page) {
        Checks.required("query", query);
        List<SearchTerm> terms = SearchText.terms(query.text());
        Set<String> types = TextChecks.names("types", query.types());
        Set<String> statuses = TextChecks.names("statuses", query.statuses());
        Instant from = Checks.instant("from", query.from());
        Instant before = Checks.instant("before", query.before());
        Checks.required("page", page);
        int limit = Checks.limit(page.limit());
        String fingerprint = fingerprint(terms, types, statuses, from, before);
        int offset = offset(page.cursor(), fingerprint);
        return new SearchRequest(terms, types, statuses, from, before, offset,
                Math.min(limit, SearchRepository.MAX_DEPTH - offset), fingerprint);
    }

    /** The cursor of the page after this one, given whether more hits follow it; null when none can be read. */
    public String nextCursor(boolean more) {
        int next = offset + limit;
        if (!more || next >= SearchRepository.MAX_DEPTH) {
            return null;
        }
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + fingerprint + ":" + next + ":" + check(fingerprint, next))
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String cursor, String fingerprint) {
        if (cursor == null) {
            return 0;
        }
        String raw;
        try {
            raw = cursor.length() > 200 ? "" : new String(Base64.getUrlDecoder().decode(cursor),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            raw = "";
        }
        String expected = CURSOR_PREFIX + fingerprint + ":";
        if (!raw.startsWith(CURSOR_PREFIX)) {
            throw new InvalidInputException("cursor", "is not a cursor returned by a previous page of a search");
        }
        if (!raw.startsWith(expected)) {
            throw new InvalidInputException("cursor", "belongs to another search: a cursor is only valid with the"
                    + " query and filters that produced it");
        }
        String position = raw.substring(expected.length());
        int colon = position.indexOf(':');
        String digits = colon < 0 ? "" : position.substring(0, colon);
        if (digits.isEmpty() || digits.length() > 5 || digits.charAt(0) == '0'
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || !position.substring(colon + 1).equals(check(fingerprint, Integer.parseInt(digits)))) {
            throw new InvalidInputException("cursor", "is not a cursor returned by a previous page of a search");
        }
        int offset = Integer.parseInt(digits);
        if (offset < 1 || offset >= SearchRepository.MAX_DEPTH) {
            throw new InvalidInputException("cursor", "is not a cursor returned by a previous page of a search"
                    + " (at most " + SearchRepository.MAX_DEPTH + " hits can be paged through)");
        }
        return offset;
    }

    /**
     * Binds a position to its query, so that a cursor edited by hand (another offset) is refused
     * rather than read from a place no page ended at. Not a secret: it catches mistakes, not forgers.
     */
    private static String check(String fingerprint, int offset) {
        return digest(fingerprint + ":" + offset, 4);
    }

    private static String digest(String text, int bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** Equal for the same terms and filters, so a cursor cannot carry one query's position into another. */
    private static String fingerprint(List<SearchTerm> terms, Set<String> types, Set<String> statuses, Instant from,
                                      Instant before) {
        String canonical = SearchText.canonical(terms) + "\u0000" + String.join("\u0001", new TreeSet<>(types))
                + "\u0000" + String.join("\u0001", new TreeSet<>(statuses))
                + "\u0000" + (from == null ? "" : Times.toMicros(from))
                + "\u0000" + (before == null ? "" : Times.toMicros(before));
        return digest(canonical, 8);
    }
}
