package io.opstate.tck;

import static io.opstate.tck.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.StaleVersionException;
import io.opstate.preferences.Preference;
import io.opstate.preferences.PreferenceRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Preferences: JSON documents by owner and key; saves unconditional or guarded by a version (0:
 * must be absent), updatedAt moved by every change, owners kept apart, lists paged by cursor.
 */
public abstract class PreferenceContract extends TckSupport {
    private PreferenceRepository preferences() {
        return store.preferences();
    }

    @Test
    @DisplayName("save: a new key is version 1, stamped now; get and find return it")
    void create() {
        Preference saved = preferences().save("alice", "theme", "{\"dark\": true, \"size\": 12}");
        assertThat(saved.owner()).isEqualTo("alice");
        assertThat(saved.key()).isEqualTo("theme");
        assertJsonEquals("{\"size\":12,\"dark\":true}", saved.document());
        assertThat(saved.version()).isEqualTo(1);
        assertThat(saved.createdAt()).isEqualTo(T0);
        assertThat(saved.updatedAt()).isEqualTo(T0);
        Preference read = preferences().get("alice", "theme");
        assertThat(read).usingRecursiveComparison().ignoringFields("document").isEqualTo(saved);
        assertJsonEquals(saved.document(), read.document());
        assertThat(preferences().find("alice", "theme")).isPresent();
    }

    @Test
    @DisplayName("save: replaces the document, version + 1, updatedAt now, createdAt kept")
    void replace() {
        preferences().save(null, "limits", "{\"max\": 1}");
        Instant later = advance(Duration.ofMinutes(1));
        Preference saved = preferences().save(null, "limits", "[1, 2]");
        assertThat(saved.owner()).isNull();
        assertThat(saved.version()).isEqualTo(2);
        assertThat(saved.createdAt()).isEqualTo(T0);
        assertThat(saved.updatedAt()).isEqualTo(later);
        assertJsonEquals("[1,2]", preferences().get(null, "limits").document());
    }

    @Test
    @DisplayName("save with a version: 0 creates only when absent; n replaces only at version n")
    void expectedVersion() {
        Preference created = preferences().save("bob", "k", "1", 0);
        assertThat(created.version()).isEqualTo(1);
        Instant later = advance(Duration.ofSeconds(3));
        Preference second = preferences().save("bob", "k", "2", 1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.updatedAt()).isEqualTo(later);

        advance(Duration.ofSeconds(3));
        StaleVersionException stale = assertFailsUnchanged(StaleVersionException.class,
                () -> preferences().save("bob", "k", "3", 1));
        assertThat(stale.expectedVersion()).isEqualTo(1);
        assertFailsUnchanged(StaleVersionException.class, () -> preferences().save("bob", "k", "3", 0));
        assertFailsUnchanged(NotFoundException.class, () -> preferences().save("bob", "absent", "3", 4));
        assertJsonEquals("2", preferences().get("bob", "k").document());
        assertThat(preferences().get("bob", "k").updatedAt()).isEqualTo(later);
    }

    @Test
    @DisplayName("a failed guarded save leaves an enclosing transaction usable")
    void staleInsideTransaction() {
        preferences().save("bob", "k", "1");
        String result = store.inTransaction(tx -> {
            assertThatThrownBy(() -> tx.preferences().save("bob", "k", "2", 0)).isInstanceOf(StaleVersionException.class);
            tx.preferences().save("bob", "other", "\"ok\"");
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(preferences().find("bob", "other")).isPresent();
    }

    @Test
    @DisplayName("owners are kept apart: the same key for two owners and for no one are three preferences")
    void owners() {
        preferences().save("alice", "theme", "\"a\"");
        preferences().save("bob", "theme", "\"b\"");
        preferences().save(null, "theme", "\"none\"");
        assertJsonEquals("\"a\"", preferences().get("alice", "theme").document());
        assertJsonEquals("\"b\"", preferences().get("bob", "theme").document());
        assertJsonEquals("\"none\"", preferences().get(null, "theme").document());
        assertThat(preferences().delete("alice", "theme")).isTrue();
        assertThat(preferences().delete("alice", "theme")).isFalse();
        assertThat(preferences().find("alice", "theme")).isEmpty();
        assertThat(preferences().find("bob", "theme")).isPresent();
        assertThat(preferences().find(null, "theme")).isPresent();
        assertThatThrownBy(() -> preferences().get("alice", "theme")).isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("list: an owner's preferences, newest first, paged by cursor")
    void list() {
        preferences().save("alice", "a", "1");
        advance(Duration.ofSeconds(1));
        preferences().save("alice", "b", "2");
        advance(Duration.ofSeconds(1));
        preferences().save("alice", "c", "3");
        preferences().save("bob", "x", "4");
        preferences().save(null, "y", "5");
        Page<Preference> page = preferences().list("alice", PageRequest.first(2));
        assertThat(page.items()).extracting(Preference::key).containsExactly("c", "b");
        Page<Preference> next = preferences().list("alice", PageRequest.first(2).after(page.nextCursor()));
        assertThat(next.items()).extracting(Preference::key).containsExactly("a");
        assertThat(next.nextCursor()).isNull();
        assertThat(preferences().list(null, PageRequest.first(10)).items()).extracting(Preference::key)
                .containsExactly("y");
        assertThat(preferences().list("nobody", PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    @DisplayName("bad input: typed error naming the field, nothing written")
    void badInput() {
        preferences().save("alice", "k", "{\"v\": 1}");
        assertRejected("key", () -> preferences().save("alice", "x".repeat(201), "{}"));
        assertRejected("key", () -> preferences().save("alice", "nul\0key", "{}"));
        assertRejected("key", () -> preferences().save("alice", null, "{}"));
        assertRejected("owner", () -> preferences().save("o".repeat(201), "k", "{}"));
        assertRejected("owner", () -> preferences().save("nul\0", "k", "{}"));
        assertRejected("owner", () -> preferences().save(" ", "k", "{}"));
        assertRejected("document", () -> preferences().save("alice", "k", "{not json"));
        assertRejected("document", () -> preferences().save("alice", "k", null));
        assertRejected("document", () -> preferences().save("alice", "k", "\"nul\0\"", 1));
        assertRejected("expectedVersion", () -> preferences().save("alice", "k", "{}", -1));
        assertRejected("key", () -> preferences().delete("alice", "bad\0"));
        for (String owner : List.of("alice")) {
            assertThat(preferences().get(owner, "k").version()).isEqualTo(1);
        }
        assertThat(preferences().find("o".repeat(201), "k")).isEmpty();
        assertThatThrownBy(() -> preferences().get("nul\0", "k")).isInstanceOf(NotFoundException.class);
    }
}
