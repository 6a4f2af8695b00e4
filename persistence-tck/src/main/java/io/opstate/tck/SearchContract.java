package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.search.SearchField;
import io.opstate.search.SearchHit;
import io.opstate.search.SearchQuery;
import io.opstate.search.SearchRepository;
import io.opstate.search.Snippet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a search finds: the same set of hits on every backend for words, phrases, prefixes, any
 * case and accents, in titles, metadata strings and transcript content, filtered by type, status
 * and time, paged with cursors; with snippets made alike everywhere. The order of hits is the
 * backend's rank and is not compared.
 */
public abstract class SearchContract extends SearchSupport {

    @Test
    @DisplayName("a word: found in titles and in entries, nowhere else")
    void word() {
        assertThat(found("deploy")).containsExactlyInAnyOrder(title("c1"), title("c2"), entry("c1", "s1", 1),
                entry("c1", "s1", 2), entry("c2", "s2", 2));
        assertThat(found("refused")).containsExactly(entry("c1", "s1", 2));
        assertThat(found("absent")).isEmpty();
        assertThat(found("deplo")).as("a word is not a prefix unless asked").isEmpty();
        assertThat(found("deploys")).isEmpty();
    }

    @Test
    @DisplayName("several words: every one must be in the same text, in any order, anywhere")
    void allWords() {
        assertThat(found("deploy failed")).containsExactly(entry("c1", "s1", 2));
        assertThat(found("refused DEPLOY")).containsExactly(entry("c1", "s1", 2));
        assertThat(found("deploy connection")).containsExactly(entry("c1", "s1", 2));
        assertThat(found("deploy login")).containsExactly(title("c2"));
        assertThat(found("deploy refused absent")).isEmpty();
        assertThat(found("login failure")).containsExactly(entry("c2", "s2", 1));
    }

    @Test
    @DisplayName("a quoted phrase: its words next to each other, in order")
    void phrase() {
        assertThat(found("\"deploy failed\"")).containsExactly(entry("c1", "s1", 2));
        assertThat(found("\"failed deploy\"")).as("order matters").isEmpty();
        assertThat(found("\"deploy connection\"")).as("the words must be adjacent").isEmpty();
        assertThat(found("\"payment service\"")).containsExactlyInAnyOrder(title("c1"), entry("c1", "s1", 1));
        assertThat(found("\"the deploy\" starting")).containsExactly(entry("c1", "s1", 1));
        assertThat(found("\"Deploy the\" \"payment service\"")).containsExactly(title("c1"));
    }

    @Test
    @DisplayName("words joined by punctuation are a phrase: foo-bar is \"foo bar\"")
    void joinedWords() {
        assertThat(found("payment-service")).containsExactlyInAnyOrder(title("c1"), entry("c1", "s1", 1));
        assertThat(found("service-payment")).isEmpty();
        assertThat(found("eu-west")).containsExactly(metadata("c3"));
        assertThat(found("eu_west")).containsExactly(metadata("c3"));
        assertThat(found("west-eu")).isEmpty();
        assertThat(found("2.4")).containsExactly(metadata("c3"));
    }

    @Test
    @DisplayName("word*: every word starting with it; in a phrase, its last word")
    void prefix() {
        assertThat(found("fail*")).containsExactlyInAnyOrder(title("c2"), entry("c1", "s1", 2), entry("c2", "s2", 1));
        assertThat(found("deplo*")).isEqualTo(found("deploy"));
        assertThat(found("deploy*")).isEqualTo(found("deploy"));
        assertThat(found("deploy fail*")).containsExactlyInAnyOrder(title("c2"), entry("c1", "s1", 2));
        assertThat(found("\"payment serv*\"")).containsExactlyInAnyOrder(title("c1"), entry("c1", "s1", 1));
        assertThat(found("\"payment serv\"*")).containsExactlyInAnyOrder(title("c1"), entry("c1", "s1", 1));
        assertThat(found("\"payment serv\"")).isEmpty();
        assertThat(found("zz*")).isEmpty();
    }

