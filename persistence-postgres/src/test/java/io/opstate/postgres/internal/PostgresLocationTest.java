package io.opstate.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.InvalidInputException;
import io.opstate.PersistenceConfig;
import io.opstate.postgres.PostgresDatastoreProvider;
import org.junit.jupiter.api.Test;

class PostgresLocationTest {
    private static final String URL = "jdbc:postgresql://db:5432/app?user=app&password=s3cret";

    @Test
    void schemaFromTheConfigurationOrTheUrl() {
        assertThat(PostgresLocation.of(PersistenceConfig.builder(URL).build()).schema()).isNull();
        assertThat(PostgresLocation.of(PersistenceConfig.builder(URL).schema("tenant_a").build()).schema())
                .isEqualTo("tenant_a");
        assertThat(PostgresLocation.of(PersistenceConfig.builder(URL + "&currentSchema=ops").build()).schema())
                .isEqualTo("ops");
        assertThat(PostgresLocation.of(PersistenceConfig.builder(URL + "&currentSchema=ops").schema("ops").build())
                .schema()).isEqualTo("ops");
    }

    @Test
    void describesWithoutThePassword() {
        String description = PostgresLocation.of(PersistenceConfig.builder(URL).schema("tenant_a").build()).describe();
        assertThat(description).doesNotContain("s3cret").contains("db:5432/app", "schema tenant_a");
    }

    @Test
    void refusesContradictionsAndUnreadableUrlsWithoutShowingThePassword() {
        assertThatThrownBy(() -> PostgresLocation.of(PersistenceConfig.builder(URL + "&currentSchema=ops")
                .schema("other").build()))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo(PersistenceConfig.SCHEMA))
                .message().doesNotContain("s3cret");
        assertThatThrownBy(() -> PostgresLocation.of(PersistenceConfig.builder(URL + "&currentSchema=a,public")
                .build()))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo(PersistenceConfig.URL))
                .message().doesNotContain("s3cret");
        assertThatThrownBy(() -> PostgresLocation.of(PersistenceConfig.builder(
                "jdbc:postgresql://db:notaport/app?password=s3cret").build()))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo(PersistenceConfig.URL))
                .message().doesNotContain("s3cret");
    }

    @Test
    void providerAcceptsPostgresqlUrlsOnly() {
        PostgresDatastoreProvider provider = new PostgresDatastoreProvider();
        assertThat(provider.name()).isEqualTo("postgres");
        assertThat(provider.accepts(URL)).isTrue();
        assertThat(provider.accepts("jdbc:p6spy:postgresql://db/app")).isTrue();
        assertThat(provider.accepts("jdbc:sqlite:app.db")).isFalse();
        assertThat(provider.accepts(null)).isFalse();
    }
}
