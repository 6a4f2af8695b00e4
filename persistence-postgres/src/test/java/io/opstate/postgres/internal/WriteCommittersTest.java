package io.opstate.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.PersistenceConfig;
import org.junit.jupiter.api.Test;

class WriteCommittersTest {
    private static PersistenceConfig.Builder config() {
        return PersistenceConfig.builder("jdbc:postgresql://127.0.0.1/test");
    }

    @Test
    void twoByDefaultAtMostHalfThePoolAndAtLeastOne() {
        assertThat(PostgresStore.writeCommitters(config().build())).isEqualTo(2);
        assertThat(PostgresStore.writeCommitters(config().poolMaxSize(40).build())).isEqualTo(2);
        assertThat(PostgresStore.writeCommitters(config().poolMaxSize(1).build())).isEqualTo(1);
        assertThat(PostgresStore.writeCommitters(config().poolMaxSize(3).build())).isEqualTo(1);
        assertThat(PostgresStore.writeCommitters(config().poolMaxSize(4).build())).isEqualTo(2);
    }

    @Test
    void theConfiguredNumberWins() {
        assertThat(PostgresStore.writeCommitters(config().writeCommitters(1).build())).isEqualTo(1);
        assertThat(PostgresStore.writeCommitters(config().poolMaxSize(20).writeCommitters(20).build())).isEqualTo(20);
    }
}
