package io.opstate.tck;

import static io.opstate.tck.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.PageRequest;
import io.opstate.StaleVersionException;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import io.opstate.resources.NewResource;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceKind;
import io.opstate.resources.ResourceRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Resources: create, save by name, update with an expected version, transition, read, delete. */
public abstract class ResourceContract extends TckSupport {
    protected ResourceRepository resources() {
        return store.resources();
    }

    @BeforeEach
    void declareKinds() {
        resources().declareKind(ResourceKind.of("instance", "stopped", "running", "failed")
                .withLabelValues("backend_type", "llama_cpp", "mlx_lm", "vllm"));
        resources().declareKind(ResourceKind.of("deployment", "pending", "ready"));
    }

    @Test
    @DisplayName("create: kind, name, owner, spec and labels stored at version 1 in the kind's initial status, stamped now")
    void create() {
        Resource created = resources().create(NewResource.of("instance", "llama-1").withOwner("team-a")
                .withSpec("{\"port\": 8080, \"model\": \"llama\"}")
                .withLabel("backend_type", "llama_cpp").withLabel("model_id", "m-1"));

        assertThat(created.id()).isNotBlank();
        assertThat(created.kind()).isEqualTo("instance");
        assertThat(created.name()).isEqualTo("llama-1");
        assertThat(created.owner()).isEqualTo("team-a");
        assertJsonEquals(created.spec(), "{\"port\": 8080, \"model\": \"llama\"}");
        assertThat(created.status()).isEqualTo("stopped");
        assertThat(created.statusDetail()).isNull();
        assertThat(created.labels()).isEqualTo(Map.of("backend_type", "llama_cpp", "model_id", "m-1"));
        assertThat(created.createdAt()).isEqualTo(T0);
        assertThat(created.updatedAt()).isEqualTo(T0);
        assertThat(created.version()).isEqualTo(1);
        assertThat(resources().get(created.id())).isEqualTo(created);
        assertThat(resources().find(created.id())).contains(created);
        assertThat(resources().findByName("instance", "team-a", "llama-1")).contains(created);
        assertThat(resources().findByName("instance", null, "llama-1")).isEmpty();
    }

    @Test
    @DisplayName("create: a name taken within its kind and owner is a duplicate; other kinds and owners may reuse it")
    void namesUniqueWithinKindAndOwner() {
        Resource first = resources().create(NewResource.of("instance", "x").withSpec("{\"v\": 1}"));
        resources().create(NewResource.of("deployment", "x"));
        resources().create(NewResource.of("instance", "x").withOwner("team-a"));

        assertThatThrownBy(() -> resources().create(NewResource.of("instance", "x").withSpec("{\"v\": 2}")))
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("instance/x");
        assertThat(resources().findByName("instance", null, "x")).contains(first);
    }

