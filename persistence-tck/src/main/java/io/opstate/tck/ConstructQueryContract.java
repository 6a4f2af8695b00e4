package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructQuery;
import io.opstate.constructs.ConstructRepository;
import io.opstate.constructs.NewConstruct;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Listing, streaming and counting constructs: keyset pages filtered by type, status, time and metadata. */
public abstract class ConstructQueryContract extends TckSupport {

    protected ConstructRepository constructs() {
        return store.constructs();
    }

    /** One connection, so that a stream holding one between pages would starve other work. */
    @Override
    protected io.opstate.PersistenceConfig.Builder configure(io.opstate.PersistenceConfig.Builder builder) {
        return builder.poolMaxSize(1).connectionTimeout(Duration.ofSeconds(5));
    }

    /** Creates a construct with this id, one second after the previous one. */
    private Construct create(String id, String type, String status, String metadata) {
        advance(Duration.ofSeconds(1));
        return constructs().create(NewConstruct.of(type, status).withId(id).withMetadata(metadata));
    }

    /** The ids of every construct matching {@code query}, newest first. */
    private List<String> ids(ConstructQuery query) {
        return StoreSnapshot.readAll(page -> constructs().list(query, page), PageRequest.first(2)).stream()
                .map(Construct::id).toList();
    }

    @Test
    @DisplayName("list: newest first by default, oldest first on request, keyset pages that meet exactly")
    void pages() {
        for (int i = 1; i <= 5; i++) {
            create("c" + i, "plan", "draft", null);
        }
        Page<Construct> first = constructs().list(ConstructQuery.all(), PageRequest.first(2));
        assertThat(first.items()).extracting(Construct::id).containsExactly("c5", "c4");
        Page<Construct> second = constructs().list(ConstructQuery.all(), PageRequest.first(2).after(first.nextCursor()));
        assertThat(second.items()).extracting(Construct::id).containsExactly("c3", "c2");
        Page<Construct> last = constructs().list(ConstructQuery.all(), PageRequest.first(2).after(second.nextCursor()));
        assertThat(last.items()).extracting(Construct::id).containsExactly("c1");
        assertThat(last.hasMore()).isFalse();

        assertThat(StoreSnapshot.readAll(page -> constructs().list(null, page), PageRequest.first(2).oldestFirst()))
                .extracting(Construct::id).containsExactly("c1", "c2", "c3", "c4", "c5");
    }

