package io.opstate.tck;

import static io.opstate.tck.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.constructs.ConstructLink;
import io.opstate.constructs.ConstructRepository;
import io.opstate.constructs.NewConstruct;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Typed, directed edges between constructs. */
public abstract class ConstructLinkContract extends TckSupport {

    protected ConstructRepository constructs() {
        return store.constructs();
    }

    @BeforeEach
    void createConstructs() {
        for (String id : List.of("plan", "impl-a", "impl-b", "review")) {
            constructs().create(NewConstruct.of("task", "open").withId(id));
        }
    }

    private static List<String> edges(List<ConstructLink> links) {
        return links.stream().map(link -> link.fromId() + " " + link.type() + " " + link.toId()).toList();
    }

    @Test
    @DisplayName("link: the edge is stored with its metadata, made now, and read from both ends")
    void link() {
        Instant later = advance(Duration.ofMinutes(1));
        ConstructLink made = constructs().link("plan", "implemented-by", "impl-a", "{\"order\": 1, \"note\": \"first\"}");
        assertThat(made.fromId()).isEqualTo("plan");
        assertThat(made.type()).isEqualTo("implemented-by");
        assertThat(made.toId()).isEqualTo("impl-a");
        assertJsonEquals("{\"note\":\"first\",\"order\":1}", made.metadata());
        assertThat(made.createdAt()).isEqualTo(later);

        List<ConstructLink> outgoing = constructs().outgoing("plan", null);
        assertThat(outgoing).hasSize(1);
        assertThat(outgoing.get(0)).usingRecursiveComparison().ignoringFields("metadata").isEqualTo(made);
        assertJsonEquals(made.metadata(), outgoing.get(0).metadata());
        assertThat(constructs().incoming("impl-a", null)).usingRecursiveFieldByFieldElementComparatorIgnoringFields("metadata")
                .containsExactly(made);
        assertThat(constructs().incoming("plan", null)).isEmpty();
        assertThat(constructs().outgoing("impl-a", null)).isEmpty();
    }

    @Test
    @DisplayName("outgoing and incoming: by type or of every type, ordered by type then the other end")
    void byType() {
        constructs().link("plan", "implemented-by", "impl-b", null);
        constructs().link("plan", "reviewed-by", "review", null);
        constructs().link("plan", "implemented-by", "impl-a", null);
        constructs().link("impl-a", "blocks", "impl-b", null);
        constructs().link("review", "implemented-by", "impl-b", null);

        assertThat(edges(constructs().outgoing("plan", null))).containsExactly(
                "plan implemented-by impl-a", "plan implemented-by impl-b", "plan reviewed-by review");
        assertThat(edges(constructs().outgoing("plan", "implemented-by")))
                .containsExactly("plan implemented-by impl-a", "plan implemented-by impl-b");
        assertThat(edges(constructs().incoming("impl-b", null))).containsExactly(
                "impl-a blocks impl-b", "plan implemented-by impl-b", "review implemented-by impl-b");
        assertThat(edges(constructs().incoming("impl-b", "implemented-by")))
                .containsExactly("plan implemented-by impl-b", "review implemented-by impl-b");
        assertThat(constructs().outgoing("plan", "unknown-type")).isEmpty();
        assertThat(constructs().outgoing("no-such-construct", null)).isEmpty();
        assertThat(constructs().incoming("no-such-construct", "blocks")).isEmpty();
    }

    @Test
    @DisplayName("link: edges of other types, or the other way round, are different edges; the same edge twice is a duplicate")
    void duplicates() {
        constructs().link("plan", "implemented-by", "impl-a", "{\"v\": 1}");
        constructs().link("plan", "tracked-by", "impl-a", null);
        constructs().link("impl-a", "implemented-by", "plan", null);

        DuplicateKeyException e = assertFailsUnchanged(DuplicateKeyException.class,
                () -> constructs().link("plan", "implemented-by", "impl-a", "{\"v\": 2}"));
        assertThat(e.entity()).isEqualTo("construct link");
        assertThat(e.id()).isEqualTo("plan -[implemented-by]-> impl-a");
        assertJsonEquals("{\"v\": 1}", constructs().outgoing("plan", "implemented-by").get(0).metadata());
    }

