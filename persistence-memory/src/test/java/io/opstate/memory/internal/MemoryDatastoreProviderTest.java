package io.opstate.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.InvalidInputException;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.memory.MemoryDatastoreProvider;
import org.junit.jupiter.api.Test;

class MemoryDatastoreProviderTest {
    private final MemoryDatastoreProvider provider = new MemoryDatastoreProvider();

    @Test
    void acceptsMemoryUrlsInAnyCase() {
        assertThat(provider.accepts("memory:")).isTrue();
        assertThat(provider.accepts("memory:orders")).isTrue();
        assertThat(provider.accepts("MEMORY:Orders")).isTrue();
        assertThat(provider.accepts("jdbc:sqlite:memory:x")).isFalse();
        assertThat(provider.accepts("memory")).isFalse();
        assertThat(provider.accepts(null)).isFalse();
    }

    @Test
    void describesItself() {
        assertThat(provider.name()).isEqualTo("memory");
        assertThat(provider.artifact()).isEqualTo("io.opstate:persistence-memory");
    }

    @Test
    void isFoundThroughServiceLoader() {
        try (Datastore store = Persistence.open("memory:")) {
            assertThat(store.backendName()).isEqualTo("memory");
            assertThat(store.jobs().countByStatus(null)).hasSize(5);
        }
    }

    @Test
    void refusesAnotherSchemeWhenSelectedByName() {
        PersistenceConfig config = PersistenceConfig.builder("jdbc:postgresql://db/app?password=secret")
                .backend("memory")
                .build();
        assertThatThrownBy(() -> Persistence.open(config))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("opstate.url")
                .hasMessageNotContaining("secret");
    }
}
