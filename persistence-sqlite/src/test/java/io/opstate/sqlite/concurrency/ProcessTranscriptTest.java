package io.opstate.sqlite.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.constructs.NewConstruct;
import io.opstate.sessions.NewSession;
import io.opstate.sqlite.testing.SqliteFile;
import io.opstate.tck.ChildJvm;
import io.opstate.transcripts.TranscriptEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs, each with its own store on the same file, append to one session's transcript at the
 * same time, guarded and not, one by one and in chunks: the transcript comes out numbered 1..n
 * without a gap or a double, and each process's entries in the order it appended them.
 */
class ProcessTranscriptTest {
    private static final int ENTRIES_EACH = 300;
    private static final Duration LIMIT = Duration.ofSeconds(40);

    @TempDir
    Path folder;

    @Test
    @Timeout(60)
    void twoProcessesAppendingToOneSessionLoseAndReorderNothing() throws Exception {
        Path file = folder.resolve("shared.db");
        String url = SqliteFile.url(file);
        try (Datastore store = Persistence.open(url)) {
            store.constructs().create(NewConstruct.of("feature", "active").withId("c1"));
            store.sessions().create(NewSession.of("c1", "running").withId("s1"));
        }

        try (ChildJvm first = ChildJvm.start(TranscriptAppender.class, folder.resolve("a.err"), url, "a", "s1",
                "" + ENTRIES_EACH);
             ChildJvm second = ChildJvm.start(TranscriptAppender.class, folder.resolve("b.err"), url, "b", "s1",
                     "" + ENTRIES_EACH)) {
            for (ChildJvm child : List.of(first, second)) {
                assertThat(child.awaitExit(LIMIT)).as("exit code; stderr:\n%s", child.stderrText()).isZero();
                assertThat(child.nextLine(Duration.ofSeconds(5))).startsWith("appended=" + ENTRIES_EACH + " ");
            }
        }

        assertThat(SqliteFile.integrityCheck(file)).containsExactly("ok");
        try (Datastore store = Persistence.open(url)) {
            List<TranscriptEntry> all = store.transcripts().stream("s1").toList();
            assertThat(all).extracting(TranscriptEntry::sequence)
                    .isEqualTo(LongStream.rangeClosed(1, 2L * ENTRIES_EACH).boxed().toList());
            Map<String, List<Integer>> byWriter = new HashMap<>();
            for (TranscriptEntry entry : all) {
                byWriter.computeIfAbsent(entry.role(), ignored -> new ArrayList<>()).add(Integer.parseInt(entry.content()));
            }
            List<Integer> inOrder = IntStream.range(0, ENTRIES_EACH).boxed().toList();
            assertThat(byWriter).containsOnlyKeys("a", "b");
            assertThat(byWriter.get("a")).isEqualTo(inOrder);
            assertThat(byWriter.get("b")).isEqualTo(inOrder);
            assertThat(store.sessions().get("s1").lastSequence()).isEqualTo(2L * ENTRIES_EACH);
        }
    }
}
