package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.InvalidInputException;
import io.opstate.PageRequest;
import io.opstate.constructs.ConstructChanges;
import io.opstate.constructs.ConstructQuery;
import io.opstate.constructs.ConstructRepository;
import io.opstate.constructs.NewConstruct;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bad input to every construct operation: rejected with {@link InvalidInputException} naming the
 * field, and the store unchanged afterwards. Values just inside each limit pass.
 */
public abstract class InvalidConstructInputContract extends InvalidInputSupport {
    /** An object of exactly {@code bytes} UTF-8 bytes. */
    private static String objectOfBytes(int bytes) {
        return "{\"a\":" + jsonOfBytes(bytes - 6) + "}";
    }

    private ConstructRepository constructs() {
        return store.constructs();
    }

    @BeforeEach
    void seed() {
        constructs().create(NewConstruct.of("plan", "draft").withId("c1").withMetadata("{\"v\": 1}"));
        constructs().create(NewConstruct.of("plan", "draft").withId("c2"));
        constructs().link("c1", "next", "c2", null);
    }

    @Test
    @DisplayName("create: bad id, type or status; long title; metadata malformed, oversized or not an object; NUL, lone surrogates")
    void create() {
        assertRejected("construct", () -> constructs().create(null));
        assertRejected("id", () -> constructs().create(NewConstruct.of("plan", "draft").withId(" ")));
        assertRejected("id", () -> constructs().create(NewConstruct.of("plan", "draft").withId(text(201))));
        assertRejected("type", () -> constructs().create(NewConstruct.of(null, "draft")));
        assertRejected("type", () -> constructs().create(NewConstruct.of("", "draft")));
        assertRejected("type", () -> constructs().create(NewConstruct.of(text(201), "draft")));
        assertRejected("type", () -> constructs().create(NewConstruct.of("pl\u0000an", "draft")));
        assertRejected("status", () -> constructs().create(NewConstruct.of("plan", null)));
        assertRejected("status", () -> constructs().create(NewConstruct.of("plan", "dr\nft")));
        assertRejected("status", () -> constructs().create(NewConstruct.of("plan", "x\uD800")));
        assertRejected("title", () -> constructs().create(NewConstruct.of("plan", "draft")
                .withTitle("😀".repeat(ConstructRepository.MAX_TITLE_LENGTH + 1))));
        assertRejected("title", () -> constructs().create(NewConstruct.of("plan", "draft").withTitle("a\u0000b")));
        assertRejected("title", () -> constructs().create(NewConstruct.of("plan", "draft").withTitle("\uDC00")));
        for (String bad : MALFORMED_JSON) {
            assertRejected("metadata", () -> constructs().create(NewConstruct.of("plan", "draft").withMetadata(bad)));
        }
        for (String notAnObject : new String[] {"[]", "1", "\"text\"", "null", "true", " [ {} ] "}) {
            InvalidInputException e = assertRejected("metadata",
                    () -> constructs().create(NewConstruct.of("plan", "draft").withMetadata(notAnObject)));
            assertThat(e.problem()).contains("JSON object");
        }
        assertRejected("metadata", () -> constructs().create(NewConstruct.of("plan", "draft").withMetadata(JSON_WITH_NUL)));
        assertRejected("metadata", () -> constructs().create(NewConstruct.of("plan", "draft")
                .withMetadata(objectOfBytes(MAX_PAYLOAD + 1))));
        assertRejected("metadata", () -> constructs().create(NewConstruct.of("plan", "draft")
                .withMetadata("{\"a\": 1, \"a\": 2}")));

        var passing = constructs().create(NewConstruct.of(text(200), text(200)).withId(text(200))
                .withTitle("😀".repeat(ConstructRepository.MAX_TITLE_LENGTH)).withMetadata(" \n" + objectOfBytes(MAX_PAYLOAD - 2)));
        assertThat(passing.version()).isEqualTo(1);
    }

