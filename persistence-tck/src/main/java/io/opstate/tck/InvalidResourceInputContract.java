package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.PageRequest;
import io.opstate.resources.NewResource;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceKind;
import io.opstate.resources.ResourceQuery;
import io.opstate.resources.ResourceRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bad input to every resource operation: rejected with {@link io.opstate.InvalidInputException}
 * naming the field, and nothing written (checked after each test). Values just inside each limit pass.
 */
public abstract class InvalidResourceInputContract extends InvalidInputSupport {
    private Resource seeded;
    private List<Resource> before;

    private ResourceRepository resources() {
        return store.resources();
    }

    @BeforeEach
    void seed() {
        resources().declareKind(ResourceKind.of("instance", "stopped", "running")
                .withLabelValues("backend_type", "vllm"));
        seeded = resources().create(NewResource.of("instance", "i").withSpec("{\"v\": 1}"));
        before = all();
    }

    private List<Resource> all() {
        return resources().list(ResourceQuery.of("instance"), PageRequest.first()).items();
    }

    @AfterEach
    void nothingWritten() {
        if (before != null && store != null) {
            assertThat(all()).isEqualTo(before);
        }
    }

    @Test
    @DisplayName("create and save: undeclared kind, bad names and owners, labels not allowed, bad spec JSON, NUL")
    void createAndSave() {
        for (var write : List.<java.util.function.Function<NewResource, Resource>>of(
                r -> resources().create(r), r -> resources().save(r))) {
            assertRejected("resource", () -> write.apply(null));
            assertRejected("kind", () -> write.apply(NewResource.of("undeclared", "x")));
            assertRejected("kind", () -> write.apply(NewResource.of(null, "x")));
            assertRejected("name", () -> write.apply(NewResource.of("instance", text(201))));
            assertRejected("name", () -> write.apply(NewResource.of("instance", "a\u0000b")));
            assertRejected("name", () -> write.apply(NewResource.of("instance", " ")));
            assertRejected("owner", () -> write.apply(NewResource.of("instance", "x").withOwner("")));
            assertRejected("owner", () -> write.apply(NewResource.of("instance", "x").withOwner(text(201))));
            assertRejected("labels.backend_type",
                    () -> write.apply(NewResource.of("instance", "x").withLabel("backend_type", "mlx_lm")));
            assertRejected("labels.model", () -> write.apply(NewResource.of("instance", "x").withLabel("model", "\u0000")));
            assertRejected("labels", () -> write.apply(NewResource.of("instance", "x").withLabel(text(201), "v")));
            Map<String, String> nullKey = new HashMap<>();
            nullKey.put(null, "v");
            assertRejected("labels", () -> write.apply(NewResource.of("instance", "x").withLabels(nullKey)));
            Map<String, String> many = new HashMap<>();
            for (int i = 0; i <= ResourceRepository.MAX_LABELS; i++) {
                many.put("k" + i, "v");
            }
            assertRejected("labels", () -> write.apply(NewResource.of("instance", "x").withLabels(many)));
            for (String bad : MALFORMED_JSON) {
                assertRejected("spec", () -> write.apply(NewResource.of("instance", "x").withSpec(bad)));
            }
            assertRejected("spec", () -> write.apply(NewResource.of("instance", "x").withSpec("[1]")));
            assertRejected("spec", () -> write.apply(NewResource.of("instance", "x").withSpec(JSON_WITH_NUL)));
            assertRejected("spec", () -> write.apply(NewResource.of("instance", "x")
                    .withSpec("{\"a\":" + jsonOfBytes(MAX_PAYLOAD) + "}")));
        }
    }

    @Test
    @DisplayName("update and transition: bad id, spec, labels, status not allowed, status detail not a JSON object")
    void updateAndTransition() {
        String id = seeded.id();
        assertRejected("id", () -> resources().update(null, 1, "{}", null));
        assertRejected("spec", () -> resources().update(id, 1, "{", null));
        assertRejected("labels.backend_type", () -> resources().update(id, 1, null, Map.of("backend_type", "x")));
        assertRejected("labels.k", () -> resources().update(id, 1, null, Map.of("k", text(201))));
        assertRejected("id", () -> resources().transition(" ", 1, "running", null));
        assertRejected("status", () -> resources().transition(id, 1, null, null));
        assertRejected("status", () -> resources().transition(id, 1, "deleted", null));
        assertRejected("status", () -> resources().transition(id, 1, "run\u0000", null));
        assertRejected("statusDetail", () -> resources().transition(id, 1, "running", "\"text\""));
        assertRejected("statusDetail", () -> resources().transition(id, 1, "running", JSON_WITH_NUL));
    }

    @Test
    @DisplayName("reads and queries: bad ids, kinds, names, owners, statuses and labels")
    void readsAndQueries() {
        assertRejected("id", () -> resources().get(null));
        assertRejected("id", () -> resources().find(null));
        assertRejected("id", () -> resources().delete(""));
        assertRejected("kind", () -> resources().findByName(null, null, "i"));
        assertRejected("owner", () -> resources().findByName("instance", "", "i"));
        assertRejected("name", () -> resources().findByName("instance", null, text(201)));
        assertRejected("name", () -> resources().kind(null));
        assertRejected("query", () -> resources().list(null, PageRequest.first()));
        assertRejected("kind", () -> resources().list(ResourceQuery.of(null), PageRequest.first()));
        assertRejected("statuses", () -> resources().list(ResourceQuery.of("instance").withStatuses(" "),
                PageRequest.first()));
        assertRejected("labels.k", () -> resources().countByStatus(ResourceQuery.of("instance").withLabel("k", "\u0000")));
        assertRejected("owner", () -> resources().countByStatus(ResourceQuery.of("instance").withOwner(text(201))));
        assertRejected("cursor", () -> resources().list(ResourceQuery.of("instance"), PageRequest.first().after("nope")));
    }

    @Test
    @DisplayName("limits: 200-character names, owners and label keys and values, 64 labels, payload-size spec pass")
    void limitsPass() {
        resources().declareKind(ResourceKind.of(text(200), text(200)));
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < ResourceRepository.MAX_LABELS - 1; i++) {
            labels.put("k" + i, text(200));
        }
        labels.put(text(200), text(200));
        Resource passing = resources().create(new NewResource(text(200), text(200), text(200),
                "{\"a\":" + jsonOfBytes(MAX_PAYLOAD - 6) + "}", labels));
        assertThat(resources().get(passing.id())).isEqualTo(passing);
        resources().delete(passing.id());
    }
}