    @Test
    @DisplayName("case and accents do not matter, in the query or in the text")
    void caseAndAccents() {
        assertThat(found("CAFE CREME")).containsExactly(entry("c1", "s1", 3));
        assertThat(found("café")).containsExactly(entry("c1", "s1", 3));
        assertThat(found("resume")).containsExactly(entry("c1", "s1", 3));
        assertThat(found("RÉSUMÉ")).containsExactly(entry("c1", "s1", 3));
        assertThat(found("zoe muller")).containsExactly(metadata("c1"));
        assertThat(found("ZOË")).containsExactly(metadata("c1"));
        assertThat(found("Caf*")).containsExactly(entry("c1", "s1", 3));
    }

    @Test
    @DisplayName("metadata: its string values at any depth and in arrays, not its keys, not its numbers")
    void metadataStrings() {
        assertThat(found("production")).containsExactly(metadata("c1"));
        assertThat(found("urgent billing")).containsExactly(metadata("c1"));
        assertThat(found("\"rollback plan\"")).containsExactly(metadata("c1"));
        assertThat(found("us-east")).containsExactly(metadata("c3"));
        assertThat(found("owner")).as("a key").isEmpty();
        assertThat(found("nested")).as("a key").isEmpty();
        assertThat(found("tags")).as("a key").isEmpty();
        assertThat(found("42")).as("a number").isEmpty();
        assertThat(found("release")).as("a key").isEmpty();
    }

    @Test
    @DisplayName("a construct's title and metadata are one text: a hit names TITLE when the title holds a match")
    void titleOrMetadata() {
        assertThat(found("deploy production")).containsExactly(title("c1"));
        assertThat(found("payment ready")).containsExactlyInAnyOrder(title("c1"));
        assertThat(found("ready")).containsExactlyInAnyOrder(metadata("c1"), entry("c1", "s1", 3));
        assertThat(found("payment")).containsExactlyInAnyOrder(title("c1"), entry("c1", "s1", 1));
    }

    @Test
    @DisplayName("a hit names its construct's type, and the time of the entry or of the construct's creation")
    void hitFields() {
        SearchHit entry = only("refused");
        assertThat(entry.constructId()).isEqualTo("c1");
        assertThat(entry.constructType()).isEqualTo("feature");
        assertThat(entry.sessionId()).isEqualTo("s1");
        assertThat(entry.sequence()).isEqualTo(2L);
        assertThat(entry.field()).isEqualTo(SearchField.CONTENT);
        assertThat(entry.at()).isEqualTo(tS1E2);

        SearchHit construct = only("login fails");
        assertThat(construct.constructId()).isEqualTo("c2");
        assertThat(construct.constructType()).isEqualTo("bug");
        assertThat(construct.sessionId()).isNull();
        assertThat(construct.sequence()).isNull();
        assertThat(construct.field()).isEqualTo(SearchField.TITLE);
        assertThat(construct.at()).isEqualTo(tC2);
    }

    @Test
    @DisplayName("filters: by construct type, by status, by time [from, before), together")
    void filters() {
        SearchQuery deploy = SearchQuery.of("deploy");
        assertThat(found(deploy.withTypes("bug"))).containsExactlyInAnyOrder(title("c2"), entry("c2", "s2", 2));
        assertThat(found(deploy.withTypes("bug", "feature"))).isEqualTo(found(deploy));
        assertThat(found(deploy.withTypes("other"))).isEmpty();
        assertThat(found(deploy.withStatuses("active"))).containsExactlyInAnyOrder(title("c1"),
                entry("c1", "s1", 1), entry("c1", "s1", 2));
        assertThat(found(deploy.withStatuses("closed", "gone"))).containsExactlyInAnyOrder(title("c2"),
                entry("c2", "s2", 2));
        assertThat(found(deploy.withTypes("bug").withStatuses("active"))).isEmpty();

        assertThat(found(deploy.between(tS1E1, tS2E2))).containsExactlyInAnyOrder(entry("c1", "s1", 1),
                entry("c1", "s1", 2));
        assertThat(found(deploy.between(tS1E1, tS2E2.plusNanos(1000)))).containsExactlyInAnyOrder(
                entry("c1", "s1", 1), entry("c1", "s1", 2), entry("c2", "s2", 2));
        assertThat(found(deploy.between(null, tC2))).containsExactly(title("c1"));
        assertThat(found(deploy.between(tC2, null))).containsExactlyInAnyOrder(title("c2"), entry("c1", "s1", 1),
                entry("c1", "s1", 2), entry("c2", "s2", 2));
        assertThat(found(deploy.between(tS2E2.plusSeconds(1), null))).isEmpty();
        assertThat(found(deploy.withTypes("feature").between(tS1E2, null))).containsExactly(entry("c1", "s1", 2));
    }