    @Test
    @DisplayName("save: creates when the name is new, else replaces spec and labels whole, keeping status and id")
    void saveByName() {
        Resource created = resources().save(NewResource.of("instance", "s").withSpec("{\"a\": 1}")
                .withLabel("backend_type", "vllm").withLabel("old", "yes"));
        Resource running = resources().transition(created.id(), 1, "running", "{\"pid\": 42}");
        clock.advance(Duration.ofSeconds(5));

        Resource saved = resources().save(NewResource.of("instance", "s").withSpec("{\"b\": 2}")
                .withLabel("backend_type", "mlx_lm"));

        assertThat(saved.id()).isEqualTo(created.id());
        assertJsonEquals(saved.spec(), "{\"b\": 2}");
        assertThat(saved.labels()).isEqualTo(Map.of("backend_type", "mlx_lm"));
        assertThat(saved.status()).isEqualTo("running");
        assertJsonEquals(saved.statusDetail(), running.statusDetail());
        assertThat(saved.version()).isEqualTo(3);
        assertThat(saved.createdAt()).isEqualTo(T0);
        assertThat(saved.updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(resources().get(created.id())).isEqualTo(saved);
        assertThat(resources().list(io.opstate.resources.ResourceQuery.of("instance").withLabel("old", "yes"),
                PageRequest.first()).items()).isEmpty();
    }

    @Test
    @DisplayName("update: replaces what it carries at the expected version; a stale version changes nothing")
    void updateWithExpectedVersion() {
        Resource created = resources().create(NewResource.of("instance", "u").withSpec("{\"a\": 1}")
                .withLabel("backend_type", "vllm"));

        Resource specOnly = resources().update(created.id(), 1, "{\"a\": 2}", null);
        assertJsonEquals(specOnly.spec(), "{\"a\": 2}");
        assertThat(specOnly.labels()).isEqualTo(created.labels());
        Resource labelsOnly = resources().update(created.id(), 2, null, Map.of("model_id", "m"));
        assertJsonEquals(labelsOnly.spec(), "{\"a\": 2}");
        assertThat(labelsOnly.labels()).isEqualTo(Map.of("model_id", "m"));
        assertThat(labelsOnly.version()).isEqualTo(3);

        assertThatThrownBy(() -> resources().update(created.id(), 2, "{\"a\": 3}", null))
                .isInstanceOf(StaleVersionException.class);
        assertThatThrownBy(() -> resources().update("missing", 1, "{}", null)).isInstanceOf(NotFoundException.class);
        assertThat(resources().get(created.id())).isEqualTo(labelsOnly);
    }

    @Test
    @DisplayName("transition: moves status and detail alone; a status the kind lacks or a stale version changes nothing")
    void transition() {
        Resource created = resources().create(NewResource.of("instance", "t").withSpec("{\"a\": 1}"));

        Resource running = resources().transition(created.id(), 1, "running", "{\"pid\": 7}");
        assertThat(running.status()).isEqualTo("running");
        assertJsonEquals(running.statusDetail(), "{\"pid\": 7}");
        assertJsonEquals(running.spec(), "{\"a\": 1}");
        assertThat(running.version()).isEqualTo(2);

        assertThatThrownBy(() -> resources().transition(created.id(), 2, "ready", null))
                .isInstanceOfSatisfying(io.opstate.InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("status"));
        assertThatThrownBy(() -> resources().transition(created.id(), 1, "failed", null))
                .isInstanceOf(StaleVersionException.class);
        assertThat(resources().get(created.id())).isEqualTo(running);
    }

    @Test
    @DisplayName("transition with a history event in one transaction: both or neither")
    void transitionWithHistoryEvent() {
        Resource created = resources().create(NewResource.of("instance", "h"));

        store.inTransaction(tx -> {
            tx.resources().transition(created.id(), 1, "running", null);
            return tx.history().append(NewHistoryEvent.of("instance.running").withSubjectId(created.id()));
        });
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.history().append(NewHistoryEvent.of("instance.failed").withSubjectId(created.id()));
            return tx.resources().transition(created.id(), 2, "no-such-status", null);
        })).isInstanceOf(io.opstate.InvalidInputException.class);

        assertThat(resources().get(created.id()).status()).isEqualTo("running");
        assertThat(store.history().list(HistoryQuery.bySubject(created.id()), PageRequest.first()).items())
                .extracting(event -> event.event()).containsExactly("instance.running");
    }

    @Test
    @DisplayName("delete: the resource and its labels go; the name is free again")
    void delete() {
        Resource created = resources().create(NewResource.of("instance", "d").withLabel("model_id", "m"));

        assertThat(resources().delete(created.id())).isTrue();
        assertThat(resources().delete(created.id())).isFalse();
        assertThat(resources().find(created.id())).isEmpty();
        assertThatThrownBy(() -> resources().get(created.id())).isInstanceOf(NotFoundException.class);
        assertThat(resources().list(io.opstate.resources.ResourceQuery.of("instance").withLabel("model_id", "m"),
                PageRequest.first()).items()).isEmpty();
        assertThat(resources().create(NewResource.of("instance", "d")).id()).isNotEqualTo(created.id());
    }

    @Test
    @DisplayName("concurrent creates of one name: exactly one succeeds, the others are typed duplicates")
    void concurrentCreates() throws Exception {
        List<Object> outcomes = race(() -> {
            try {
                return resources().create(NewResource.of("instance", "race"));
            } catch (DuplicateKeyException e) {
                return e;
            }
        });
        assertThat(outcomes).filteredOn(Resource.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(DuplicateKeyException.class::isInstance).hasSize(THREADS - 1);
    }

    @Test
    @DisplayName("concurrent saves of one name: one row, each save whole, version counts every save")
    void concurrentSaves() throws Exception {
        List<Object> outcomes = new ArrayList<>();
        int[] next = {0};
        outcomes.addAll(race(() -> {
            int n;
            synchronized (next) {
                n = next[0]++;
            }
            return resources().save(NewResource.of("instance", "race").withSpec("{\"n\": " + n + "}")
                    .withLabel("writer", "w" + n));
        }));
        List<Resource> all = resources().list(io.opstate.resources.ResourceQuery.of("instance"),
                PageRequest.first()).items();
        assertThat(all).hasSize(1);
        Resource last = all.get(0);
        assertThat(last.version()).isEqualTo(THREADS);
        assertJsonEquals(last.spec(), "{\"n\": " + last.labels().get("writer").substring(1) + "}");
        assertThat(outcomes).filteredOn(o -> ((Resource) o).version() == THREADS).hasSize(1);
    }

    private List<Object> race(Callable<Object> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(work));
            }
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
