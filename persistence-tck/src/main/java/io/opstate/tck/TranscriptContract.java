package io.opstate.tck;

import static io.opstate.tck.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.NotFoundException;
import io.opstate.PersistenceConfig;
import io.opstate.SequenceConflictException;
import io.opstate.Settings;
import io.opstate.constructs.NewConstruct;
import io.opstate.sessions.NewSession;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import io.opstate.transcripts.TranscriptRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Transcripts of sessions: entries numbered from 1 without gaps, appended one by one or in
 * chunks, guarded by the expected next number or not; read by chunk, the last few, counted and
 * streamed; appended by many threads at once without loss, duplicate or reordering.
 */
public abstract class TranscriptContract extends TckSupport {
    /** The largest entry these tests allow: the least the setting allows. */
    static final int MAX_ENTRY = 1024;

    @Override
    protected PersistenceConfig.Builder configure(PersistenceConfig.Builder builder) {
        return builder.set(Settings.MAX_ENTRY_BYTES, MAX_ENTRY);
    }

    @BeforeEach
    void sessions() {
        store.constructs().create(NewConstruct.of("feature", "active").withId("c1"));
        store.sessions().create(NewSession.of("c1", "running").withId("s1"));
        store.sessions().create(NewSession.of("c1", "running").withId("s2"));
    }

    private TranscriptRepository transcripts() {
        return store.transcripts();
    }

    private static NewTranscriptEntry said(String content) {
        return NewTranscriptEntry.of("user", content);
    }

    private static List<String> contents(List<TranscriptEntry> entries) {
        return entries.stream().map(TranscriptEntry::content).toList();
    }

    @Test
    @DisplayName("append: numbered 1, 2, 3 per session, stamped now; the session's lastSequence follows, its version not")
    void append() {
        TranscriptEntry first = transcripts().append("s1", NewTranscriptEntry.of("user", "Build the login page")
                .withData("{\"tokens\": 5, \"attachments\": []}"));
        assertThat(first.sessionId()).isEqualTo("s1");
        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.role()).isEqualTo("user");
        assertThat(first.content()).isEqualTo("Build the login page");
        assertJsonEquals("{\"attachments\":[],\"tokens\":5}", first.data());
        assertThat(first.createdAt()).isEqualTo(T0);

