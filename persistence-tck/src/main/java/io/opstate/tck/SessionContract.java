package io.opstate.tck;

import static io.opstate.tck.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import io.opstate.SortOrder;
import io.opstate.StaleVersionException;
import io.opstate.constructs.NewConstruct;
import io.opstate.sessions.Checkpoint;
import io.opstate.sessions.NewSession;
import io.opstate.sessions.Session;
import io.opstate.sessions.SessionChanges;
import io.opstate.sessions.SessionRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Sessions of constructs: create, read, update with a version, listing per construct, and
 * versioned state checkpoints of which the newest {@value #KEPT} are kept.
 */
public abstract class SessionContract extends TckSupport {
    /** The checkpoints a session keeps in these tests. */
    static final int KEPT = 3;
    /** Seed 004's "metrics baseline": timings and interventions of a run. */
    static final String METRICS = "{\"timings\": {\"planMs\": 1200, \"buildMs\": 53000},"
            + " \"interventions\": [{\"at\": \"2026-03-01T10:00:00Z\", \"kind\": \"approval\"}]}";

    @Override
    protected PersistenceConfig.Builder configure(PersistenceConfig.Builder builder) {
        return builder.set(Settings.CHECKPOINTS_KEPT, KEPT);
    }

    @BeforeEach
    void constructs() {
        store.constructs().create(NewConstruct.of("feature", "active").withId("c1"));
        store.constructs().create(NewConstruct.of("feature", "active").withId("c2"));
    }

    private SessionRepository sessions() {
        return store.sessions();
    }

    @Test
    @DisplayName("create: stored at version 1 with no state and an empty transcript, started and stamped now")
    void create() {
        Session created = sessions().create(NewSession.of("c1", "running").withId("s1").withMetrics(METRICS));
        assertThat(created.id()).isEqualTo("s1");
        assertThat(created.constructId()).isEqualTo("c1");
        assertThat(created.status()).isEqualTo("running");
        assertThat(created.startedAt()).isEqualTo(T0);
        assertThat(created.endedAt()).isNull();
        assertJsonEquals(METRICS, created.metrics());
        assertThat(created.stateVersion()).isZero();
        assertThat(created.lastSequence()).isZero();
        assertThat(created.createdAt()).isEqualTo(T0);
        assertThat(created.updatedAt()).isEqualTo(T0);
        assertThat(created.version()).isEqualTo(1);

        Session read = sessions().get("s1");
        assertThat(read).usingRecursiveComparison().ignoringFields("metrics").isEqualTo(created);
        assertJsonEquals(METRICS, read.metrics());
        assertThat(sessions().find("s1")).contains(read);
        assertThat(sessions().find("s2")).isEmpty();
    }

    @Test
    @DisplayName("create: without an id gets a time-ordered UUID; a given start time is kept")
    void generatedIdAndStartTime() {
        Instant started = T0.minus(Duration.ofHours(1));
        Session first = sessions().create(NewSession.of("c1", "running").withStartedAt(started));
        Session second = sessions().create(NewSession.of("c1", "running"));
        assertThat(first.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(first.startedAt()).isEqualTo(started);
        assertThat(first.createdAt()).isEqualTo(T0);
        assertThat(first.metrics()).isNull();
    }

    @Test
    @DisplayName("create: an unknown construct is a NotFoundException naming the construct; nothing is stored")
    void unknownConstruct() {
        NotFoundException e = assertFailsUnchanged(NotFoundException.class,
                () -> sessions().create(NewSession.of("nope", "running").withId("s1")));
        assertThat(e.entity()).isEqualTo("construct");
        assertThat(e.id()).isEqualTo("nope");
        assertThat(sessions().find("s1")).isEmpty();
    }

    @Test
    @DisplayName("create: a taken id is a DuplicateKeyException; the existing session is untouched")
    void duplicateId() {
        Session first = sessions().create(NewSession.of("c1", "running").withId("s1"));
        DuplicateKeyException e = assertFailsUnchanged(DuplicateKeyException.class,
                () -> sessions().create(NewSession.of("c2", "done").withId("s1")));
        assertThat(e.entity()).isEqualTo("session");
        assertThat(e.id()).isEqualTo("s1");
        assertThat(sessions().get("s1")).isEqualTo(first);
    }

    @Test
    @DisplayName("update: replaces status, end and metrics; version + 1, updatedAt now; null keeps")
    void update() {
        sessions().create(NewSession.of("c1", "running").withId("s1").withMetrics("{\"timings\":{}}"));
        Instant later = advance(Duration.ofMinutes(5));
        Session ended = sessions().update("s1", 1, SessionChanges.none().withStatus("succeeded").withEndedAt(later)
                .withMetrics(METRICS));
        assertThat(ended.status()).isEqualTo("succeeded");
        assertThat(ended.endedAt()).isEqualTo(later);
        assertJsonEquals(METRICS, ended.metrics());
        assertThat(ended.version()).isEqualTo(2);
        assertThat(ended.updatedAt()).isEqualTo(later);
        assertThat(ended.createdAt()).isEqualTo(T0);

        Session kept = sessions().update("s1", 2, SessionChanges.none());
        assertThat(kept.status()).isEqualTo("succeeded");
        assertThat(kept.endedAt()).isEqualTo(later);
        assertJsonEquals(METRICS, kept.metrics());
        assertThat(kept.version()).isEqualTo(3);
        assertThat(sessions().get("s1").version()).isEqualTo(3);
    }

    @Test
    @DisplayName("update: a stale version is a StaleVersionException, an unknown session a NotFoundException")
    void updateConflicts() {
        sessions().create(NewSession.of("c1", "running").withId("s1"));
        sessions().update("s1", 1, SessionChanges.none().withStatus("paused"));
        StaleVersionException stale = assertFailsUnchanged(StaleVersionException.class,
                () -> sessions().update("s1", 1, SessionChanges.none().withStatus("lost")));
        assertThat(stale.expectedVersion()).isEqualTo(1);
        assertThat(sessions().get("s1").status()).isEqualTo("paused");
        NotFoundException missing = assertFailsUnchanged(NotFoundException.class,
                () -> sessions().update("s2", 1, SessionChanges.none()));
        assertThat(missing.entity()).isEqualTo("session");
        assertThatGetFails("s2");
    }

    @Test
    @DisplayName("list: a construct's sessions only, by start time then id, paged both ways; stream the same")
    void listAndStream() {
        List<String> ids = IntStream.range(0, 7).mapToObj(i -> {
            Instant started = T0.plus(Duration.ofMinutes(i / 2));
            return sessions().create(NewSession.of("c1", "running").withId("s" + i).withStartedAt(started)).id();
        }).toList();
        sessions().create(NewSession.of("c2", "running").withId("other"));

        List<String> oldestFirst = StoreSnapshot.readAll(page -> sessions().list("c1", page),
                new PageRequest(3, null, SortOrder.OLDEST_FIRST)).stream().map(Session::id).toList();
        assertThat(oldestFirst).isEqualTo(ids);
        List<String> newestFirst = StoreSnapshot.readAll(page -> sessions().list("c1", page), PageRequest.first(2))
                .stream().map(Session::id).toList();
        assertThat(newestFirst).containsExactly("s6", "s5", "s4", "s3", "s2", "s1", "s0");

        Page<Session> first = sessions().list("c1", PageRequest.first(3).oldestFirst());
        assertThat(first.items()).extracting(Session::id).containsExactly("s0", "s1", "s2");
        assertThat(first.hasMore()).isTrue();

        assertThat(sessions().stream("c1", SortOrder.OLDEST_FIRST).map(Session::id).collect(Collectors.toList()))
                .isEqualTo(ids);
        assertThat(sessions().stream("c2", null).map(Session::id)).containsExactly("other");
        assertThat(sessions().list("none", PageRequest.first()).items()).isEmpty();
    }

    @Test
    @DisplayName("saveState: the first save expects 0; each save against the version read; session version unchanged")
    void saveState() {
        sessions().create(NewSession.of("c1", "running").withId("s1"));
        assertThat(sessions().latestState("s1")).isEmpty();
        assertThat(sessions().checkpoints("s1")).isEmpty();

        Checkpoint first = sessions().saveState("s1", 0, "{\"step\": 1, \"plan\": [\"a\", \"b\"]}");
        assertThat(first.sessionId()).isEqualTo("s1");
        assertThat(first.version()).isEqualTo(1);
        assertJsonEquals("{\"plan\":[\"a\",\"b\"],\"step\":1}", first.state());
        assertThat(first.savedAt()).isEqualTo(T0);

        Instant later = advance(Duration.ofSeconds(30));
        Checkpoint second = sessions().saveState("s1", sessions().get("s1").stateVersion(), "{\"step\": 2}");
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.savedAt()).isEqualTo(later);

        Session session = sessions().get("s1");
        assertThat(session.stateVersion()).isEqualTo(2);
        assertThat(session.version()).isEqualTo(1);
        assertThat(session.updatedAt()).isEqualTo(T0);
        Checkpoint latest = sessions().latestState("s1").orElseThrow();
        assertThat(latest.version()).isEqualTo(2);
        assertJsonEquals("{\"step\":2}", latest.state());
        assertThat(sessions().checkpoints("s1")).extracting(Checkpoint::version).containsExactly(2L, 1L);
    }

    @Test
    @DisplayName("saveState: a stale version is a StaleVersionException and saves nothing")
    void staleState() {
        sessions().create(NewSession.of("c1", "running").withId("s1"));
        sessions().saveState("s1", 0, "{\"step\": 1}");
        StaleVersionException stale = assertFailsUnchanged(StaleVersionException.class,
                () -> sessions().saveState("s1", 0, "{\"step\": \"lost\"}"));
        assertThat(stale.entity()).isEqualTo("session state");
        assertThat(stale.id()).isEqualTo("s1");
        assertThat(stale.expectedVersion()).isZero();
        assertFailsUnchanged(StaleVersionException.class, () -> sessions().saveState("s1", 2, "{}"));
        assertThat(sessions().get("s1").stateVersion()).isEqualTo(1);
        assertThat(sessions().checkpoints("s1")).hasSize(1);
        assertJsonEquals("{\"step\":1}", sessions().latestState("s1").orElseThrow().state());
    }

    @Test
    @DisplayName("saveState: only the newest checkpoints (opstate.checkpoints-kept) are kept, per session")
    void keepsTheNewest() {
        sessions().create(NewSession.of("c1", "running").withId("s1"));
        sessions().create(NewSession.of("c1", "running").withId("s2"));
        for (int i = 0; i < 7; i++) {
            sessions().saveState("s1", i, "{\"step\": " + i + "}");
        }
        sessions().saveState("s2", 0, "{}");
        assertThat(sessions().checkpoints("s1")).extracting(Checkpoint::version).containsExactly(7L, 6L, 5L);
        assertJsonEquals("{\"step\":6}", sessions().checkpoints("s1").get(0).state());
        assertThat(sessions().checkpoints("s2")).extracting(Checkpoint::version).containsExactly(1L);
        assertThat(sessions().latestState("s1").orElseThrow().version()).isEqualTo(7);
    }

    @Test
    @DisplayName("state of an unknown session: NotFoundException from save, latest and the listing")
    void stateOfUnknownSession() {
        NotFoundException e = assertFailsUnchanged(NotFoundException.class,
                () -> sessions().saveState("s9", 0, "{}"));
        assertThat(e.entity()).isEqualTo("session");
        assertThat(e.id()).isEqualTo("s9");
        assertFailsUnchanged(NotFoundException.class, () -> sessions().latestState("s9"));
        assertFailsUnchanged(NotFoundException.class, () -> sessions().checkpoints("s9"));
    }

    @Test
    @DisplayName("concurrent saves against one version: exactly one wins, the others are stale")
    void concurrentSaves() throws Exception {
        sessions().create(NewSession.of("c1", "running").withId("s1"));
        List<Boolean> saved = onAllThreads(() -> {
            try {
                sessions().saveState("s1", 0, "{\"by\": \"" + Thread.currentThread().getName() + "\"}");
                return true;
            } catch (StaleVersionException e) {
                return false;
            }
        });
        assertThat(saved).containsOnlyOnce(true);
        assertThat(sessions().get("s1").stateVersion()).isEqualTo(1);
        assertThat(sessions().checkpoints("s1")).hasSize(1);
    }

    private void assertThatGetFails(String id) {
        assertFailsUnchanged(NotFoundException.class, () -> sessions().get(id));
    }
}