    @Test
    @DisplayName("update: bad id or status, long title, bad metadata, a field both replaced and removed")
    void update() {
        assertRejected("id", () -> constructs().update(null, 1, ConstructChanges.none()));
        assertRejected("changes", () -> constructs().update("c1", 1, null));
        assertRejected("status", () -> constructs().update("c1", 1, ConstructChanges.none().withStatus(" ")));
        assertRejected("title", () -> constructs().update("c1", 1, ConstructChanges.none().withTitle(text(1001))));
        assertRejected("metadata", () -> constructs().update("c1", 1, ConstructChanges.none().withMetadata("[1]")));
        assertRejected("metadata", () -> constructs().update("c1", 1, ConstructChanges.none().withMetadata("{")));
        assertRejected("title", () -> constructs().update("c1", 1, new ConstructChanges(null, "t", null, true, false)));
        assertRejected("metadata", () -> constructs().update("c1", 1, new ConstructChanges(null, null, "{}", false, true)));
    }

    @Test
    @DisplayName("queries: null set elements, more than 100 types, bad times, metadata filters that are not one object")
    void queries() {
        assertRejected("types", () -> constructs().list(ConstructQuery.all().withTypes("a", null), PageRequest.first()));
        assertRejected("statuses", () -> constructs().countByStatus(ConstructQuery.all().withStatuses("a\u0000")));
        String[] tooMany = new String[101];
        for (int i = 0; i < tooMany.length; i++) {
            tooMany[i] = "t" + i;
        }
        assertRejected("types", () -> constructs().stream(ConstructQuery.all().withTypes(tooMany), null));
        assertRejected("createdFrom", () -> constructs().list(ConstructQuery.all().createdBetween(TOO_EARLY, null),
                PageRequest.first()));
        assertRejected("createdBefore", () -> constructs().countByStatus(ConstructQuery.all().createdBetween(null, TOO_LATE)));
        assertRejected("metadata", () -> constructs().list(ConstructQuery.all().withMetadata("[]"), PageRequest.first()));
        assertRejected("metadata", () -> constructs().stream(ConstructQuery.all().withMetadata("{\"a\":"), null));
        assertRejected("metadata", () -> constructs().countByStatus(ConstructQuery.all().withMetadata(objectOfBytes(
                MAX_PAYLOAD + 1))));
        assertRejected("cursor", () -> constructs().list(ConstructQuery.all(), PageRequest.first().after("forged")));
        assertRejected("limit", () -> constructs().list(ConstructQuery.all(), PageRequest.first(0)));
    }

    @Test
    @DisplayName("links: bad ids or type, a self-edge, metadata that is not one object; reads by odd keys find nothing")
    void links() {
        assertRejected("fromId", () -> constructs().link(null, "next", "c2", null));
        assertRejected("type", () -> constructs().link("c1", text(201), "c2", null));
        assertRejected("toId", () -> constructs().link("c1", "next", "c2\u0000", null));
        assertRejected("toId", () -> constructs().link("c2", "back", "c2", null));
        assertRejected("metadata", () -> constructs().link("c2", "back", "c1", "\"text\""));
        assertRejected("metadata", () -> constructs().link("c2", "back", "c1", objectOfBytes(MAX_PAYLOAD + 1)));
        assertRejected("fromId", () -> constructs().unlink(" ", "next", "c2"));
        assertRejected("type", () -> constructs().unlink("c1", null, "c2"));
        assertRejected("id", () -> constructs().outgoing(null, null));
        assertRejected("id", () -> constructs().incoming(null, "next"));
        assertThat(constructs().outgoing("c1\u0000", null)).isEmpty();
        assertThat(constructs().outgoing("c1", "\uD800")).isEmpty();
        assertThat(constructs().incoming(text(201), null)).isEmpty();
        assertThat(constructs().outgoing("c1", null)).hasSize(1);
    }
}
