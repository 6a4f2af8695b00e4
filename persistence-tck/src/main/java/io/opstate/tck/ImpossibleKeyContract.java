package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.NotFoundException;
import io.opstate.PageRequest;
import io.opstate.constructs.NewConstruct;
import io.opstate.executions.NewExecution;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.NewJob;
import io.opstate.pipelines.NewPipeline;
import io.opstate.schedules.NewSchedule;
import io.opstate.sessions.NewSession;
import io.opstate.transcripts.NewTranscriptEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reads by a key no record can have (one a create refuses: blank, too long, holding a control
 * character, NUL or an unpaired surrogate) find nothing, as an unknown key does: {@code find} is
 * empty and {@code get} throws {@link NotFoundException}, never {@link io.opstate.InvalidInputException},
 * so a host can pass a key from a request straight through. A null key is the caller's mistake
 * and stays refused (checked by the invalid-input contracts).
 */
public abstract class ImpossibleKeyContract extends TckSupport {
    /** Keys no record can have, each for its own reason. */
    private static final List<String> IMPOSSIBLE = List.of("", " ", "\t", "x".repeat(201), "a\u0000b", "a\nb",
            "a\u0001", "\uD800", "\u001B[31mred", "x".repeat(100_000));
    /** The longest key a record can have, and none has. */
    private static final String LONGEST_UNKNOWN = "k".repeat(200);

    @BeforeEach
    void seed() {
        jobs().create(NewJob.of("t").withId("j1"));
        pipelines().create(NewPipeline.of("p1", "{}"));
        schedules().create(NewSchedule.of("hourly", "p1", "0 * * * *").withId("s1"));
        executions().start(NewExecution.of("p1", "alice").withId("e1"));
        history().append(NewHistoryEvent.of("seeded"));
        store.constructs().create(NewConstruct.of("plan", "draft").withId("c1"));
        store.constructs().create(NewConstruct.of("plan", "draft").withId("c2"));
        store.constructs().link("c1", "next", "c2", null);
    }

    @Test
    @DisplayName("jobs: find is empty and get not found for an id no job can have")
    void jobIds() {
        assertNothingFound("job", id -> jobs().find(id), id -> jobs().get(id));
        assertThat(jobs().find("j1")).isPresent();
    }

    @Test
    @DisplayName("pipelines: find is empty and get not found for a name no pipeline can have")
    void pipelineNames() {
        assertNothingFound("pipeline", name -> pipelines().find(name), name -> pipelines().get(name));
        assertThat(pipelines().find("p1")).isPresent();
    }

    @Test
    @DisplayName("schedules: find is empty and get not found for an id no schedule can have")
    void scheduleIds() {
        assertNothingFound("schedule", id -> schedules().find(id), id -> schedules().get(id));
        assertThat(schedules().find("s1")).isPresent();
    }

    @Test
    @DisplayName("executions: find is empty and get not found for an id no execution can have")
    void executionIds() {
        assertNothingFound("execution", id -> executions().find(id), id -> executions().get(id));
        assertThat(executions().find("e1")).isPresent();
    }

    @Test
    @DisplayName("constructs: find is empty, get not found, and no edge leaves or reaches an id no construct can have")
    void constructIds() {
        assertNothingFound("construct", id -> store.constructs().find(id), id -> store.constructs().get(id));
        assertThat(store.constructs().find("c1")).isPresent();
        for (String key : withLongestUnknown()) {
            assertThat(store.constructs().outgoing(key, null)).as("outgoing(%s)", Outcome.shortly(key)).isEmpty();
            assertThat(store.constructs().incoming(key, null)).as("incoming(%s)", Outcome.shortly(key)).isEmpty();
            assertThat(store.constructs().outgoing("c1", key)).as("outgoing(c1, %s)", Outcome.shortly(key)).isEmpty();
        }
        assertThat(store.constructs().outgoing("c1", "next")).hasSize(1);
    }

    @Test
    @DisplayName("sessions and transcripts: an id no session can have is not found; no construct of such an id has sessions")
    void sessionIds() {
        store.sessions().create(NewSession.of("c1", "running").withId("s1"));
        store.transcripts().append("s1", NewTranscriptEntry.of("user", "hello"));
        assertNothingFound("session", id -> store.sessions().find(id), id -> store.sessions().get(id));
        assertNothingFound("session", id -> Optional.empty(), id -> store.sessions().latestState(id));
        assertNothingFound("session", id -> Optional.empty(), id -> store.sessions().checkpoints(id));
        assertNothingFound("session", id -> Optional.empty(), id -> store.transcripts().read(id, 0, 10));
        assertNothingFound("session", id -> Optional.empty(), id -> store.transcripts().last(id, 10));
        assertNothingFound("session", id -> Optional.empty(), id -> store.transcripts().count(id));
        assertNothingFound("session", id -> Optional.empty(), id -> store.transcripts().stream(id).count());
        assertNothingFound("session", id -> Optional.empty(),
                id -> store.transcripts().append(id, NewTranscriptEntry.of("user", "x")));
        assertNothingFound("session", id -> Optional.empty(), id -> store.sessions().saveState(id, 0, "{}"));
        for (String key : withLongestUnknown()) {
            assertThat(store.sessions().list(key, PageRequest.first()).items()).as("list(%s)", Outcome.shortly(key))
                    .isEmpty();
            assertThat(store.sessions().stream(key, null)).as("stream(%s)", Outcome.shortly(key)).isEmpty();
        }
        assertThat(store.transcripts().count("s1")).isEqualTo(1);
    }

    @Test
    @DisplayName("history: find is empty for a sequence number no event can have")
    void historySequenceNumbers() {
        StoreSnapshot before = StoreSnapshot.of(store);
        for (long id : new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            assertThat(history().find(id)).as("find(%d)", id).isEmpty();
        }
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    private void assertNothingFound(String entity, Function<String, Optional<?>> find, ThrowingConsumer<String> get) {
        StoreSnapshot before = StoreSnapshot.of(store);
        for (String key : withLongestUnknown()) {
            assertThat(find.apply(key)).as("find(%s)", Outcome.shortly(key)).isEmpty();
            NotFoundException notFound = assertFailsUnchanged(NotFoundException.class, () -> get.accept(key));
            assertThat(notFound.entity()).isEqualTo(entity);
            assertThat(notFound.id()).isEqualTo(key);
            assertThat(Outcome.messageProblems(notFound)).as("message of get(%s)", Outcome.shortly(key)).isEmpty();
        }
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    private static List<String> withLongestUnknown() {
        List<String> keys = new ArrayList<>(IMPOSSIBLE);
        keys.add(LONGEST_UNKNOWN);
        return keys;
    }
}