    @Test
    @DisplayName("paging: every hit once, whatever the page size; the last page has no cursor")
    void paging() {
        store.transcripts().appendAll("s1", IntStream.range(0, 30).mapToObj(i -> said("alpha item " + i)).toList());
        Set<Found> expected = IntStream.range(0, 30).mapToObj(i -> entry("c1", "s1", 4 + i)).collect(Collectors.toSet());
        for (int limit : List.of(1, 7, 10, 29, 30, 31, 1000)) {
            List<SearchHit> hits = all(SearchQuery.of("alpha"), limit);
            assertThat(hits).as("limit %d", limit).hasSize(30);
            assertThat(found(hits)).as("limit %d", limit).isEqualTo(expected);
        }
        Page<SearchHit> whole = store.search().search(SearchQuery.of("alpha"), PageRequest.first(30));
        assertThat(whole.items()).hasSize(30);
        assertThat(whole.nextCursor()).isNull();
        Page<SearchHit> first = store.search().search(SearchQuery.of("alpha"), PageRequest.first(29));
        assertThat(first.nextCursor()).isNotNull();
        assertThat(store.search().search(SearchQuery.of("item alpha 7"), PageRequest.first(10)).items())
                .extracting(SearchHit::sequence).containsExactly(11L);
    }

    @Test
    @DisplayName("paging: the same query read twice gives the same hits in the same order")
    void stableOrder() {
        store.transcripts().appendAll("s1", IntStream.range(0, 12).mapToObj(i -> said("beta " + i % 3)).toList());
        List<SearchHit> once = all(SearchQuery.of("beta"), 5);
        assertThat(all(SearchQuery.of("beta"), 5)).isEqualTo(once);
        assertThat(all(SearchQuery.of("beta"), 12)).isEqualTo(once);
    }

    @Test
    @DisplayName("a cursor is only valid for its own query and filters; forged or garbage ones are refused naming cursor")
    void cursorOfAnotherQuery() {
        store.transcripts().appendAll("s1", IntStream.range(0, 5).mapToObj(i -> said("gamma " + i)).toList());
        String cursor = store.search().search(SearchQuery.of("gamma"), PageRequest.first(2)).nextCursor();
        assertThat(cursor).isNotNull();
        assertThat(store.search().search(SearchQuery.of("GAMMA"), PageRequest.first(2).after(cursor)).items())
                .as("the same words mean the same query").hasSize(2);
        assertRejected("cursor", () -> store.search().search(SearchQuery.of("gamma 1"), PageRequest.first(2).after(cursor)));
        assertRejected("cursor", () -> store.search().search(SearchQuery.of("gamma*"), PageRequest.first(2).after(cursor)));
        assertRejected("cursor", () -> store.search().search(SearchQuery.of("gamma").withTypes("feature"),
                PageRequest.first(2).after(cursor)));
        assertRejected("cursor", () -> store.search().search(SearchQuery.of("gamma").between(tC1, null),
                PageRequest.first(2).after(cursor)));
        for (String garbage : List.of("", "x", "not a cursor", cursor + "x", cursor.substring(1), "search:0",
                "c2VhcmNoOg", "\u0000", "x".repeat(100_000))) {
            assertRejected("cursor", () -> store.search().search(SearchQuery.of("gamma"),
                    PageRequest.first(2).after(garbage)));
        }
        String otherStoresCursor = store.constructs().list(io.opstate.constructs.ConstructQuery.all(),
                PageRequest.first(1)).nextCursor();
        assertRejected("cursor", () -> store.search().search(SearchQuery.of("gamma"),
                PageRequest.first(2).after(otherStoresCursor)));
    }