        Instant later = advance(Duration.ofSeconds(2));
        TranscriptEntry second = transcripts().append("s1", NewTranscriptEntry.of("assistant", ""));
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.content()).isEmpty();
        assertThat(second.data()).isNull();
        assertThat(second.createdAt()).isEqualTo(later);
        assertThat(transcripts().append("s2", said("elsewhere")).sequence()).isEqualTo(1);

        assertThat(transcripts().count("s1")).isEqualTo(2);
        assertThat(store.sessions().get("s1").lastSequence()).isEqualTo(2);
        assertThat(store.sessions().get("s1").version()).isEqualTo(1);
        List<TranscriptEntry> read = transcripts().read("s1", 0, 10);
        assertThat(read).hasSize(2);
        assertThat(read.get(1)).isEqualTo(second);
        assertThat(read.get(0)).usingRecursiveComparison().ignoringFields("data").isEqualTo(first);
    }

    @Test
    @DisplayName("appendAll: a chunk gets consecutive numbers after the last, all stamped alike")
    void appendAll() {
        transcripts().append("s1", said("zero"));
        List<TranscriptEntry> chunk = transcripts().appendAll("s1", List.of(said("a"), said("b"), said("c")));
        assertThat(chunk).extracting(TranscriptEntry::sequence).containsExactly(2L, 3L, 4L);
        assertThat(contents(chunk)).containsExactly("a", "b", "c");
        assertThat(contents(transcripts().read("s1", 0, 100))).containsExactly("zero", "a", "b", "c");
        assertThat(transcripts().count("s1")).isEqualTo(4);
    }

    @Test
    @DisplayName("guarded: appends when the expected next number is right, else a SequenceConflictException and nothing written")
    void guarded() {
        assertThat(transcripts().append("s1", 1, said("one")).sequence()).isEqualTo(1);
        assertThat(transcripts().appendAll("s1", 2, List.of(said("two"), said("three"))))
                .extracting(TranscriptEntry::sequence).containsExactly(2L, 3L);

        SequenceConflictException behind = assertFailsUnchanged(SequenceConflictException.class,
                () -> transcripts().append("s1", 3, said("late")));
        assertThat(behind.id()).isEqualTo("s1");
        assertThat(behind.expectedNextSequence()).isEqualTo(3);
        assertThat(behind.actualNextSequence()).isEqualTo(4);
        SequenceConflictException ahead = assertFailsUnchanged(SequenceConflictException.class,
                () -> transcripts().appendAll("s1", 9, List.of(said("x"), said("y"))));
        assertThat(ahead.expectedNextSequence()).isEqualTo(9);
        assertThat(ahead.actualNextSequence()).isEqualTo(4);
        assertThat(transcripts().count("s1")).isEqualTo(3);
        assertThat(contents(transcripts().read("s1", 0, 10))).containsExactly("one", "two", "three");
    }

    @Test
    @DisplayName("read: a chunk after a number, up to a limit; last: the newest, ascending; beyond the end: empty")
    void readAndLast() {
        transcripts().appendAll("s1", IntStream.rangeClosed(1, 25).mapToObj(i -> said("m" + i)).toList());
        assertThat(transcripts().read("s1", 10, 5)).extracting(TranscriptEntry::sequence)
                .containsExactly(11L, 12L, 13L, 14L, 15L);
        assertThat(transcripts().read("s1", 22, 100)).extracting(TranscriptEntry::sequence)
                .containsExactly(23L, 24L, 25L);
        assertThat(transcripts().read("s1", 25, 10)).isEmpty();
        assertThat(transcripts().read("s1", 1000, 10)).isEmpty();
        assertThat(contents(transcripts().last("s1", 3))).containsExactly("m23", "m24", "m25");
        assertThat(transcripts().last("s1", 1000)).hasSize(25);
        assertThat(transcripts().last("s2", 5)).isEmpty();
        assertThat(transcripts().read("s2", 0, 5)).isEmpty();
        assertThat(transcripts().count("s2")).isZero();
    }

    @Test
    @DisplayName("stream: the whole transcript in order, across many chunks")
    void stream() {
        int total = 2 * TranscriptRepository.MAX_ENTRIES + 17;
        for (int from = 1; from <= total; from += TranscriptRepository.MAX_ENTRIES) {
            int to = Math.min(total, from + TranscriptRepository.MAX_ENTRIES - 1);
            transcripts().appendAll("s1", IntStream.rangeClosed(from, to).mapToObj(i -> said("m" + i)).toList());
        }
        List<Long> sequences = transcripts().stream("s1").map(TranscriptEntry::sequence).collect(Collectors.toList());
        assertThat(sequences).isEqualTo(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(transcripts().stream("s1").skip(total - 1).findFirst().orElseThrow().content()).isEqualTo("m" + total);
        assertThat(transcripts().stream("s2")).isEmpty();
    }

    @Test
    @DisplayName("an unknown session: NotFoundException from every call, nothing written")
    void unknownSession() {
        NotFoundException e = assertFailsUnchanged(NotFoundException.class, () -> transcripts().append("s9", said("x")));
        assertThat(e.entity()).isEqualTo("session");
        assertThat(e.id()).isEqualTo("s9");
        assertFailsUnchanged(NotFoundException.class, () -> transcripts().append("s9", 1, said("x")));
        assertFailsUnchanged(NotFoundException.class, () -> transcripts().appendAll("s9", List.of(said("x"))));
        assertFailsUnchanged(NotFoundException.class, () -> transcripts().appendAll("s9", 1, List.of(said("x"))));
        assertFailsUnchanged(NotFoundException.class, () -> transcripts().read("s9", 0, 10));
        assertFailsUnchanged(NotFoundException.class, () -> transcripts().last("s9", 10));
        assertFailsUnchanged(NotFoundException.class, () -> transcripts().count("s9"));
        assertFailsUnchanged(NotFoundException.class, () -> transcripts().stream("s9").count());
        // Streams fail when pulled, also for an id no session can have.
        Stream<TranscriptEntry> unknown = transcripts().stream("s9");
        Stream<TranscriptEntry> impossible = transcripts().stream(" ");
        assertFailsUnchanged(NotFoundException.class, unknown::count);
        assertFailsUnchanged(NotFoundException.class, impossible::count);
    }

    @Test
    @DisplayName("limits: an entry over opstate.max-entry-bytes names content (or data); bad text and JSON are refused")
    void refusedEntries() {
        transcripts().append("s1", said("kept"));
        assertThat(transcripts().append("s1", said("é".repeat(MAX_ENTRY / 2))).sequence()).isEqualTo(2);
        assertRejected("content", () -> transcripts().append("s1", said("é".repeat(MAX_ENTRY / 2) + "x")));
        assertRejected("data", () -> transcripts().append("s1",
                said("x".repeat(MAX_ENTRY - 10)).withData("\"" + "y".repeat(20) + "\"")));
        assertRejected("content", () -> transcripts().append("s1", said("nul\u0000")));
        assertRejected("content", () -> transcripts().append("s1", said("lone \uD800 surrogate")));
        assertRejected("content", () -> transcripts().append("s1", NewTranscriptEntry.of("user", null)));
        assertRejected("role", () -> transcripts().append("s1", NewTranscriptEntry.of("r".repeat(201), "x")));
        assertRejected("role", () -> transcripts().append("s1", NewTranscriptEntry.of("", "x")));
        assertRejected("data", () -> transcripts().append("s1", said("x").withData("{not json")));
        assertRejected("entries[1].content", () -> transcripts().appendAll("s1", List.of(said("fine"), said("\u0000"))));
        assertRejected("entries", () -> transcripts().appendAll("s1", List.of()));
        assertRejected("expectedNextSequence", () -> transcripts().append("s1", 0, said("x")));
        assertRejected("afterSequence", () -> transcripts().read("s1", -1, 10));
        assertRejected("limit", () -> transcripts().read("s1", 0, 0));
        assertRejected("count", () -> transcripts().last("s1", 1001));
        assertThat(transcripts().count("s1")).isEqualTo(2);
    }

    @Test
    @DisplayName("8 threads appending to 8 sessions: each transcript gapless, in its writer's order")
    void eightWritersEightSessions() throws Exception {
        int perThread = 40;
        for (int t = 0; t < THREADS; t++) {
            store.sessions().create(NewSession.of("c1", "running").withId("w" + t));
        }
        AtomicInteger threads = new AtomicInteger();
        onAllThreads(() -> {
            String session = "w" + threads.getAndIncrement();
            for (int i = 1; i <= perThread; i++) {
                if (i % 4 == 0) {
                    transcripts().appendAll(session, List.of(said("m" + i + "a"), said("m" + i + "b")));
                } else {
                    transcripts().append(session, said("m" + i));
                }
            }
            return null;
        });
        for (int t = 0; t < THREADS; t++) {
            List<TranscriptEntry> all = transcripts().stream("w" + t).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= perThread; i++) {
                expected.addAll(i % 4 == 0 ? List.of("m" + i + "a", "m" + i + "b") : List.of("m" + i));
            }
            assertThat(contents(all)).isEqualTo(expected);
            assertThat(all).extracting(TranscriptEntry::sequence)
                    .isEqualTo(LongStream.rangeClosed(1, expected.size()).boxed().toList());
            assertThat(transcripts().count("w" + t)).isEqualTo(expected.size());
        }
    }

    @Test
    @DisplayName("8 threads appending to one session, guarded, retrying on conflict: no entry lost, doubled or reordered")
    void eightGuardedWritersOneSession() throws Exception {
        int perThread = 25;
        AtomicInteger threads = new AtomicInteger();
        onAllThreads(() -> {
            int writer = threads.getAndIncrement();
            for (int i = 0; i < perThread; i++) {
                while (true) {
                    long next = transcripts().count("s1") + 1;
                    try {
                        TranscriptEntry entry = transcripts().append("s1", next, NewTranscriptEntry.of("w" + writer, "" + i));
                        assertThat(entry.sequence()).isEqualTo(next);
                        break;
                    } catch (SequenceConflictException e) {
                        assertThat(e.actualNextSequence()).isGreaterThan(next);
                    }
                }
            }
            return null;
        });
        List<TranscriptEntry> all = transcripts().stream("s1").toList();
        assertThat(all).extracting(TranscriptEntry::sequence)
                .isEqualTo(LongStream.rangeClosed(1, (long) THREADS * perThread).boxed().toList());
        Map<String, List<Integer>> byWriter = new HashMap<>();
        for (TranscriptEntry entry : all) {
            byWriter.computeIfAbsent(entry.role(), ignored -> new ArrayList<>()).add(Integer.parseInt(entry.content()));
        }
        assertThat(byWriter).hasSize(THREADS);
        byWriter.values().forEach(written ->
                assertThat(written).isEqualTo(IntStream.range(0, perThread).boxed().toList()));
    }
}
