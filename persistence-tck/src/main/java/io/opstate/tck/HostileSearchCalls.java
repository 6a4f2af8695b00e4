package io.opstate.tck;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.core.search.SearchRequest;
import io.opstate.search.SearchHit;
import io.opstate.search.SearchQuery;
import io.opstate.search.SearchRepository;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The search entry point with hostile queries (text in the database's own query syntax, quotes,
 * stars, huge text; odd filters) and pages (limits, cursors forged from a real one). Whatever
 * passes validation returns a page of the seeded construct's hits, never an error of the database.
 */
final class HostileSearchCalls {
    /** A word of the seeded session's first entry. */
    private static final String SEEDED_WORD = "hello";
    /** Text in the syntax of FTS5, tsquery or SQL, which must mean nothing here. */
    private static final String[] QUERY_SYNTAX = {"\"", "\"hello", "hello\"*", "*", "hello*", "h*llo", "**",
        "NEAR(hello hi)", "NEAR/2", "hello OR hi", "hello AND NOT hi", "-hello", "+hello", "^hello", "hello:*",
        "content:hello", "{hello hi}", "(", ")", "\"\"", "'", "''", "\\", "%", "_", "hello & hi", "hello | !hi",
        "hello <-> hi", "hello'; DROP TABLE x; --", "\u0000hello", "😀hello😀", "\uD800", "\u0301"};

    private HostileSearchCalls() {
    }

    static Map<String, Function<HostileRecords, HostileCall>> all() {
        Map<String, Function<HostileRecords, HostileCall>> calls = new LinkedHashMap<>();
        calls.put("search().search", r -> {
            HostileRecords.Plan plan = r.arguments(2);
            Hostile<SearchQuery> query = plan.argument(0, () -> query(r), Hostile.of(SearchQuery.of(SEEDED_WORD),
                    "a seeded word"));
            Hostile<PageRequest> page = plan.argument(1, () -> r.page(realCursor(), false),
                    Hostile.of(PageRequest.first(2), "first page of 2"));
            return HostileCall.reading("search(" + query + ", " + page + ")",
                    s -> s.search().search(query.value(), page.value()),
                    Outcome.returns("a page of the seeded construct's hits", result -> ofSeededConstruct(result,
                            page.value())));
        });
        return calls;
    }

    /** The cursor of the second page of the valid query, one hit a page. */
    private static String realCursor() {
        return SearchRequest.of(SearchQuery.of(SEEDED_WORD), PageRequest.first(1)).nextCursor(true);
    }

    private static boolean ofSeededConstruct(Object result, PageRequest page) {
        Page<?> hits = (Page<?>) result;
        return hits.items().size() <= page.limit() && hits.items().stream()
                .allMatch(hit -> HostileSeed.CONSTRUCT.equals(((SearchHit) hit).constructId()));
    }

    /** A query built through the public builders, hostile fields included. */
    private static Hostile<SearchQuery> query(HostileRecords r) {
        if (r.values().chance(10)) {
            return Hostile.of(null, "null query");
        }
        HostileRecords.Plan plan = r.arguments(5);
        String text = plan.field(0, "text", () -> text(r), SEEDED_WORD);
        Set<String> types = plan.field(1, "types", r.values()::names, null);
        Set<String> statuses = plan.field(2, "statuses", r.values()::names, null);
        Instant from = plan.field(3, "from", r.values()::instant, null);
        Instant before = plan.field(4, "before", r.values()::instant, null);
        SearchQuery query = SearchQuery.of(text)
                .withTypes(types == null ? null : types.toArray(String[]::new))
                .withStatuses(statuses == null ? null : statuses.toArray(String[]::new))
                .between(from, before);
        return Hostile.of(query, "SearchQuery(" + plan.label() + ")");
    }

    private static Hostile<String> text(HostileRecords r) {
        return switch (r.values().random().nextInt(4)) {
            case 0 -> Hostile.of(r.values().oneOf(QUERY_SYNTAX), "query syntax");
            case 1 -> {
                int length = r.values().oneOf(SearchRepository.MAX_QUERY_LENGTH, SearchRepository.MAX_QUERY_LENGTH + 1,
                        100 * 1024);
                yield Hostile.of("hello ".repeat(length / 6 + 1).substring(0, length), length + " chars of words");
            }
            case 2 -> {
                int words = r.values().oneOf(SearchRepository.MAX_QUERY_WORDS, SearchRepository.MAX_QUERY_WORDS + 1);
                yield Hostile.of("hello-".repeat(words - 1) + "hello", words + " words as one phrase");
            }
            default -> r.values().text();
        };
    }
}