    @Test
    @DisplayName("bad queries and pages are refused naming the field")
    void refused() {
        assertRejected("query", () -> store.search().search(null, PageRequest.first()));
        assertRejected("page", () -> store.search().search(SearchQuery.of("deploy"), null));
        assertRejected("limit", () -> store.search().search(SearchQuery.of("deploy"), PageRequest.first(0)));
        assertRejected("text", () -> store.search().search(SearchQuery.of(null), PageRequest.first()));
        assertRejected("types", () -> store.search().search(SearchQuery.of("deploy").withTypes("feature", null),
                PageRequest.first()));
        assertRejected("statuses", () -> store.search().search(SearchQuery.of("deploy").withStatuses(""),
                PageRequest.first()));
        String words33 = IntStream.range(0, SearchRepository.MAX_QUERY_WORDS + 1).mapToObj(i -> "w" + i)
                .collect(Collectors.joining(" "));
        assertRejected("text", () -> store.search().search(SearchQuery.of(words33), PageRequest.first()));
        String words32 = IntStream.range(0, SearchRepository.MAX_QUERY_WORDS).mapToObj(i -> "w" + i)
                .collect(Collectors.joining(" "));
        assertThat(found(words32)).isEmpty();
    }

    @Test
    @DisplayName("snippets: the text around the first match, every match located, alike on every backend")
    void snippets() {
        assertSnippet(only("refused").snippet(), "Deploy failed: connection [refused]");
        assertThat(only("refused").snippet().matches()).containsExactly(new Snippet.Match(26, 33));
        assertSnippet(only("\"deploy failed\"").snippet(), "[Deploy] [failed]: connection refused");
        assertSnippet(only("cafe").snippet(), "[Café] crème, résumé ready");
        assertSnippet(only("production").snippet(), "[production] rollback plan ready Zoë Müller urgent billing");
        assertSnippet(only("login fails").snippet(), "[Login] [fails] after deploy");
        assertSnippet(only("fixed deplo*").snippet(), "[Fixed] it; [deploy] again");
        assertThat(store.search().search(SearchQuery.of("payment"), PageRequest.first()).items())
                .extracting(hit -> hit.snippet().toString())
                .containsExactlyInAnyOrder("Deploy the [payment] service", "Starting the deploy of [payment]-service v2");
    }

    @Test
    @DisplayName("snippets of long texts: a window of words around the first match, … where cut, controls as spaces")
    void longSnippets() {
        String text = IntStream.rangeClosed(1, 60).mapToObj(i -> i == 30 ? "needle" : "w" + i)
                .collect(Collectors.joining(" "));
        store.transcripts().append("s2", said(text));
        String shown = IntStream.rangeClosed(22, 53).mapToObj(i -> i == 30 ? "[needle]" : "w" + i)
                .collect(Collectors.joining(" "));
        assertSnippet(only("needle").snippet(), "…" + shown + "…");

        store.transcripts().append("s2", said("first\tline\r\nsecond\u0007kiwi line"));
        assertSnippet(only("kiwi").snippet(), "first line  second [kiwi] line");

        store.transcripts().append("s2", said("mango " + "x".repeat(1000) + " tail"));
        Snippet mango = only("mango").snippet();
        assertThat(mango.text()).isEqualTo("mango " + "x".repeat(314) + "…");
        assertThat(mango.matches()).containsExactly(new Snippet.Match(0, 5));

        store.transcripts().append("s2", said(" ".repeat(40) + "papaya end"));
        assertSnippet(only("papaya").snippet(), "…[papaya] end");
        store.transcripts().append("s2", said("y".repeat(500)));
        Snippet longMatch = only("yyy*").snippet();
        assertThat(longMatch.text()).isEqualTo("y".repeat(320) + "…");
        assertThat(longMatch.matches()).containsExactly(new Snippet.Match(0, 320));
    }

    static void assertSnippet(Snippet snippet, String marked) {
        assertThat(snippet.toString()).isEqualTo(marked);
        assertThat(snippet.text()).isEqualTo(marked.replace("[", "").replace("]", ""));
    }
}
