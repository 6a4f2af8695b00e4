package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.NotFoundException;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.constructs.NewConstruct;
import io.opstate.sessions.NewSession;
import io.opstate.sessions.Session;
import io.opstate.sessions.SessionChanges;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import io.opstate.transcripts.TranscriptRepository;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Deleting a construct takes its sessions, their checkpoints and transcripts: once the delete
 * returns nothing of them is visible, whenever the rows themselves are purged; a deleted
 * session's id is free again; other constructs keep everything.
 */
public abstract class ConstructDeletionContract extends TckSupport {
    /** Rows of construct c1's sessions: entries and checkpoints. */
    private static final int C1_ROWS = 5 + 1 + 2 + 1;

    @BeforeEach
    void agentRun() {
        store.constructs().create(NewConstruct.of("feature", "active").withId("c1"));
        store.constructs().create(NewConstruct.of("feature", "active").withId("c2"));
        store.constructs().link("c1", "handoff", "c2", null);
        store.sessions().create(NewSession.of("c1", "running").withId("s1"));
        store.sessions().create(NewSession.of("c1", "done").withId("s2"));
        store.sessions().create(NewSession.of("c2", "running").withId("kept"));
        store.transcripts().appendAll("s1", IntStream.range(0, 5).mapToObj(i -> said("m" + i)).toList());
        store.sessions().saveState("s1", 0, "{\"step\": 1}");
        store.sessions().saveState("s1", 1, "{\"step\": 2}");
        store.transcripts().append("s2", said("only"));
        store.sessions().saveState("s2", 0, "{}");
        store.transcripts().append("kept", said("mine"));
        store.sessions().saveState("kept", 0, "{\"mine\": true}");
    }

    private static NewTranscriptEntry said(String content) {
        return NewTranscriptEntry.of("user", content);
    }

    @Test
    @DisplayName("delete: the construct's sessions, checkpoints and transcripts are gone at once; other constructs keep theirs")
    void deleteTakesEverything() {
        assertThat(store.constructs().delete("c1")).isTrue();

        for (String session : List.of("s1", "s2")) {
            assertThat(store.sessions().find(session)).isEmpty();
            assertNotFound(() -> store.sessions().get(session));
            assertNotFound(() -> store.sessions().update(session, 1, SessionChanges.none()));
            assertNotFound(() -> store.sessions().saveState(session, 1, "{}"));
            assertNotFound(() -> store.sessions().latestState(session));
            assertNotFound(() -> store.sessions().checkpoints(session));
            assertNotFound(() -> store.transcripts().read(session, 0, 10));
            assertNotFound(() -> store.transcripts().last(session, 10));
            assertNotFound(() -> store.transcripts().count(session));
            assertNotFound(() -> store.transcripts().stream(session).count());
            assertNotFound(() -> store.transcripts().append(session, said("late")));
        }
        assertThat(store.sessions().list("c1", PageRequest.first()).items()).isEmpty();
        assertThat(store.sessions().stream("c1", SortOrder.OLDEST_FIRST)).isEmpty();
        assertThat(store.constructs().find("c1")).isEmpty();
        assertThat(store.constructs().incoming("c2", null)).isEmpty();
        assertNotFound(() -> store.sessions().create(NewSession.of("c1", "running").withId("s3")));

        assertThat(store.sessions().list("c2", PageRequest.first()).items()).extracting(Session::id)
                .containsExactly("kept");
        assertThat(store.transcripts().read("kept", 0, 10)).extracting(TranscriptEntry::content).containsExactly("mine");
        assertThat(store.sessions().checkpoints("kept")).hasSize(1);
        assertThat(store.constructs().delete("c1")).isFalse();
    }

    @Test
    @DisplayName("a deleted session's id is free at once: a new session of that id starts empty")
    void idsAreFree() {
        store.constructs().delete("c1");
        Session reused = store.sessions().create(NewSession.of("c2", "running").withId("s1"));
        assertThat(reused.lastSequence()).isZero();
        assertThat(reused.stateVersion()).isZero();
        assertThat(store.transcripts().count("s1")).isZero();
        assertThat(store.transcripts().read("s1", 0, 100)).isEmpty();
        assertThat(store.sessions().latestState("s1")).isEmpty();
        assertThat(store.sessions().checkpoints("s1")).isEmpty();
        assertThat(store.transcripts().append("s1", said("new")).sequence()).isEqualTo(1);
        assertThat(store.transcripts().stream("s1")).extracting(TranscriptEntry::content).containsExactly("new");
        assertThat(store.sessions().saveState("s1", 0, "{}").version()).isEqualTo(1);
        assertThat(store.sessions().checkpoints("s1")).hasSize(1);
    }

    @Test
    @DisplayName("inside a transaction: the delete is seen at once, an id is free, purgeDeleted() counts what it removed")
    void inTransaction() {
        long purged = store.inTransaction(transaction -> {
            assertThat(transaction.constructs().delete("c1")).isTrue();
            assertThatThrownBy(() -> transaction.transcripts().count("s1")).isInstanceOf(NotFoundException.class);
            Session reused = transaction.sessions().create(NewSession.of("c2", "running").withId("s2"));
            assertThat(transaction.transcripts().count(reused.id())).isZero();
            assertThat(transaction.sessions().checkpoints(reused.id())).isEmpty();
            return transaction.constructs().purgeDeleted();
        });
        // s2's rows went with its id's reuse; the memory store removes everything at the delete.
        assertThat(purged).isIn(0L, (long) C1_ROWS - 2);
        store.constructs().purgeDeleted();
        assertThat(store.constructs().purgeDeleted()).isZero();
        assertThat(store.transcripts().count("s2")).isZero();
        assertThat(store.sessions().find("s1")).isEmpty();
    }

    @Test
    @DisplayName("a transcript longer than one purge batch is gone whole; its id then starts empty")
    void longTranscript() {
        int total = 12_345;
        for (int from = 0; from < total; from += TranscriptRepository.MAX_ENTRIES) {
            int to = Math.min(total, from + TranscriptRepository.MAX_ENTRIES);
            store.transcripts().appendAll("s1", IntStream.range(from, to).mapToObj(i -> said("m" + i)).toList());
        }
        assertThat(store.transcripts().count("s1")).isEqualTo(total + 5);
        store.constructs().delete("c1");
        assertNotFound(() -> store.transcripts().read("s1", 12_000, 10));
        store.constructs().purgeDeleted();
        assertThat(store.constructs().purgeDeleted()).isZero();
        store.sessions().create(NewSession.of("c2", "running").withId("s1"));
        assertThat(store.transcripts().read("s1", 0, 1000)).isEmpty();
        assertThat(store.transcripts().last("s1", 1000)).isEmpty();
    }

    private static void assertNotFound(Executable call) {
        assertThatThrownBy(call::execute).isInstanceOf(NotFoundException.class);
    }
}
