package io.opstate.tck;

import static io.opstate.tck.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.StaleVersionException;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructChanges;
import io.opstate.constructs.ConstructRepository;
import io.opstate.constructs.NewConstruct;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Agent constructs: create, read, update with an optimistic version, delete. */
public abstract class ConstructContract extends TckSupport {

    protected ConstructRepository constructs() {
        return store.constructs();
    }

    @Test
    @DisplayName("create: a caller's id, type, status, title and metadata are stored at version 1, stamped now")
    void create() {
        Construct created = constructs().create(NewConstruct.of("plan", "draft").withId("plan-1")
                .withTitle("Move billing to OpState").withMetadata("{\"repo\": \"billing\", \"priority\": 2}"));
        assertThat(created.id()).isEqualTo("plan-1");
        assertThat(created.type()).isEqualTo("plan");
        assertThat(created.status()).isEqualTo("draft");
        assertThat(created.title()).isEqualTo("Move billing to OpState");
        assertJsonEquals("{\"priority\":2,\"repo\":\"billing\"}", created.metadata());
        assertThat(created.createdAt()).isEqualTo(T0);
        assertThat(created.updatedAt()).isEqualTo(T0);
        assertThat(created.version()).isEqualTo(1);

        Construct read = constructs().get("plan-1");
        assertThat(read).usingRecursiveComparison().ignoringFields("metadata").isEqualTo(created);
        assertJsonEquals(created.metadata(), read.metadata());
        assertThat(constructs().find("plan-1")).contains(read);
    }

    @Test
    @DisplayName("create: without an id a time-ordered UUID is generated; no title and no metadata stay null")
    void createMinimal() {
        Construct first = constructs().create(NewConstruct.of("plan", "draft"));
        Construct second = constructs().create(NewConstruct.of("plan", "draft"));
        assertThat(first.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(first.title()).isNull();
        assertThat(first.metadata()).isNull();
        assertThat(constructs().get(first.id())).isEqualTo(first);
    }

    @Test
    @DisplayName("create: text is kept exactly: a title of 1,000 characters, supplementary characters, metadata strings")
    void createKeepsText() {
        String title = "🧭".repeat(ConstructRepository.MAX_TITLE_LENGTH);
        Construct created = constructs().create(NewConstruct.of("τύπος", "état ✓").withTitle(title)
                .withMetadata("{\"note\": \"line\\nbreak \\u00e9 🧭\", \"nested\": {\"list\": [1, 2.5, null, true]}}"));
        Construct read = constructs().get(created.id());
        assertThat(read.title()).isEqualTo(title);
        assertThat(read.type()).isEqualTo("τύπος");
        assertThat(read.status()).isEqualTo("état ✓");
        assertJsonEquals("{\"nested\": {\"list\": [1, 2.5, null, true]}, \"note\": \"line\\nbreak é 🧭\"}", read.metadata());
    }

    @Test
    @DisplayName("create: a taken id is a DuplicateKeyException naming the construct; the existing one is untouched")
    void duplicateId() {
        Construct first = constructs().create(NewConstruct.of("plan", "draft").withId("c").withTitle("one"));
        DuplicateKeyException e = assertFailsUnchanged(DuplicateKeyException.class,
                () -> constructs().create(NewConstruct.of("task", "done").withId("c").withTitle("two")));
        assertThat(e.entity()).isEqualTo("construct");
        assertThat(e.id()).isEqualTo("c");
        assertThat(constructs().get("c")).isEqualTo(first);
    }

    @Test
    @DisplayName("find and get: an unknown id is empty, and a NotFoundException naming the construct")
    void unknownId() {
        assertThat(constructs().find("missing")).isEmpty();
        assertThatThrownBy(() -> constructs().get("missing"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.entity()).isEqualTo("construct");
                    assertThat(e.id()).isEqualTo("missing");
                });
    }

