package io.opstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EnvironmentNamesTest {
    /** A host that keeps its own variable names, as database/sql-style hosts spell them. */
    private static final EnvironmentNames HOST = EnvironmentNames.prefix("MYAPP_DATABASE_")
            .map("PATH", Settings.URL, path -> "jdbc:sqlite:" + path)
            .map("MAX_OPEN_CONNECTIONS", Settings.POOL_MAX_SIZE)
            .map("MAX_IDLE_CONNECTIONS", Settings.POOL_MIN_IDLE)
            .map("CONN_MAX_LIFETIME", Settings.POOL_MAX_LIFETIME);

    private static PersistenceConfig load(EnvironmentNames names, String... variablesAndValues) {
        Map<String, String> environment = new HashMap<>();
        for (int i = 0; i < variablesAndValues.length; i += 2) {
            environment.put(variablesAndValues[i], variablesAndValues[i + 1]);
        }
        return PersistenceConfig.load(new Properties(), environment, names);
    }

    private static InvalidInputException rejected(String field, ThrowingCallable call) {
        return (InvalidInputException) assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo(field)).actual();
    }

    @Test
    @DisplayName("a host's names: mapped variables are converted and read; the host's other variables are ignored")
    void hostNames() {
        PersistenceConfig c = load(HOST,
                "MYAPP_DATABASE_PATH", " /var/lib/myapp/state.db ",
                "MYAPP_DATABASE_MAX_OPEN_CONNECTIONS", "20",
                "MYAPP_DATABASE_MAX_IDLE_CONNECTIONS", "5",
                "MYAPP_DATABASE_CONN_MAX_LIFETIME", "1h30m",
                "MYAPP_DATABASE_DRIVER", "sqlite3",
                "MYAPP_LISTEN_ADDRESS", ":8080",
                "OPSTATE_URL", "memory:",
                "OPSTATE_POOL_SIZE", "a typo, but not under the host's names");
        assertThat(c.url()).isEqualTo("jdbc:sqlite:/var/lib/myapp/state.db");
        assertThat(c.poolMaxSize()).isEqualTo(20);
        assertThat(c.poolMinIdle()).isEqualTo(5);
        assertThat(c.poolMaxLifetime()).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    @DisplayName("under a host's prefix every setting keeps its own name too")
    void settingsUnderPrefix() {
        PersistenceConfig c = load(HOST, "MYAPP_DATABASE_URL", "memory:", "MYAPP_DATABASE_DURABILITY", "full",
                "MYAPP_DATABASE_BUSY_TIMEOUT", "1m30s");
        assertThat(c.url()).isEqualTo("memory:");
        assertThat(c.durability()).isEqualTo(Durability.FULL);
        assertThat(c.busyTimeout()).isEqualTo(Duration.ofSeconds(90));
        rejected("MYAPP_DATABASE_BUSY_TIMEOUT", () -> load(HOST, "MYAPP_DATABASE_URL", "memory:",
                "MYAPP_DATABASE_BUSY_TIMEOUT", "7d"));
        assertThat(HOST.variable(Settings.POOL_MAX_SIZE)).isEqualTo("MYAPP_DATABASE_POOL_MAX_SIZE");
        assertThat(HOST.prefix()).isEqualTo("MYAPP_DATABASE_");
    }

    @Test
    @DisplayName("errors name the variable as the host spelled it, and the setting it carries")
    void errorsNameHostVariable() {
        InvalidInputException unparsable = rejected("MYAPP_DATABASE_MAX_OPEN_CONNECTIONS", () -> load(HOST,
                "MYAPP_DATABASE_PATH", "state.db", "MYAPP_DATABASE_MAX_OPEN_CONNECTIONS", "lots"));
        assertThat(unparsable.getMessage()).contains("'lots'", "opstate.pool.max-size");
        InvalidInputException outOfRange = rejected("MYAPP_DATABASE_MAX_OPEN_CONNECTIONS", () -> load(HOST,
                "MYAPP_DATABASE_PATH", "state.db", "MYAPP_DATABASE_MAX_OPEN_CONNECTIONS", "5000"));
        assertThat(outOfRange.getMessage()).as("as docs/getting-started.md quotes it").isEqualTo(
                "MYAPP_DATABASE_MAX_OPEN_CONNECTIONS: must be between 1 and 1000, got '5000' (sets opstate.pool.max-size)");
        rejected("MYAPP_DATABASE_MAX_IDLE_CONNECTIONS", () -> load(HOST, "MYAPP_DATABASE_PATH", "state.db",
                "MYAPP_DATABASE_MAX_OPEN_CONNECTIONS", "4", "MYAPP_DATABASE_MAX_IDLE_CONNECTIONS", "5"));
        InvalidInputException lifetime = rejected("MYAPP_DATABASE_CONN_MAX_LIFETIME", () -> load(HOST,
                "MYAPP_DATABASE_PATH", "state.db", "MYAPP_DATABASE_CONN_MAX_LIFETIME", "1h30"));
        assertThat(lifetime.getMessage()).contains("'1h30'", "opstate.pool.max-lifetime");
        InvalidInputException missing = rejected("opstate.url", () -> load(HOST, "MYAPP_DATABASE_MAX_OPEN_CONNECTIONS", "4"));
        assertThat(missing.getMessage()).contains("is required");
    }

    @Test
    @DisplayName("a blank mapped value is not converted: an empty path is no URL rather than a temporary database")
    void blankValueNotConverted() {
        InvalidInputException e = rejected("MYAPP_DATABASE_PATH", () -> load(HOST, "MYAPP_DATABASE_PATH", "  "));
        assertThat(e.getMessage()).contains("is required", "opstate.url");
    }

    @Test
    @DisplayName("two variables for one setting are refused, whichever way round, rather than one silently winning")
    void bothNamesRefused() {
        InvalidInputException e = rejected("MYAPP_DATABASE_POOL_MAX_SIZE", () -> load(HOST, "MYAPP_DATABASE_PATH", "a.db",
                "MYAPP_DATABASE_MAX_OPEN_CONNECTIONS", "20", "MYAPP_DATABASE_POOL_MAX_SIZE", "30"));
        assertThat(e.getMessage()).contains("MYAPP_DATABASE_MAX_OPEN_CONNECTIONS", "opstate.pool.max-size");
    }

    @Test
    @DisplayName("a conversion that fails or gives nothing is refused naming the variable, password masked")
    void conversionFailures() {
        EnvironmentNames throwing = EnvironmentNames.prefix("MYAPP_").map("DSN", Settings.URL, dsn -> {
            throw new IllegalArgumentException("cannot read " + dsn);
        });
        InvalidInputException e = rejected("MYAPP_DSN", () -> load(throwing, "MYAPP_DSN", "//db/app?password=s3cret"));
        assertThat(e.getMessage()).contains("could not be converted", "opstate.url").doesNotContain("s3cret");
        assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
        EnvironmentNames nothing = EnvironmentNames.prefix("MYAPP_").map("DSN", Settings.URL, dsn -> null);
        rejected("MYAPP_DSN", () -> load(nothing, "MYAPP_DSN", "x"));
    }

    @Test
    @DisplayName("OpState's own names can get more names too, under OPSTATE_")
    void standardWithMapping() {
        EnvironmentNames names = EnvironmentNames.standard().map("DB_PATH", Settings.URL, path -> "jdbc:sqlite:" + path);
        assertThat(load(names, "OPSTATE_DB_PATH", "a.db").url()).isEqualTo("jdbc:sqlite:a.db");
        rejected("OPSTATE_DB_PATH", () -> load(EnvironmentNames.standard(), "OPSTATE_URL", "memory:",
                "OPSTATE_DB_PATH", "a.db"));
    }

    @Test
    @DisplayName("map returns new names and leaves the original as it was")
    void immutable() {
        EnvironmentNames base = EnvironmentNames.prefix("MYAPP_");
        EnvironmentNames mapped = base.map("PATH", Settings.URL, path -> "jdbc:sqlite:" + path);
        assertThat(load(mapped, "MYAPP_PATH", "a.db").url()).isEqualTo("jdbc:sqlite:a.db");
        rejected("opstate.url", () -> load(base, "MYAPP_PATH", "a.db"));
        assertThat(mapped.toString()).contains("MYAPP_", "MYAPP_PATH");
    }

    @Test
    @DisplayName("bad names and mappings are refused when declared, naming the argument or the variable")
    void badDeclarations() {
        rejected("prefix", () -> EnvironmentNames.prefix(null));
        rejected("prefix", () -> EnvironmentNames.prefix(""));
        rejected("prefix", () -> EnvironmentNames.prefix("MY APP\n"));
        EnvironmentNames names = EnvironmentNames.prefix("MYAPP_");
        rejected("name", () -> names.map(null, Settings.URL));
        rejected("name", () -> names.map("MAX-OPEN", Settings.POOL_MAX_SIZE));
        rejected("setting", () -> names.map("PATH", null));
        rejected("conversion", () -> names.map("PATH", Settings.URL, null));
        rejected("setting", () -> names.variable(null));
        rejected("MYAPP_PATH", () -> names.map("PATH", Settings.URL).map("PATH", Settings.SCHEMA));
        InvalidInputException other = rejected("MYAPP_POOL_MIN_IDLE", () -> names.map("POOL_MIN_IDLE", Settings.POOL_MAX_SIZE));
        assertThat(other.getMessage()).contains("opstate.pool.min-idle");
        rejected("OPSTATE_TEST_URL", () -> EnvironmentNames.standard().map("TEST_URL", Settings.URL));
    }

    @Test
    @DisplayName("a setting's own name may be mapped to itself to convert its values")
    void ownNameWithConversion() {
        EnvironmentNames names = EnvironmentNames.prefix("MYAPP_").map("URL", Settings.URL, path -> "jdbc:sqlite:" + path);
        assertThat(load(names, "MYAPP_URL", "a.db").url()).isEqualTo("jdbc:sqlite:a.db");
    }

    @Test
    @DisplayName("an environment map with a null key or value, as a host's own map may have, is read without a NullPointerException")
    void nullEntries() {
        Map<String, String> environment = new HashMap<>();
        environment.put(null, "x");
        environment.put("OPSTATE_URL", "memory:");
        environment.put("OPSTATE_WRITE_COMMITTERS", null);
        assertThat(PersistenceConfig.load(new Properties(), environment).writeCommitters()).isEmpty();
    }
}