    @Test
    @DisplayName("list: constructs created at the same instant are ordered by id and none is skipped across pages")
    void sameInstant() {
        for (String id : List.of("b", "d", "a", "e", "c")) {
            constructs().create(NewConstruct.of("plan", "draft").withId(id));
        }
        assertThat(StoreSnapshot.readAll(page -> constructs().list(ConstructQuery.all(), page),
                PageRequest.first(2).oldestFirst())).extracting(Construct::id).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    @DisplayName("list: by types, statuses and creation time range [from, before), combined")
    void filters() {
        Construct plan = create("plan-1", "plan", "draft", null);
        Construct impl = create("impl-1", "implementation", "running", null);
        create("impl-2", "implementation", "done", null);
        Construct review = create("review-1", "review", "running", null);

        assertThat(ids(ConstructQuery.all().withTypes("implementation", "review")))
                .containsExactly("review-1", "impl-2", "impl-1");
        assertThat(ids(ConstructQuery.all().withStatuses("running"))).containsExactly("review-1", "impl-1");
        assertThat(ids(ConstructQuery.all().withTypes("implementation").withStatuses("running", "draft")))
                .containsExactly("impl-1");
        assertThat(ids(ConstructQuery.all().createdBetween(impl.createdAt(), review.createdAt())))
                .containsExactly("impl-2", "impl-1");
        assertThat(ids(ConstructQuery.all().createdBetween(null, impl.createdAt()))).containsExactly("plan-1");
        assertThat(ids(ConstructQuery.all().createdBetween(review.createdAt(), null))).containsExactly("review-1");
        assertThat(ids(ConstructQuery.all().withTypes("unknown"))).isEmpty();
        assertThat(plan.createdAt()).isBefore(impl.createdAt());
    }

    @Test
    @DisplayName("metadata: every top-level field of the filter must be present with an equal value")
    void metadataFields() {
        create("a", "plan", "draft", "{\"repo\": \"billing\", \"priority\": 2, \"team\": \"core\"}");
        create("b", "plan", "draft", "{\"repo\": \"billing\", \"priority\": 3}");
        create("c", "plan", "draft", "{\"repo\": \"search\", \"priority\": 2}");
        create("none", "plan", "draft", null);

        assertThat(ids(ConstructQuery.all().withMetadata("{\"repo\": \"billing\"}"))).containsExactly("b", "a");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"repo\": \"billing\", \"priority\": 2}"))).containsExactly("a");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"team\": \"core\", \"missing\": 1}"))).isEmpty();
        assertThat(ids(ConstructQuery.all().withMetadata("{\"repo\": \"Billing\"}"))).isEmpty();
        assertThat(ids(ConstructQuery.all().withMetadata("{}"))).as("{} matches every construct with metadata")
                .containsExactly("c", "b", "a");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"priority\": 2}").withTypes("plan").withStatuses("draft")))
                .containsExactly("c", "a");
    }

    @Test
    @DisplayName("metadata: numbers compare by value; strings, booleans, numbers and null never equal one another")
    void metadataScalars() {
        create("one", "plan", "draft", "{\"v\": 1}");
        create("one-point-zero", "plan", "draft", "{\"v\": 1.0}");
        create("text-one", "plan", "draft", "{\"v\": \"1\"}");
        create("true", "plan", "draft", "{\"v\": true}");
        create("false", "plan", "draft", "{\"v\": false}");
        create("zero", "plan", "draft", "{\"v\": 0}");
        create("null", "plan", "draft", "{\"v\": null}");
        create("absent", "plan", "draft", "{\"w\": 1}");
        create("half", "plan", "draft", "{\"v\": 0.5}");

        assertThat(ids(ConstructQuery.all().withMetadata("{\"v\": 1}"))).containsExactly("one-point-zero", "one");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"v\": 1e0}"))).containsExactly("one-point-zero", "one");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"v\": \"1\"}"))).containsExactly("text-one");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"v\": true}"))).containsExactly("true");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"v\": false}"))).containsExactly("false");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"v\": 0}"))).containsExactly("zero");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"v\": null}"))).as("null matches a present null only")
                .containsExactly("null");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"v\": 5e-1}"))).containsExactly("half");
    }

    @Test
    @DisplayName("metadata: a nested object or array must equal the filter's whole; key order does not matter")
    void metadataNested() {
        create("obj", "plan", "draft", "{\"owner\": {\"name\": \"ana\", \"team\": \"core\"}}");
        create("obj-more", "plan", "draft", "{\"owner\": {\"name\": \"ana\", \"team\": \"core\", \"since\": 2020}}");
        create("list", "plan", "draft", "{\"tags\": [\"a\", \"b\"]}");
        create("list-more", "plan", "draft", "{\"tags\": [\"a\", \"b\", \"c\"]}");
        create("list-reversed", "plan", "draft", "{\"tags\": [\"b\", \"a\"]}");
        create("deep", "plan", "draft", "{\"x\": {\"y\": [1, {\"z\": null}, []], \"e\": {}}}");
        create("text-of-object", "plan", "draft", "{\"owner\": \"{\\\"name\\\": \\\"ana\\\", \\\"team\\\": \\\"core\\\"}\"}");

        assertThat(ids(ConstructQuery.all().withMetadata("{\"owner\": {\"team\": \"core\", \"name\": \"ana\"}}")))
                .containsExactly("obj");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"owner\": {\"name\": \"ana\"}}"))).isEmpty();
        assertThat(ids(ConstructQuery.all().withMetadata("{\"tags\": [\"a\", \"b\"]}"))).containsExactly("list");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"tags\": [\"a\"]}"))).isEmpty();
        assertThat(ids(ConstructQuery.all().withMetadata("{\"tags\": []}"))).isEmpty();
        assertThat(ids(ConstructQuery.all().withMetadata("{\"x\": {\"e\": {}, \"y\": [1.0, {\"z\": null}, []]}}")))
                .containsExactly("deep");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"x\": {\"e\": {}, \"y\": [1, {\"z\": 0}, []]}}"))).isEmpty();
        assertThat(ids(ConstructQuery.all().withMetadata("{\"x\": {\"e\": [], \"y\": [1, {\"z\": null}, []]}}"))).isEmpty();
    }

    @Test
    @DisplayName("metadata: field names are matched exactly, whatever characters they hold")
    void metadataFieldNames() {
        create("dotted", "plan", "draft", "{\"a.b\": 1, \"a\": {\"b\": 2}}");
        create("quoted", "plan", "draft", "{\"say \\\"hi\\\"\": \"x\", \"$\": \"dollar\", \"ключ 🔑\": [1]}");

        assertThat(ids(ConstructQuery.all().withMetadata("{\"a.b\": 1}"))).containsExactly("dotted");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"a.b\": 2}"))).isEmpty();
        assertThat(ids(ConstructQuery.all().withMetadata("{\"a\": {\"b\": 2}}"))).containsExactly("dotted");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"say \\\"hi\\\"\": \"x\"}"))).containsExactly("quoted");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"$\": \"dollar\", \"ключ 🔑\": [1]}")))
                .containsExactly("quoted");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"A.B\": 1}"))).isEmpty();
    }

    @Test
    @DisplayName("metadata: escapes are read before comparing: \\u00e9 in a name or value equals é written as is")
    void metadataEscapes() {
        create("raw", "plan", "draft", "{\"café\": \"thé\", \"tab\": \"a\\tb\", \"list\": [\"é\"]}");
        create("escaped", "plan", "draft", "{\"caf\\u00e9\": \"th\\u00e9\", \"tab\": \"a\\u0009b\", \"list\": [\"\\u00e9\"]}");

        assertThat(ids(ConstructQuery.all().withMetadata("{\"café\": \"thé\"}"))).containsExactly("escaped", "raw");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"caf\\u00e9\": \"th\\u00e9\", \"tab\": \"a\\tb\"}")))
                .containsExactly("escaped", "raw");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"list\": [\"\\u00e9\"]}"))).containsExactly("escaped", "raw");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"café\": \"the\"}"))).isEmpty();

        create("nested-raw", "plan", "draft", "{\"o\": {\"clé\": {\"a\\\"b\": 1}}}");
        create("nested-escaped", "plan", "draft", "{\"o\": {\"cl\\u00e9\": {\"a\\u0022b\": 1}}}");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"o\": {\"clé\": {\"a\\\"b\": 1.0}}}")))
                .containsExactly("nested-escaped", "nested-raw");
        assertThat(ids(ConstructQuery.all().withMetadata("{\"o\": {\"cl\\u00e9\": {\"a\\u0022b\": 1}}}")))
                .containsExactly("nested-escaped", "nested-raw");
    }

    @Test
    @DisplayName("metadata: pages of a filtered listing meet exactly, in both orders")
    void metadataPages() {
        for (int i = 1; i <= 7; i++) {
            create("c" + i, "plan", "draft", "{\"even\": " + (i % 2 == 0) + "}");
        }
        assertThat(StoreSnapshot.readAll(page -> constructs().list(ConstructQuery.all().withMetadata("{\"even\": false}"),
                page), PageRequest.first(2).oldestFirst())).extracting(Construct::id).containsExactly("c1", "c3", "c5", "c7");
        assertThat(StoreSnapshot.readAll(page -> constructs().list(ConstructQuery.all().withMetadata("{\"even\": true}"),
                page), PageRequest.first(1))).extracting(Construct::id).containsExactly("c6", "c4", "c2");
    }

    @Test
    @DisplayName("metadata: an update moves a construct into and out of a filter; removed metadata matches nothing")
    void metadataAfterUpdate() {
        create("c", "plan", "draft", "{\"stage\": 1}");
        constructs().update("c", 1, io.opstate.constructs.ConstructChanges.none().withMetadata("{\"stage\": 2}"));
        assertThat(ids(ConstructQuery.all().withMetadata("{\"stage\": 1}"))).isEmpty();
        assertThat(ids(ConstructQuery.all().withMetadata("{\"stage\": 2}"))).containsExactly("c");
        constructs().update("c", 2, io.opstate.constructs.ConstructChanges.none().withoutMetadata());
        assertThat(ids(ConstructQuery.all().withMetadata("{}"))).isEmpty();
    }

    @Test
    @DisplayName("stream: every matching construct once, in the order asked, newest first by default")
    void stream() {
        for (int i = 1; i <= 6; i++) {
            create("c" + i, i % 3 == 0 ? "review" : "plan", "draft", "{\"i\": " + i + "}");
        }
        try (Stream<Construct> all = constructs().stream(null, null)) {
            assertThat(all.map(Construct::id)).containsExactly("c6", "c5", "c4", "c3", "c2", "c1");
        }
        try (Stream<Construct> plans = constructs().stream(ConstructQuery.all().withTypes("plan"), SortOrder.OLDEST_FIRST)) {
            assertThat(plans.map(Construct::id)).containsExactly("c1", "c2", "c4", "c5");
        }
        try (Stream<Construct> one = constructs().stream(ConstructQuery.all().withMetadata("{\"i\": 4}"), SortOrder.NEWEST_FIRST)) {
            assertThat(one.map(Construct::id)).containsExactly("c4");
        }
    }

    @Test
    @DisplayName("stream: more than two pages, filtered by metadata, lazily, with other work between pages on one connection")
    void streamManyPages() {
        int count = 2_100;
        store.useTransaction(tx -> {
            for (int i = 0; i < count; i++) {
                tx.constructs().create(NewConstruct.of("plan", "draft").withId(String.format("c%04d", i))
                        .withMetadata("{\"odd\": " + (i % 2 == 1) + "}"));
            }
        });
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 1; i < count; i += 2) {
            expected.add(String.format("c%04d", i));
        }
        try (Stream<Construct> odd = constructs().stream(ConstructQuery.all().withMetadata("{\"odd\": true}"),
                SortOrder.OLDEST_FIRST)) {
            List<String> seen = new java.util.ArrayList<>();
            odd.forEach(construct -> {
                seen.add(construct.id());
                if (seen.size() % 500 == 0) {
                    // the stream holds no connection between pages: the store's only one serves this
                    assertThat(constructs().countByStatus(null)).containsEntry("draft", (long) count);
                }
            });
            assertThat(seen).isEqualTo(expected);
        }
        try (Stream<Construct> all = constructs().stream(ConstructQuery.all(), null)) {
            assertThat(all.count()).isEqualTo(count);
        }
    }

    @Test
    @DisplayName("countByStatus: counts per status of the matching constructs, only statuses present, in code-point order")
    void countByStatus() {
        Instant start = now();
        create("a", "plan", "running", "{\"repo\": \"billing\"}");
        create("b", "plan", "done", "{\"repo\": \"billing\"}");
        create("c", "implementation", "running", "{\"repo\": \"search\"}");
        create("d", "implementation", "running", null);
        create("e", "plan", "Zed", null);

        Map<String, Long> all = constructs().countByStatus(ConstructQuery.all());
        assertThat(all).containsExactly(Map.entry("Zed", 1L), Map.entry("done", 1L), Map.entry("running", 3L));
        assertThat(constructs().countByStatus(null)).isEqualTo(all);
        assertThat(constructs().countByStatus(ConstructQuery.all().withTypes("plan")))
                .containsExactly(Map.entry("Zed", 1L), Map.entry("done", 1L), Map.entry("running", 1L));
        assertThat(constructs().countByStatus(ConstructQuery.all().withMetadata("{\"repo\": \"billing\"}")))
                .containsExactly(Map.entry("done", 1L), Map.entry("running", 1L));
        assertThat(constructs().countByStatus(ConstructQuery.all().withStatuses("running").createdBetween(start,
                start.plusSeconds(4)))).containsExactly(Map.entry("running", 2L));
        assertThat(constructs().countByStatus(ConstructQuery.all().withTypes("unknown"))).isEmpty();
    }
}
