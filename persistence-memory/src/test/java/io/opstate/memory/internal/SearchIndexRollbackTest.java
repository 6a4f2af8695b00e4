package io.opstate.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.PageRequest;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.constructs.ConstructChanges;
import io.opstate.constructs.NewConstruct;
import io.opstate.search.SearchHit;
import io.opstate.search.SearchQuery;
import io.opstate.sessions.NewSession;
import io.opstate.transcripts.NewTranscriptEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The memory store's search index is undone with the writes around it, a rebuild in the transaction included. */
class SearchIndexRollbackTest {
    private final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
    private Datastore store;

    @BeforeEach
    void open() {
        store = Persistence.open(PersistenceConfig.builder("memory:").clock(clock).build());
        store.constructs().create(NewConstruct.of("feature", "active").withId("c1").withTitle("kept title"));
        store.sessions().create(NewSession.of("c1", "running").withId("s1"));
        store.transcripts().append("s1", NewTranscriptEntry.of("user", "kept entry"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<String> found(String text) {
        return store.search().search(SearchQuery.of(text), PageRequest.first()).items().stream()
                .map(hit -> hit.constructId() + "/" + hit.sessionId() + "/" + hit.sequence() + "/" + hit.field())
                .sorted().toList();
    }

    @Test
    void aRebuildInsideAFailedTransactionLeavesTheIndexOfTheStoreAsItIsAfterTheRollback() {
        IllegalStateException failure = new IllegalStateException("boom");
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.transcripts().append("s1", NewTranscriptEntry.of("user", "fresh entry"));
            tx.constructs().update("c1", 1, ConstructChanges.none().withTitle("fresh title"));
            assertThat(tx.search().rebuildIndex()).isEqualTo(3);
            tx.constructs().create(NewConstruct.of("feature", "active").withId("c2").withTitle("fresh too"));
            tx.constructs().delete("c1");
            throw failure;
        })).isSameAs(failure);

        assertThat(found("fresh")).isEmpty();
        assertThat(found("kept")).containsExactly("c1/null/null/TITLE", "c1/s1/1/CONTENT");
        assertThat(store.search().rebuildIndex()).isEqualTo(2);
        assertThat(found("kept")).containsExactly("c1/null/null/TITLE", "c1/s1/1/CONTENT");
    }

    @Test
    void aFailedAppendInsideACommittedTransactionLeavesOnlyWhatCommitted() {
        store.useTransaction(tx -> {
            tx.transcripts().append("s1", NewTranscriptEntry.of("user", "first committed"));
            assertThatThrownBy(() -> tx.transcripts().append("s1", 1, NewTranscriptEntry.of("user", "never written")))
                    .isInstanceOf(io.opstate.SequenceConflictException.class);
            assertThatThrownBy(() -> tx.useTransaction(inner -> {
                inner.transcripts().append("s1", NewTranscriptEntry.of("user", "rolled back inside"));
                throw new IllegalStateException("inner");
            })).isInstanceOf(IllegalStateException.class);
            tx.transcripts().append("s1", NewTranscriptEntry.of("user", "second committed"));
        });
        assertThat(found("committed")).containsExactly("c1/s1/2/CONTENT", "c1/s1/3/CONTENT");
        assertThat(found("never")).isEmpty();
        assertThat(found("inside")).isEmpty();
        List<SearchHit> second = store.search().search(SearchQuery.of("second"), PageRequest.first()).items();
        assertThat(second).singleElement().extracting(SearchHit::sequence).isEqualTo(3L);
    }
}
