package io.opstate.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.search.SearchField;
import io.opstate.search.SearchHit;
import io.opstate.search.SearchQuery;
import io.opstate.search.Snippet;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SearchHitsTest {
    private static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");

    private static Snippet snippet(String text, String query) {
        return SearchHits.snippet(text, SearchText.terms(query));
    }

    private static SearchCandidate construct(String title, String metadata) {
        return new SearchCandidate("c1", "feature", null, null, AT, title, metadata, null);
    }

    private static SearchCandidate entry(long sequence, String content) {
        return new SearchCandidate("c1", "feature", "s1", sequence, AT, null, null, content);
    }

    @Test
    void aShortTextIsShownWholeWithItsMatchesLocated() {
        Snippet snippet = snippet("Deploy failed: connection refused", "refused");
        assertThat(snippet.text()).isEqualTo("Deploy failed: connection refused");
        assertThat(snippet.matches()).containsExactly(new Snippet.Match(26, 33));
        assertThat(snippet("Deploy failed, deploy again", "DEPLOY").toString())
                .isEqualTo("[Deploy] failed, [deploy] again");
        assertThat(snippet("Café crème", "cafe creme").toString()).isEqualTo("[Café] [crème]");
    }

    @Test
    void onlyWholePhrasesAndPrefixesAreMarked() {
        assertThat(snippet("deploy now, deploy failed", "\"deploy failed\"").toString())
                .isEqualTo("deploy now, [deploy] [failed]");
        assertThat(snippet("fail failed failure fa", "fail*").toString()).isEqualTo("[fail] [failed] [failure] fa");
        assertThat(snippet("payment-service up", "payment-serv*").toString()).isEqualTo("[payment]-[service] up");
    }

    @Test
    void aLongTextShowsAWindowAroundTheFirstMatchCutAtBothEnds() {
        String text = IntStream.rangeClosed(1, 60).mapToObj(i -> i == 30 ? "needle" : "w" + i)
                .collect(Collectors.joining(" "));
        String shown = IntStream.rangeClosed(22, 53).mapToObj(i -> i == 30 ? "[needle]" : "w" + i)
                .collect(Collectors.joining(" "));
        assertThat(snippet(text, "needle").toString()).isEqualTo("…" + shown + "…");
        assertThat(snippet(text, "w1").toString()).as("a match at the start").startsWith("[w1] w2 ").endsWith(" w32…");
        assertThat(snippet(text, "w60").toString()).as("a match at the end").isEqualTo("…"
                + IntStream.rangeClosed(52, 60).mapToObj(i -> i == 60 ? "[w60]" : "w" + i).collect(Collectors.joining(" ")));
    }

    @Test
    void longWordsBeforeTheMatchDoNotPushItOut() {
        String word = "a".repeat(30);
        String text = (word + " ").repeat(10) + "needle end";
        Snippet snippet = snippet(text, "needle");
        assertThat(snippet.toString()).isEqualTo("…" + (word + " ").repeat(3) + "[needle] end");
    }

    @Test
    void aFirstMatchLongerThanTheRoomIsShownCut() {
        String text = "x".repeat(1000) + " tail";
        Snippet snippet = snippet(text, "xxx*");
        assertThat(snippet.text()).isEqualTo("x".repeat(SearchHits.MAX_SNIPPET_CHARS) + "…");
        assertThat(snippet.matches()).containsExactly(new Snippet.Match(0, SearchHits.MAX_SNIPPET_CHARS));

        Snippet later = snippet("before " + text, "xxx*");
        assertThat(later.text()).startsWith("before xxx").endsWith("x…").hasSize(SearchHits.MAX_SNIPPET_CHARS + 1);
        assertThat(later.matches()).containsExactly(new Snippet.Match(7, SearchHits.MAX_SNIPPET_CHARS));
    }

    @Test
    void aLongWordAfterTheMatchFillsTheRestOfTheRoom() {
        Snippet snippet = snippet("mango " + "x".repeat(1000) + " tail", "mango");
        assertThat(snippet.text()).isEqualTo("mango " + "x".repeat(SearchHits.MAX_SNIPPET_CHARS - 6) + "…");
        assertThat(snippet.matches()).containsExactly(new Snippet.Match(0, 5));
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String text = "a" + "𠀀".repeat(200);
        Snippet snippet = snippet(text, "a*");
        assertThat(snippet.text()).hasSize(SearchHits.MAX_SNIPPET_CHARS - 1 + 1).endsWith("𠀀…");
        assertThat(snippet.matches()).containsExactly(new Snippet.Match(0, SearchHits.MAX_SNIPPET_CHARS - 1));
    }

    @Test
    void longLeadingTextIsLeftOutShortIsKept() {
        assertThat(snippet(" ".repeat(500) + "needle rest", "needle").toString()).isEqualTo("…[needle] rest");
        assertThat(snippet("-".repeat(SearchHits.MAX_GAP + 1) + "needle", "needle").toString()).isEqualTo("…[needle]");
        assertThat(snippet("-- needle", "needle").toString()).isEqualTo("-- [needle]");
        assertThat(snippet("-".repeat(SearchHits.MAX_GAP) + "needle", "needle").toString())
                .isEqualTo("-".repeat(SearchHits.MAX_GAP) + "[needle]");
    }

    @Test
    void trailingTextIsShownUpToTheRoom() {
        assertThat(snippet("needle!!!", "needle").toString()).isEqualTo("[needle]!!!");
        Snippet snippet = snippet("needle " + "!".repeat(1000), "needle");
        assertThat(snippet.text()).isEqualTo("needle " + "!".repeat(SearchHits.MAX_SNIPPET_CHARS - 7) + "…");
        assertThat(snippet("needle  " + " ".repeat(400) + "far", "needle").text()).startsWith("needle").endsWith("…")
                .doesNotContain("far");
    }

    @Test
    void controlCharactersAreShownAsSpacesKeepingPositions() {
        Snippet snippet = snippet("a\tb\r\nc\u0007d\u2028needle", "needle");
        assertThat(snippet.text()).isEqualTo("a b  c d needle");
        assertThat(snippet.matches()).containsExactly(new Snippet.Match(9, 15));
    }

    @Test
    void withoutAMatchTheStartOfTheText() {
        assertThat(snippet("nothing here", "other").toString()).isEqualTo("nothing here");
        assertThat(snippet("!!! ???", "other").toString()).isEqualTo("!!! ???");
        assertThat(snippet("!".repeat(400), "other").text()).isEqualTo("!".repeat(SearchHits.MAX_SNIPPET_CHARS) + "…");
        assertThat(snippet("", "other").text()).isEmpty();
        assertThat(SearchHits.snippet(null, SearchText.terms("x")).text()).isEmpty();
    }

    @Test
    void aConstructHitNamesTheTitleWhenItHoldsAMatchElseTheMetadata() {
        String metadata = "{\"owner\": \"Zoë\", \"env\": \"production\"}";
        SearchHit inTitle = SearchHits.hit(construct("Deploy production", metadata), SearchText.terms("production"));
        assertThat(inTitle.field()).isEqualTo(SearchField.TITLE);
        assertThat(inTitle.snippet().toString()).isEqualTo("Deploy [production]");
        assertThat(inTitle.sessionId()).isNull();
        assertThat(inTitle.sequence()).isNull();
        assertThat(inTitle.at()).isEqualTo(AT);

        SearchHit inMetadata = SearchHits.hit(construct("Deploy", metadata), SearchText.terms("zoe"));
        assertThat(inMetadata.field()).isEqualTo(SearchField.METADATA);
        assertThat(inMetadata.snippet().toString()).isEqualTo("production [Zoë]");

        SearchHit noTitle = SearchHits.hit(construct(null, metadata), SearchText.terms("production"));
        assertThat(noTitle.field()).isEqualTo(SearchField.METADATA);
        assertThat(noTitle.snippet().toString()).isEqualTo("[production] Zoë");

        SearchHit noMetadata = SearchHits.hit(construct("Deploy", null), SearchText.terms("deploy"));
        assertThat(noMetadata.field()).isEqualTo(SearchField.TITLE);
    }

    @Test
    void anEntryHitNamesItsSessionAndSequence() {
        SearchHit hit = SearchHits.hit(entry(7, "it failed"), SearchText.terms("failed"));
        assertThat(hit).isEqualTo(new SearchHit("c1", "feature", "s1", 7L, SearchField.CONTENT,
                new Snippet("it failed", List.of(new Snippet.Match(3, 9))), AT));
    }

    @Test
    void aPageHoldsAtMostLimitHitsAndACursorOnlyWhenMoreFollow() {
        SearchRequest request = SearchRequest.of(SearchQuery.of("x"), PageRequest.first(2));
        Page<SearchHit> full = SearchHits.page(request, List.of(entry(1, "x"), entry(2, "x"), entry(3, "x")));
        assertThat(full.items()).extracting(SearchHit::sequence).containsExactly(1L, 2L);
        assertThat(full.nextCursor()).isNotNull();
        assertThat(SearchRequest.of(SearchQuery.of("x"), PageRequest.first(2).after(full.nextCursor())).offset())
                .isEqualTo(2);
        Page<SearchHit> last = SearchHits.page(request, List.of(entry(1, "x"), entry(2, "x")));
        assertThat(last.items()).hasSize(2);
        assertThat(last.nextCursor()).isNull();
        assertThat(SearchHits.page(request, List.of()).items()).isEmpty();
    }
}
