package io.opstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.spi.DatastoreProvider;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Provider selection, with fake providers: no backend is needed. */
class PersistenceSelectTest {

    /** A provider that accepts URLs containing {@code marker}; opening is not part of selection. */
    private record FakeProvider(String name, String artifact, String marker, int priority, int apiLevel)
            implements DatastoreProvider {
        /** A provider built against this API. */
        FakeProvider(String name, String artifact, String marker, int priority) {
            this(name, artifact, marker, priority, API_LEVEL);
        }

        /** The same provider, as if built against the API of {@code level}. */
        FakeProvider builtFor(int level) {
            return new FakeProvider(name, artifact, marker, priority, level);
        }

        @Override
        public boolean accepts(String url) {
            return url.toLowerCase().contains(marker);
        }

        @Override
        public Datastore open(PersistenceConfig config) {
            throw new UnsupportedOperationException("selection tests never open");
        }
    }

    private static final FakeProvider SQLITE = new FakeProvider("sqlite", "io.opstate:persistence-sqlite", ":sqlite:", 0);
    private static final FakeProvider MEMORY = new FakeProvider("memory", "io.opstate:persistence-memory", "memory:", 0);

    private static PersistenceConfig config(String url) {
        return PersistenceConfig.builder(url).build();
    }

    @Test
    @DisplayName("the one provider accepting the URL is chosen, also for wrapped URLs")
    void urlMatch() {
        assertThat(Persistence.select(config("jdbc:sqlite:app.db"), List.of(MEMORY, SQLITE))).isSameAs(SQLITE);
        assertThat(Persistence.select(config("jdbc:p6spy:sqlite:app.db"), List.of(MEMORY, SQLITE))).isSameAs(SQLITE);
        assertThat(Persistence.select(config("memory:"), List.of(MEMORY, SQLITE))).isSameAs(MEMORY);
    }

    @Test
    @DisplayName("an explicit backend name wins over URL matching and priority, in any case")
    void explicitNameWins() {
        FakeProvider eager = new FakeProvider("eager", "x:eager", "", 100);
        PersistenceConfig named = PersistenceConfig.builder("jdbc:sqlite:app.db").backend("MEMORY").build();
        assertThat(Persistence.select(named, List.of(eager, SQLITE, MEMORY))).isSameAs(MEMORY);
    }

    @Test
    @DisplayName("an unknown explicit name is BackendNotFoundException naming it and the backends found")
    void unknownExplicitName() {
        PersistenceConfig named = PersistenceConfig.builder("jdbc:postgresql://u:pw@h/db").backend("postgres").build();
        assertThatThrownBy(() -> Persistence.select(named, List.of(SQLITE, MEMORY)))
                .isInstanceOfSatisfying(BackendNotFoundException.class, e -> {
                    assertThat(e.getMessage()).contains("postgres", "sqlite", "memory", "io.opstate:persistence-postgres")
                            .doesNotContain("pw@");
                    assertThat(e.backendsFound()).containsExactly("sqlite", "memory");
                });
    }

    @Test
    @DisplayName("no provider accepting: the error names the masked URL, the backends found and the artifact to add")
    void noneAccepting() {
        String url = "jdbc:postgresql://ops:s3cret@db/app?password=s3cret";
        assertThatThrownBy(() -> Persistence.select(config(url), List.of(SQLITE, MEMORY)))
                .isInstanceOfSatisfying(BackendNotFoundException.class, e -> {
                    assertThat(e.getMessage()).doesNotContain("s3cret").contains("jdbc:postgresql://ops:****@db/app")
                            .contains("sqlite", "memory").contains("io.opstate:persistence-postgres");
                    assertThat(e.backendsFound()).containsExactly("sqlite", "memory");
                });
        assertThatThrownBy(() -> Persistence.select(config("jdbc:sqlite:x.db"), List.of()))
                .isInstanceOfSatisfying(BackendNotFoundException.class, e -> {
                    assertThat(e.getMessage()).contains("none").contains("io.opstate:persistence-sqlite");
                    assertThat(e.backendsFound()).isEmpty();
                });
        assertThatThrownBy(() -> Persistence.select(config("mongodb://h/db"), List.of(SQLITE)))
                .isInstanceOf(BackendNotFoundException.class)
                .hasMessageContaining("persistence-sqlite").hasMessageContaining("persistence-postgres")
                .hasMessageContaining("persistence-memory");
    }

