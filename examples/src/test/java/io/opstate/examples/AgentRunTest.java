package io.opstate.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.constructs.TimelineBucket;
import io.opstate.constructs.TimelineKind;
import io.opstate.sessions.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the agent-run example from rotting, on the memory store and on an SQLite file. */
class AgentRunTest {
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void recordsTheRunInMemory() {
        try (Datastore store = Persistence.open("memory:")) {
            check(AgentRun.run(store, new PrintStream(output, true, UTF_8)));
        }
    }

    @Test
    void recordsTheRunInAnSqliteFile(@TempDir Path dir) {
        try (Datastore store = Persistence.open("jdbc:sqlite:" + dir.resolve("agents.db"))) {
            check(AgentRun.run(store, new PrintStream(output, true, UTF_8)));
        }
    }

    private void check(AgentRun.Outcome outcome) {
        int steps = AgentRun.STEPS.size();
        assertThat(outcome.handedOff()).singleElement()
                .satisfies(link -> assertThat(link.toId()).isEqualTo(outcome.implementation().id()));
        assertThat(outcome.session().status()).isEqualTo("succeeded");
        assertThat(outcome.session().endedAt()).isNotNull();
        assertThat(outcome.session().metrics()).contains("totalMs");
        assertThat(outcome.entries()).isEqualTo(3L * steps);
        assertThat(outcome.session().lastSequence()).isEqualTo(3L * steps);
        assertThat(outcome.state().version()).isEqualTo(steps);
        assertThat(outcome.checkpoints()).extracting(Checkpoint::version).containsExactly(3L, 2L, 1L);
        // The hand-off event, the session's start and end, and every entry.
        assertThat(outcome.activity()).hasSizeBetween(2, 4);
        assertThat(outcome.activity().stream().mapToLong(TimelineBucket::total).sum()).isEqualTo(3L * steps + 3);
        assertThat(outcome.activity().stream().mapToLong(bucket -> bucket.count(TimelineKind.TRANSCRIPT_ENTRY)).sum())
                .isEqualTo(3L * steps);
        String printed = output.toString(UTF_8);
        assertThat(printed).startsWith("1 user: Please read the schema").contains("9 assistant: Done: run the tests");
    }
}
