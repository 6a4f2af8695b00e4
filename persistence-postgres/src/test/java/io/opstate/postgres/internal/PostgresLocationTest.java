package io.opstate.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.InvalidInputException;
import io.opstate.PersistenceConfig;
import io.opstate.postgres.PostgresDatastoreProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    void passwordsLeaveTheUrlAndBecomeConnectionProperties() {
        PostgresLocation location = PostgresLocation.of(PersistenceConfig.builder(
                "jdbc:postgresql://db:5432/app?user=app&password=s%33cret&sslpassword=k3y&ssl=true").build());

        assertThat(location.url()).isEqualTo("jdbc:postgresql://db:5432/app?user=app&ssl=true");
        assertThat(location.credentials()).containsEntry("password", "s3cret").containsEntry("sslpassword", "k3y")
                .hasSize(2);
        assertThat(location.toString()).isEqualTo(location.describe()).doesNotContain("s%33cret", "s3cret", "k3y");
        assertThat(PostgresLocation.of(PersistenceConfig.builder("jdbc:postgresql://db/app?password=a&password=b")
                .build()).credentials()).containsEntry("password", "b");
        assertThat(PostgresLocation.of(PersistenceConfig.builder("jdbc:postgresql://db/app?password").build()).url())
                .isEqualTo("jdbc:postgresql://db/app");
    }

    @Test
    void aUrlWithoutPasswordIsKeptAsItIs() {
        assertThat(PostgresLocation.of(PersistenceConfig.builder("jdbc:postgresql://db/app?user=me@corp").build()).url())
                .isEqualTo("jdbc:postgresql://db/app?user=me@corp");
        assertThat(PostgresLocation.of(PersistenceConfig.builder("jdbc:p6spy:postgresql://db/app?password=x").build()).url())
                .isEqualTo("jdbc:p6spy:postgresql://db/app?password=x");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "jdbc:postgresql://app:s3cret@db/app",
        "jdbc:postgresql://app@db/app",
        "jdbc:postgresql://app:s3/cret@db/app",
        "jdbc:postgresql://app:s3cret?x@db/app",
        "jdbc:postgresql://db/app;password=s3cret",
        "jdbc:postgresql://db/app?PASSWORD=s3cret",
        "jdbc:postgresql://db/app?pass%77ord=s3cret",
        "jdbc:postgresql://db/app?pwd=s3cret",
    })
    void refusesEveryOtherWayOfCarryingAPasswordWithoutShowingIt(String url) {
        assertThatThrownBy(() -> PostgresLocation.of(PersistenceConfig.builder(url).build()))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo(PersistenceConfig.URL))
                .message().doesNotContain("s3cret").doesNotContain("cret");
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
