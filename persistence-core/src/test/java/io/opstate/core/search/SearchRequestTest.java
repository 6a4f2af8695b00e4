package io.opstate.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.InvalidInputException;
import io.opstate.PageRequest;
import io.opstate.search.SearchQuery;
import io.opstate.search.SearchRepository;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchRequestTest {
    private static final SearchQuery QUERY = SearchQuery.of("deploy failed");

    private static void assertRefused(String field, SearchQuery query, PageRequest page) {
        assertThatThrownBy(() -> SearchRequest.of(query, page)).as("%s %s", query, page).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo(field);
    }

    private static String decoded(String cursor) {
        return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    }

    private static String encoded(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void firstPageStartsAtZero() {
        SearchRequest request = SearchRequest.of(QUERY.withTypes("bug").withStatuses("open"), PageRequest.first(20));
        assertThat(request.offset()).isZero();
        assertThat(request.limit()).isEqualTo(20);
        assertThat(request.terms()).containsExactly(new SearchTerm(List.of("deploy"), false),
                new SearchTerm(List.of("failed"), false));
        assertThat(request.types()).containsExactly("bug");
        assertThat(request.statuses()).containsExactly("open");
    }

    @Test
    void aCursorRoundTripsToTheNextOffset() {
        SearchRequest first = SearchRequest.of(QUERY, PageRequest.first(20));
        String cursor = first.nextCursor(true);
        SearchRequest second = SearchRequest.of(QUERY, PageRequest.first(5).after(cursor));
        assertThat(second.offset()).isEqualTo(20);
        assertThat(second.limit()).isEqualTo(5);
        assertThat(SearchRequest.of(QUERY, PageRequest.first(5).after(second.nextCursor(true))).offset())
                .isEqualTo(25);
        assertThat(first.nextCursor(false)).as("no more hits, no cursor").isNull();
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void theSameQueryWrittenOtherwiseTakesTheCursor() {
        String cursor = SearchRequest.of(QUERY.withTypes("a", "b"), PageRequest.first(10)).nextCursor(true);
        SearchQuery same = SearchQuery.of("FAILED  déploy failed").withTypes("b", "a");
        assertThat(SearchRequest.of(same, PageRequest.first(10).after(cursor)).offset()).isEqualTo(10);
    }

    @Test
    void aCursorOfAnotherQueryIsRefusedNamingCursor() {
        String cursor = SearchRequest.of(QUERY, PageRequest.first(10)).nextCursor(true);
        Instant t = Instant.parse("2030-01-01T00:00:00Z");
        for (SearchQuery other : List.of(SearchQuery.of("deploy"), SearchQuery.of("\"deploy failed\""),
                SearchQuery.of("deploy failed*"), QUERY.withTypes("bug"), QUERY.withStatuses("open"),
                QUERY.between(t, null), QUERY.between(null, t))) {
            assertRefused("cursor", other, PageRequest.first(10).after(cursor));
        }
        assertThatThrownBy(() -> SearchRequest.of(SearchQuery.of("deploy"), PageRequest.first(10).after(cursor)))
                .hasMessageContaining("another search");
    }

    @Test
    void garbageAndForgedCursorsAreRefusedNamingCursor() {
        String cursor = SearchRequest.of(QUERY, PageRequest.first(10)).nextCursor(true);
        String raw = decoded(cursor);
        String fingerprint = raw.split(":")[1];
        List<String> refused = List.of("", "x", "!!!", "search:", encoded("search:"), encoded("search:x:10"),
                encoded(raw.replace(":10:", ":11:")), encoded(raw.replace(":10:", ":010:")),
                encoded("search:" + fingerprint + ":10"), encoded("search:" + fingerprint + ":10:"),
                encoded(raw + "0"), encoded(raw + ":"), encoded("search:" + fingerprint + ":-1:x"),
                encoded("search:" + fingerprint + ":99999999999:x"), cursor.substring(0, cursor.length() - 2),
                "a".repeat(201), encoded("page:" + raw), "\u0000", "é");
        for (String bad : refused) {
            assertRefused("cursor", QUERY, PageRequest.first(10).after(bad));
        }
    }

    @Test
    void pagingStopsAtMaxDepth() {
        SearchRequest request = SearchRequest.of(QUERY, PageRequest.first(1000));
        int pages = 0;
        while (true) {
            String next = request.nextCursor(true);
            if (next == null) {
                break;
            }
            request = SearchRequest.of(QUERY, PageRequest.first(1000).after(next));
            pages++;
        }
        assertThat(pages).isEqualTo(SearchRepository.MAX_DEPTH / 1000 - 1);
        assertThat(request.offset() + request.limit()).isEqualTo(SearchRepository.MAX_DEPTH);

        SearchRequest deep = SearchRequest.of(QUERY, PageRequest.first(7));
        for (int i = 0; i < SearchRepository.MAX_DEPTH / 7; i++) {
            deep = SearchRequest.of(QUERY, PageRequest.first(7).after(deep.nextCursor(true)));
        }
        assertThat(deep.offset()).isEqualTo(SearchRepository.MAX_DEPTH / 7 * 7);
        assertThat(deep.limit()).as("the last page reaches MAX_DEPTH exactly")
                .isEqualTo(SearchRepository.MAX_DEPTH - deep.offset());
        assertThat(deep.nextCursor(true)).isNull();
    }

    @Test
    void badFieldsAreRefusedByName() {
        assertRefused("query", null, PageRequest.first());
        assertRefused("page", QUERY, null);
        assertRefused("limit", QUERY, PageRequest.first(0));
        assertRefused("limit", QUERY, PageRequest.first(PageRequest.MAX_LIMIT + 1));
        assertRefused("text", SearchQuery.of(null), PageRequest.first());
        assertRefused("text", SearchQuery.of("!"), PageRequest.first());
        assertRefused("types", QUERY.withTypes((String) null), PageRequest.first());
        assertRefused("statuses", QUERY.withStatuses(" "), PageRequest.first());
        assertRefused("from", QUERY.between(Instant.MIN, null), PageRequest.first());
        assertRefused("before", QUERY.between(null, Instant.MAX), PageRequest.first());
    }
}
