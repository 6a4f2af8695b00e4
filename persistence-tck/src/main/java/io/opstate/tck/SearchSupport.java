package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.constructs.NewConstruct;
import io.opstate.search.SearchField;
import io.opstate.search.SearchHit;
import io.opstate.search.SearchQuery;
import io.opstate.sessions.NewSession;
import io.opstate.transcripts.NewTranscriptEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the search contracts share: a few constructs, sessions and entries written one second
 * apart, and hits compared as sets of what they name, because the order of hits (the rank) is the
 * backend's own.
 */
abstract class SearchSupport extends TckSupport {
    static final String C1_METADATA = "{\"owner\": \"Zoë Müller\", \"env\": \"production\", \"count\": 42,"
            + " \"tags\": [\"urgent\", \"billing\"], \"nested\": {\"note\": \"rollback plan ready\"}}";

    /** Times of the fixture's writes: c1, c2, c3, then entries s1#1, s1#2, s1#3, s2#1, s2#2. */
    Instant tC1;
    Instant tC2;
    Instant tC3;
    Instant tS1E1;
    Instant tS1E2;
    Instant tS1E3;
    Instant tS2E1;
    Instant tS2E2;

    /** What a hit names; its snippet and time are checked apart. */
    record Found(String constructId, String sessionId, Long sequence, SearchField field) {
    }

    static Found title(String constructId) {
        return new Found(constructId, null, null, SearchField.TITLE);
    }

    static Found metadata(String constructId) {
        return new Found(constructId, null, null, SearchField.METADATA);
    }

    static Found entry(String constructId, String sessionId, long sequence) {
        return new Found(constructId, sessionId, sequence, SearchField.CONTENT);
    }

    static NewTranscriptEntry said(String content) {
        return NewTranscriptEntry.of("user", content);
    }

    @BeforeEach
    void searchableRun() {
        tC1 = now();
        store.constructs().create(NewConstruct.of("feature", "active").withId("c1")
                .withTitle("Deploy the payment service").withMetadata(C1_METADATA));
        tC2 = advance(Duration.ofSeconds(1));
        store.constructs().create(NewConstruct.of("bug", "closed").withId("c2").withTitle("Login fails after deploy"));
        tC3 = advance(Duration.ofSeconds(1));
        store.constructs().create(NewConstruct.of("feature", "active").withId("c3")
                .withMetadata("{\"release\": \"2.4\", \"hosts\": [\"eu-west\", \"us-east\"]}"));
        store.sessions().create(NewSession.of("c1", "running").withId("s1"));
        store.sessions().create(NewSession.of("c2", "done").withId("s2"));
        tS1E1 = advance(Duration.ofSeconds(1));
        store.transcripts().append("s1", said("Starting the deploy of payment-service v2"));
        tS1E2 = advance(Duration.ofSeconds(1));
        store.transcripts().append("s1", said("Deploy failed: connection refused"));
        tS1E3 = advance(Duration.ofSeconds(1));
        store.transcripts().append("s1", said("Café crème, résumé ready"));
        tS2E1 = advance(Duration.ofSeconds(1));
        store.transcripts().append("s2", said("Reproduced the login failure"));
        tS2E2 = advance(Duration.ofSeconds(1));
        store.transcripts().append("s2", said("Fixed it; deploy again"));
        advance(Duration.ofSeconds(1));
    }

    /** Every hit of {@code query}, read page by page; fails on a hit seen twice. */
    Set<Found> found(SearchQuery query) {
        return found(all(query, 100));
    }

    Set<Found> found(String text) {
        return found(SearchQuery.of(text));
    }

    static Set<Found> found(List<SearchHit> hits) {
        Set<Found> found = new HashSet<>();
        for (SearchHit hit : hits) {
            assertThat(found.add(new Found(hit.constructId(), hit.sessionId(), hit.sequence(), hit.field())))
                    .as("hit seen twice: %s", hit).isTrue();
        }
        return found;
    }

    /** Every hit of {@code query}, following cursors with pages of {@code limit}. */
    List<SearchHit> all(SearchQuery query, int limit) {
        List<SearchHit> hits = new ArrayList<>();
        Page<SearchHit> page = store.search().search(query, PageRequest.first(limit));
        hits.addAll(page.items());
        while (page.hasMore()) {
            assertThat(page.items()).as("a page before the last is full").hasSize(limit);
            page = store.search().search(query, PageRequest.first(limit).after(page.nextCursor()));
            hits.addAll(page.items());
        }
        return hits;
    }

    /** The only hit of {@code text}; fails when there is not exactly one. */
    SearchHit only(String text) {
        List<SearchHit> hits = store.search().search(SearchQuery.of(text), PageRequest.first()).items();
        assertThat(hits).as("hits of %s", text).hasSize(1);
        return hits.get(0);
    }
}