    @Test
    @DisplayName("link: an unknown construct at either end is a NotFoundException naming it, the source end first")
    void unknownEnds() {
        NotFoundException from = assertFailsUnchanged(NotFoundException.class,
                () -> constructs().link("ghost", "implemented-by", "impl-a", null));
        assertThat(from.entity()).isEqualTo("construct");
        assertThat(from.id()).isEqualTo("ghost");
        NotFoundException to = assertFailsUnchanged(NotFoundException.class,
                () -> constructs().link("plan", "implemented-by", "phantom", null));
        assertThat(to.id()).isEqualTo("phantom");
        NotFoundException both = assertFailsUnchanged(NotFoundException.class,
                () -> constructs().link("ghost", "implemented-by", "phantom", null));
        assertThat(both.id()).isEqualTo("ghost");
    }

    @Test
    @DisplayName("link: a construct cannot be linked to itself, refused naming toId")
    void selfEdge() {
        assertRejected("toId", () -> constructs().link("plan", "depends-on", "plan", null));
    }

    @Test
    @DisplayName("unlink: removes only that edge and says whether it existed")
    void unlink() {
        constructs().link("plan", "implemented-by", "impl-a", null);
        constructs().link("plan", "implemented-by", "impl-b", null);
        assertThat(constructs().unlink("plan", "implemented-by", "impl-a")).isTrue();
        assertThat(constructs().unlink("plan", "implemented-by", "impl-a")).isFalse();
        assertThat(constructs().unlink("plan", "other-type", "impl-b")).isFalse();
        assertThat(constructs().unlink("ghost", "implemented-by", "impl-b")).isFalse();
        assertThat(edges(constructs().outgoing("plan", null))).containsExactly("plan implemented-by impl-b");
    }

    @Test
    @DisplayName("delete: a construct's edges go with it at either end; other edges stay")
    void removedWithEitherEnd() {
        constructs().link("plan", "implemented-by", "impl-a", null);
        constructs().link("impl-a", "blocks", "impl-b", null);
        constructs().link("review", "reviews", "impl-b", null);
        constructs().link("plan", "reviewed-by", "review", null);

        assertThat(constructs().delete("impl-a")).isTrue();

        assertThat(edges(constructs().outgoing("plan", null))).containsExactly("plan reviewed-by review");
        assertThat(edges(constructs().incoming("impl-b", null))).containsExactly("review reviews impl-b");
        assertThat(constructs().outgoing("impl-a", null)).isEmpty();
        assertThat(constructs().incoming("impl-a", null)).isEmpty();
        assertThatThrownBy(() -> constructs().link("plan", "implemented-by", "impl-a", null))
                .isInstanceOf(NotFoundException.class);
        constructs().create(NewConstruct.of("task", "open").withId("impl-a"));
        assertThat(constructs().incoming("impl-a", null)).as("a new construct of the same id inherits no edge").isEmpty();
    }

    @Test
    @DisplayName("link in a failed transaction leaves no edge; links in opposite directions at once both succeed")
    void transactionsAndConcurrency() throws Exception {
        assertThatThrownBy(() -> store.useTransaction(tx -> {
            tx.constructs().link("plan", "implemented-by", "impl-a", null);
            throw new IllegalStateException("host failure");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(constructs().outgoing("plan", null)).isEmpty();

        java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();
        onAllThreads(() -> {
            int n = turn.getAndIncrement();
            String type = "t" + n / 2;
            return n % 2 == 0 ? constructs().link("impl-a", type, "impl-b", null)
                    : constructs().link("impl-b", type, "impl-a", null);
        });
        assertThat(constructs().outgoing("impl-a", null)).hasSize(THREADS / 2);
        assertThat(constructs().incoming("impl-a", null)).hasSize(THREADS / 2);
    }

    @Test
    @DisplayName("links made while an end is deleted either fail as not found or go with it: no edge outlives its end")
    void linkWhileAnEndIsDeleted() throws Exception {
        for (int round = 0; round < 5; round++) {
            String doomed = "doomed-" + round;
            constructs().create(NewConstruct.of("task", "open").withId(doomed));
            java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();
            List<String> outcomes = onAllThreads(() -> {
                int n = turn.getAndIncrement();
                if (n == 0) {
                    return constructs().delete(doomed) ? "deleted" : "not deleted";
                }
                try {
                    constructs().link(n % 2 == 0 ? "plan" : doomed, "t" + n, n % 2 == 0 ? doomed : "plan", null);
                    return "linked";
                } catch (NotFoundException e) {
                    assertThat(e.id()).isEqualTo(doomed);
                    return "not found";
                }
            });
            assertThat(outcomes).containsOnlyOnce("deleted").doesNotContain("not deleted");
            assertThat(constructs().outgoing("plan", null)).isEmpty();
            assertThat(constructs().incoming("plan", null)).isEmpty();
            assertThat(constructs().outgoing(doomed, null)).isEmpty();
            assertThat(constructs().incoming(doomed, null)).isEmpty();
        }
    }
}