    @Test
    @DisplayName("two providers accepting at the same priority is an error naming both")
    void tieIsAnError() {
        FakeProvider other = new FakeProvider("other-sqlite", "com.example:other-sqlite", ":sqlite:", 0);
        assertThatThrownBy(() -> Persistence.select(config("jdbc:sqlite:app.db"), List.of(SQLITE, other)))
                .isInstanceOfSatisfying(BackendNotFoundException.class, e -> {
                    assertThat(e.getMessage()).contains("sqlite (io.opstate:persistence-sqlite)")
                            .contains("other-sqlite (com.example:other-sqlite)").contains(PersistenceConfig.BACKEND);
                    assertThat(e.backendsFound()).containsExactly("sqlite", "other-sqlite");
                });
    }

    @Test
    @DisplayName("among providers accepting the URL, the higher priority wins, whatever the discovery order")
    void higherPriorityWins() {
        FakeProvider better = new FakeProvider("better-sqlite", "com.example:better", ":sqlite:", 10);
        assertThat(Persistence.select(config("jdbc:sqlite:app.db"), List.of(SQLITE, better))).isSameAs(better);
        assertThat(Persistence.select(config("jdbc:sqlite:app.db"), List.of(better, SQLITE))).isSameAs(better);
        FakeProvider worse = new FakeProvider("worse-sqlite", "com.example:worse", ":sqlite:", -1);
        assertThat(Persistence.select(config("jdbc:sqlite:app.db"), List.of(worse, SQLITE))).isSameAs(SQLITE);
    }

    @ParameterizedTest(name = "API level {0}")
    @ValueSource(ints = {DatastoreProvider.API_LEVEL - 1, DatastoreProvider.API_LEVEL + 1})
    @DisplayName("a selected provider of another API level is refused, naming it, its artifact, both levels and the TCK")
    void otherApiLevelRefused(int level) {
        FakeProvider stale = SQLITE.builtFor(level);
        PersistenceConfig named = PersistenceConfig.builder("jdbc:sqlite:app.db").backend("sqlite").build();
        for (PersistenceConfig config : List.of(config("jdbc:sqlite:app.db"), named)) {
            assertThatThrownBy(() -> Persistence.select(config, List.of(MEMORY, stale)))
                    .isInstanceOfSatisfying(BackendNotFoundException.class, e -> {
                        assertThat(e.getMessage())
                                .contains("sqlite (io.opstate:persistence-sqlite, provider " + FakeProvider.class.getName())
                                .contains("API level " + level + ", but this io.opstate:persistence-api is at API level "
                                        + DatastoreProvider.API_LEVEL)
                                .contains("release of io.opstate:persistence-sqlite built for API level "
                                        + DatastoreProvider.API_LEVEL)
                                .contains("io.opstate:persistence-tck of API level " + DatastoreProvider.API_LEVEL);
                        assertThat(e.backendsFound()).containsExactly("memory", "sqlite");
                    });
        }
    }

    @Test
    @DisplayName("a provider of another API level that is not selected does not stop selecting the others")
    void otherApiLevelIgnoredWhenNotSelected() {
        FakeProvider staleMemory = MEMORY.builtFor(DatastoreProvider.API_LEVEL + 1);
        assertThat(Persistence.select(config("jdbc:sqlite:app.db"), List.of(staleMemory, SQLITE))).isSameAs(SQLITE);
        PersistenceConfig named = PersistenceConfig.builder("memory:").backend("sqlite").build();
        assertThat(Persistence.select(named, List.of(staleMemory, SQLITE))).isSameAs(SQLITE);
    }

    @Test
    @DisplayName("Persistence.open without any backend on the classpath names the artifact to add")
    void openWithoutBackends() {
        assertThat(Persistence.providers()).isEmpty();
        assertThatThrownBy(() -> Persistence.open("memory:"))
                .isInstanceOf(BackendNotFoundException.class)
                .hasMessageContaining("io.opstate:persistence-memory");
    }
}