    @Test
    @DisplayName("update: replaces status, title and metadata; version + 1, updatedAt now, type and createdAt kept")
    void update() {
        constructs().create(NewConstruct.of("plan", "draft").withId("c").withTitle("old").withMetadata("{\"v\": 1}"));
        Instant later = advance(Duration.ofMinutes(5));
        Construct updated = constructs().update("c", 1, ConstructChanges.none().withStatus("approved")
                .withTitle("new").withMetadata("{\"v\": 2, \"by\": \"ana\"}"));

        assertThat(updated.status()).isEqualTo("approved");
        assertThat(updated.title()).isEqualTo("new");
        assertJsonEquals("{\"by\":\"ana\",\"v\":2}", updated.metadata());
        assertThat(updated.type()).isEqualTo("plan");
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.createdAt()).isEqualTo(T0);
        assertThat(updated.updatedAt()).isEqualTo(later);
        Construct read = constructs().get("c");
        assertThat(read).usingRecursiveComparison().ignoringFields("metadata").isEqualTo(updated);
        assertJsonEquals(updated.metadata(), read.metadata());
    }

    @Test
    @DisplayName("update: null keeps a field; no changes at all still count as a change; title and metadata can be removed")
    void updateKeepsAndRemoves() {
        constructs().create(NewConstruct.of("plan", "draft").withId("c").withTitle("t").withMetadata("{\"v\": 1}"));
        Construct kept = constructs().update("c", 1, ConstructChanges.none());
        assertThat(kept.status()).isEqualTo("draft");
        assertThat(kept.title()).isEqualTo("t");
        assertJsonEquals("{\"v\": 1}", kept.metadata());
        assertThat(kept.version()).isEqualTo(2);

        Construct removed = constructs().update("c", 2, ConstructChanges.none().withoutTitle().withoutMetadata());
        assertThat(removed.title()).isNull();
        assertThat(removed.metadata()).isNull();
        assertThat(removed.status()).isEqualTo("draft");
        assertThat(constructs().get("c")).isEqualTo(removed);
    }

    @Test
    @DisplayName("update: a stale version is a StaleVersionException and changes nothing; an unknown id is NotFound")
    void staleVersion() {
        constructs().create(NewConstruct.of("plan", "draft").withId("c"));
        constructs().update("c", 1, ConstructChanges.none().withStatus("approved"));
        StaleVersionException stale = assertFailsUnchanged(StaleVersionException.class,
                () -> constructs().update("c", 1, ConstructChanges.none().withStatus("rejected")));
        assertThat(stale.entity()).isEqualTo("construct");
        assertThat(stale.id()).isEqualTo("c");
        assertThat(stale.expectedVersion()).isEqualTo(1);
        assertThat(constructs().get("c").status()).isEqualTo("approved");

        NotFoundException missing = assertFailsUnchanged(NotFoundException.class,
                () -> constructs().update("missing", 1, ConstructChanges.none()));
        assertThat(missing.entity()).isEqualTo("construct");
        assertThat(missing.id()).isEqualTo("missing");
    }

    @Test
    @DisplayName("update: of two writers holding the same version exactly one wins")
    void concurrentUpdates() throws Exception {
        constructs().create(NewConstruct.of("plan", "draft").withId("c"));
        var outcomes = onAllThreads(() -> {
            try {
                constructs().update("c", 1, ConstructChanges.none().withStatus(Thread.currentThread().getName()));
                return true;
            } catch (StaleVersionException e) {
                return false;
            }
        });
        assertThat(outcomes).containsOnlyOnce(true);
        assertThat(constructs().get("c").version()).isEqualTo(2);
    }

    @Test
    @DisplayName("delete: the construct is gone and delete says whether it existed")
    void delete() {
        constructs().create(NewConstruct.of("plan", "draft").withId("c"));
        constructs().create(NewConstruct.of("plan", "draft").withId("other"));
        assertThat(constructs().delete("c")).isTrue();
        assertThat(constructs().find("c")).isEmpty();
        assertThat(constructs().delete("c")).isFalse();
        assertThat(constructs().get("other").id()).isEqualTo("other");
    }

    @Test
    @DisplayName("create and delete join a transaction: a failed transaction leaves no construct behind")
    void transactional() {
        assertThatThrownBy(() -> store.useTransaction(tx -> {
            tx.constructs().create(NewConstruct.of("plan", "draft").withId("c"));
            assertThat(tx.constructs().get("c").id()).isEqualTo("c");
            throw new IllegalStateException("host failure");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(constructs().find("c")).isEmpty();
    }
}
