package io.opstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PersistenceConfigTest {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    private static InvalidInputException rejected(String field, ThrowingCallable call) {
        return (InvalidInputException) assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo(field)).actual();
    }

    @Test
    @DisplayName("a builder with only a URL has every documented default")
    void defaults() {
        PersistenceConfig c = PersistenceConfig.builder("memory:").build();
        assertThat(c.url()).isEqualTo("memory:");
        assertThat(c.backend()).isEmpty();
        assertThat(c.poolMaxSize()).isEqualTo(PersistenceConfig.DEFAULT_POOL_MAX_SIZE).isEqualTo(10);
        assertThat(c.poolMinIdle()).isEqualTo(1);
        assertThat(c.poolMaxLifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.connectionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.busyTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.migrationMode()).isEqualTo(MigrationMode.MIGRATE);
        assertThat(c.durability()).isEqualTo(Durability.NORMAL);
        assertThat(c.schema()).isEmpty();
        assertThat(c.maxPayloadBytes()).isEqualTo(1024 * 1024);
        assertThat(c.writeCommitters()).isEmpty();
        assertThat(c.clock()).isNotNull();
    }

    @Test
    @DisplayName("the URL is required")
    void urlRequired() {
        rejected(PersistenceConfig.URL, () -> PersistenceConfig.builder().build());
        rejected(PersistenceConfig.URL, () -> PersistenceConfig.builder(" ").build());
    }

    @Test
    @DisplayName("values out of range are rejected naming the property and the allowed range, never clamped")
    void rangesNamed() {
        InvalidInputException pool = rejected(PersistenceConfig.POOL_MAX_SIZE,
                () -> PersistenceConfig.builder("memory:").poolMaxSize(0).build());
        assertThat(pool.getMessage()).contains("opstate.pool.max-size", "1", "1000", "0");
        rejected(PersistenceConfig.POOL_MAX_SIZE, () -> PersistenceConfig.builder("memory:").poolMaxSize(1001).build());
        rejected(PersistenceConfig.POOL_MIN_IDLE,
                () -> PersistenceConfig.builder("memory:").poolMaxSize(2).poolMinIdle(3).build());
        rejected(PersistenceConfig.POOL_MIN_IDLE, () -> PersistenceConfig.builder("memory:").poolMinIdle(-1).build());
        rejected(PersistenceConfig.POOL_MAX_LIFETIME,
                () -> PersistenceConfig.builder("memory:").poolMaxLifetime(Duration.ofSeconds(29)).build());
        rejected(PersistenceConfig.CONNECTION_TIMEOUT,
                () -> PersistenceConfig.builder("memory:").connectionTimeout(Duration.ofMillis(249)).build());
        rejected(PersistenceConfig.BUSY_TIMEOUT,
                () -> PersistenceConfig.builder("memory:").busyTimeout(Duration.ofMillis(-1)).build());
        InvalidInputException payload = rejected(PersistenceConfig.MAX_PAYLOAD_BYTES,
                () -> PersistenceConfig.builder("memory:").maxPayloadBytes(1023).build());
        assertThat(payload.getMessage()).contains("1024", "67108864");
        rejected(PersistenceConfig.SCHEMA, () -> PersistenceConfig.builder("memory:").schema("a; drop table x").build());
        InvalidInputException committers = rejected(PersistenceConfig.WRITE_COMMITTERS,
                () -> PersistenceConfig.builder("memory:").poolMaxSize(4).writeCommitters(5).build());
        assertThat(committers.getMessage()).contains("opstate.write-committers", "1", "4", "5");
        rejected(PersistenceConfig.WRITE_COMMITTERS, () -> PersistenceConfig.builder("memory:").writeCommitters(0).build());
        rejected(PersistenceConfig.MIGRATION_MODE, () -> PersistenceConfig.builder("memory:").migrationMode(null).build());
        rejected("clock", () -> PersistenceConfig.builder("memory:").clock(null).build());
    }

    @Test
    @DisplayName("the edges of every range are accepted")
    void rangeEdgesAccepted() {
        PersistenceConfig c = PersistenceConfig.builder("memory:").poolMaxSize(1000).poolMinIdle(1000)
                .poolMaxLifetime(Duration.ofHours(24)).connectionTimeout(Duration.ofMillis(250))
                .busyTimeout(Duration.ZERO).maxPayloadBytes(1024).schema("tenant_1").writeCommitters(1000).build();
        assertThat(c.poolMaxSize()).isEqualTo(1000);
        assertThat(c.writeCommitters()).contains(1000);
        assertThat(c.maxPayloadBytes()).isEqualTo(1024);
        assertThat(c.schema()).contains("tenant_1");
    }

    @Test
    @DisplayName("properties: every setting is read; durations in ISO-8601 or with a unit; enums in any case")
    void fromProperties() {
        PersistenceConfig c = PersistenceConfig.fromProperties(props(
                "opstate.url", "jdbc:sqlite:app.db", "opstate.backend", "sqlite", "opstate.pool.max-size", " 20 ",
                "opstate.pool.min-idle", "2", "opstate.pool.max-lifetime", "2h", "opstate.connection-timeout", "500ms",
                "opstate.busy-timeout", "PT30S", "opstate.migration-mode", "validate", "opstate.durability", "FULL",
                "opstate.schema", "ops", "opstate.max-payload-bytes", "4096", "opstate.write-committers", "3",
                "other.setting", "ignored"));
        assertThat(c.url()).isEqualTo("jdbc:sqlite:app.db");
        assertThat(c.backend()).contains("sqlite");
        assertThat(c.poolMaxSize()).isEqualTo(20);
        assertThat(c.poolMinIdle()).isEqualTo(2);
        assertThat(c.poolMaxLifetime()).isEqualTo(Duration.ofHours(2));
        assertThat(c.connectionTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.busyTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.migrationMode()).isEqualTo(MigrationMode.VALIDATE);
        assertThat(c.durability()).isEqualTo(Durability.FULL);
        assertThat(c.schema()).contains("ops");
        assertThat(c.maxPayloadBytes()).isEqualTo(4096);
        assertThat(c.writeCommitters()).contains(3);
        assertThat(PersistenceConfig.fromProperties(props("opstate.url", "memory:", "opstate.pool.max-lifetime", "5m"))
                .poolMaxLifetime()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    @DisplayName("properties: an unknown opstate.* key is rejected as a likely typo, naming it")
    void unknownPropertyRejected() {
        InvalidInputException e = rejected("opstate.pool.maxsize",
                () -> PersistenceConfig.fromProperties(props("opstate.url", "memory:", "opstate.pool.maxsize", "5")));
        assertThat(e.getMessage()).contains("opstate.pool.max-size");
    }

    @Test
    @DisplayName("properties: unparsable values name the property")
    void unparsableValues() {
        rejected(PersistenceConfig.POOL_MAX_SIZE, () -> PersistenceConfig.fromProperties(
                props("opstate.url", "memory:", "opstate.pool.max-size", "ten")));
        rejected(PersistenceConfig.BUSY_TIMEOUT, () -> PersistenceConfig.fromProperties(
                props("opstate.url", "memory:", "opstate.busy-timeout", "10 parsecs")));
        rejected(PersistenceConfig.CONNECTION_TIMEOUT, () -> PersistenceConfig.fromProperties(
                props("opstate.url", "memory:", "opstate.connection-timeout", "")));
        InvalidInputException mode = rejected(PersistenceConfig.MIGRATION_MODE, () -> PersistenceConfig.fromProperties(
                props("opstate.url", "memory:", "opstate.migration-mode", "sometimes")));
        assertThat(mode.getMessage()).contains("migrate", "validate", "none", "sometimes");
        rejected(PersistenceConfig.POOL_MAX_SIZE, () -> PersistenceConfig.fromProperties(
                props("opstate.url", "memory:", "opstate.pool.max-size", "0")));
    }

    @Test
    @DisplayName("environment: OPSTATE_* variables are read and override the properties one by one")
    void environmentOverridesProperties() {
        Properties file = props("opstate.url", "jdbc:sqlite:file.db", "opstate.pool.max-size", "20",
                "opstate.busy-timeout", "1s");
        PersistenceConfig c = PersistenceConfig.load(file, Map.of("OPSTATE_URL", "jdbc:sqlite:env.db",
                "OPSTATE_POOL_MAX_SIZE", "30", "OPSTATE_DURABILITY", "full", "PATH", "/usr/bin", "HOME", "/root"));
        assertThat(c.url()).isEqualTo("jdbc:sqlite:env.db");
        assertThat(c.poolMaxSize()).isEqualTo(30);
        assertThat(c.busyTimeout()).as("not overridden").isEqualTo(Duration.ofSeconds(1));
        assertThat(c.durability()).isEqualTo(Durability.FULL);
        assertThat(PersistenceConfig.load(new Properties(), Map.of("OPSTATE_URL", "memory:", "OPSTATE_MAX_PAYLOAD_BYTES",
                "2048")).maxPayloadBytes()).isEqualTo(2048);
    }

    @Test
    @DisplayName("environment: an unknown OPSTATE_* variable is rejected naming it; bad values name the variable and the property")
    void environmentErrors() {
        InvalidInputException unknown = rejected("OPSTATE_POOL_SIZE",
                () -> PersistenceConfig.load(new Properties(), Map.of("OPSTATE_URL", "memory:", "OPSTATE_POOL_SIZE", "3")));
        assertThat(unknown.getMessage()).contains("OPSTATE_POOL_MAX_SIZE");
        InvalidInputException outOfRange = rejected("OPSTATE_POOL_MAX_SIZE", () -> PersistenceConfig.load(new Properties(),
                Map.of("OPSTATE_URL", "memory:", "OPSTATE_POOL_MAX_SIZE", "5000")));
        assertThat(outOfRange.getMessage()).contains("opstate.pool.max-size", "1000", "5000");
        InvalidInputException unparsable = rejected("OPSTATE_BUSY_TIMEOUT", () -> PersistenceConfig.load(new Properties(),
                Map.of("OPSTATE_URL", "memory:", "OPSTATE_BUSY_TIMEOUT", "soon")));
        assertThat(unparsable.getMessage()).contains("opstate.busy-timeout", "'soon'");
        InvalidInputException crossField = rejected("OPSTATE_POOL_MIN_IDLE", () -> PersistenceConfig.load(
                props("opstate.url", "memory:", "opstate.pool.max-size", "4"), Map.of("OPSTATE_POOL_MIN_IDLE", "5")));
        assertThat(crossField.getMessage()).contains("between 0 and 4 (opstate.pool.max-size)", "'5'");
    }

    @Test
    @DisplayName("environment: the variables the project's own tests and benchmarks read are not refused as typos")
    void projectsOwnVariablesAreNotRefused() {
        // OPSTATE_TEST_POSTGRES_URL is read by the PostgreSQL test fixture (PostgresTestDatabase)
        PersistenceConfig c = PersistenceConfig.load(new Properties(), Map.of("OPSTATE_URL", "memory:",
                "OPSTATE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
                "OPSTATE_BENCH_ROUNDS", "3"));
        assertThat(c.url()).isEqualTo("memory:");
        assertThat(EnvironmentNames.RESERVED_PREFIXES).containsExactly("OPSTATE_TEST_", "OPSTATE_BENCH_");
        rejected("OPSTATE_TESTS_URL", () -> PersistenceConfig.load(new Properties(),
                Map.of("OPSTATE_URL", "memory:", "OPSTATE_TESTS_URL", "x")));
    }

    @Test
    @DisplayName("environment variable names: upper case, dots and dashes become underscores")
    void environmentVariableNames() {
        assertThat(PersistenceConfig.environmentVariable("opstate.pool.max-size")).isEqualTo("OPSTATE_POOL_MAX_SIZE");
        assertThat(PersistenceConfig.environmentVariable(PersistenceConfig.URL)).isEqualTo("OPSTATE_URL");
    }

    @Test
    @DisplayName("toString masks the password; toBuilder copies every setting")
    void toStringAndToBuilder() {
        Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        PersistenceConfig c = PersistenceConfig.builder("jdbc:postgresql://ops:s3cret@db/app?password=s3cret")
                .poolMaxSize(7).schema("tenant").clock(fixed).build();
        assertThat(c.toString()).doesNotContain("s3cret").contains("****");
        PersistenceConfig copy = c.toBuilder().build();
        assertThat(copy.toString()).isEqualTo(c.toString());
        assertThat(copy.clock()).isSameAs(fixed);
        assertThat(c.toBuilder().poolMaxSize(8).build().poolMaxSize()).isEqualTo(8);
        assertThat(c.poolMaxSize()).as("the original is immutable").isEqualTo(7);
    }

    @Test
    @DisplayName("Builder.set rejects an unknown setting name")
    void builderSetUnknown() {
        rejected("opstate.colour", () -> PersistenceConfig.builder("memory:").set("opstate.colour", "blue"));
    }

    @Test
    @DisplayName("a null argument is an InvalidInputException naming it, never a NullPointerException")
    void nullArgumentsNamed() {
        rejected("properties", () -> PersistenceConfig.load(null, Map.of()));
        rejected("environment", () -> PersistenceConfig.load(new Properties(), null));
        rejected("names", () -> PersistenceConfig.load(new Properties(), Map.of(), null));
        rejected("properties", () -> PersistenceConfig.fromProperties(null));
        rejected("names", () -> PersistenceConfig.fromEnvironment(null));
        rejected("property", () -> PersistenceConfig.environmentVariable(null));
        PersistenceConfig.Builder builder = PersistenceConfig.builder("memory:");
        rejected("setting", () -> builder.set((Setting<String>) null, "x"));
        rejected("property", () -> builder.set((String) null, "x"));
        rejected("setting", () -> builder.build().get(null));
    }

    @Test
    @DisplayName("properties: a value that is not text under an opstate.* key is refused naming the key; other keys are left alone")
    void nonTextPropertyValueRefused() {
        Properties p = props("opstate.url", "memory:");
        p.put("opstate.pool.max-size", 20);
        InvalidInputException e = rejected("opstate.pool.max-size", () -> PersistenceConfig.fromProperties(p));
        assertThat(e.getMessage()).contains("java.lang.Integer");
        Properties hostOwn = props("opstate.url", "memory:");
        hostOwn.put("myapp.threads", 4);
        hostOwn.put(42, "a key that is not text");
        assertThat(PersistenceConfig.fromProperties(hostOwn).poolMaxSize()).isEqualTo(10);
    }

    @Test
    @DisplayName("properties: values from the defaults of a Properties are read too")
    void propertiesDefaultsRead() {
        Properties file = new Properties(props("opstate.url", "memory:", "opstate.pool.max-size", "12"));
        file.setProperty("opstate.pool.min-idle", "3");
        PersistenceConfig c = PersistenceConfig.fromProperties(file);
        assertThat(c.poolMaxSize()).isEqualTo(12);
        assertThat(c.poolMinIdle()).isEqualTo(3);
    }

    @Test
    @DisplayName("an error quoting a value cuts it and escapes line breaks, so it cannot forge or flood a log line")
    void quotedValuesCannotForgeLogLines() {
        InvalidInputException forged = rejected(PersistenceConfig.POOL_MAX_SIZE, () -> PersistenceConfig.fromProperties(
                props("opstate.url", "memory:", "opstate.pool.max-size", "10\n2026-01-01 INFO all is well\r\u2028")));
        assertThat(forged.getMessage()).doesNotContain("\n", "\r", "\u2028").contains("10\\n2026-01-01 INFO all is well");
        String huge = "9".repeat(10_000);
        InvalidInputException flood = rejected(PersistenceConfig.BUSY_TIMEOUT, () -> PersistenceConfig.fromProperties(
                props("opstate.url", "memory:", "opstate.busy-timeout", huge)));
        assertThat(flood.getMessage()).hasSizeLessThan(300).contains("9".repeat(100), "9900 more characters");
        InvalidInputException schema = rejected(PersistenceConfig.SCHEMA,
                () -> PersistenceConfig.builder("memory:").schema("a\nb;" + huge).build());
        assertThat(schema.getMessage()).doesNotContain("\n").hasSizeLessThan(300);
        InvalidInputException unknownKey = (InvalidInputException) catchThrowable(() -> PersistenceConfig.fromProperties(
                props("opstate.url", "memory:", "opstate.x\nERROR forged", "1")));
        assertThat(unknownKey.field()).isEqualTo("opstate.x\\nERROR forged");
        assertThat(unknownKey.getMessage()).doesNotContain("\n");
    }

    @Test
    @DisplayName("a value the builder refuses changes nothing: the earlier value stays")
    void refusedValueChangesNothing() {
        PersistenceConfig.Builder builder = PersistenceConfig.builder("memory:").poolMaxSize(7);
        rejected(PersistenceConfig.POOL_MAX_SIZE, () -> builder.set(PersistenceConfig.POOL_MAX_SIZE, "ten"));
        rejected("opstate.pool.maxsize", () -> builder.set("opstate.pool.maxsize", "8"));
        assertThat(builder.build().poolMaxSize()).isEqualTo(7);
    }

    @Test
    @DisplayName("Builder.set(Setting, value) refuses a value of the wrong type slipped past the compiler, naming the property")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void wrongTypeThroughRawTypes() {
        Setting raw = Settings.POOL_MAX_SIZE;
        InvalidInputException e = rejected(PersistenceConfig.POOL_MAX_SIZE,
                () -> PersistenceConfig.builder("memory:").set(raw, "20"));
        assertThat(e.getMessage()).contains("Integer", "java.lang.String");
    }

    @Test
    @DisplayName("blank text unsets an optional setting; for a setting with a default it is refused")
    void blankText() {
        PersistenceConfig c = PersistenceConfig.fromProperties(props("opstate.url", "memory:", "opstate.backend", " ",
                "opstate.time-source", "", "opstate.write-committers", " ", "opstate.schema", ""));
        assertThat(c.backend()).isEmpty();
        assertThat(c.timeSource()).isEmpty();
        assertThat(c.writeCommitters()).isEmpty();
        assertThat(c.schema()).isEmpty();
        rejected(PersistenceConfig.DURABILITY, () -> PersistenceConfig.fromProperties(
                props("opstate.url", "memory:", "opstate.durability", " ")));
        rejected(PersistenceConfig.URL, () -> PersistenceConfig.fromProperties(props("opstate.url", " ")));
        assertThat(PersistenceConfig.builder("memory:").backend(" ").build().backend()).isEmpty();
    }

    @Test
    @DisplayName("surrounding spaces, tabs and line breaks are ignored; a NUL is refused, never trimmed away")
    void nulIsNeverTrimmed() {
        PersistenceConfig c = PersistenceConfig.fromProperties(props("opstate.url", "memory:",
                "opstate.pool.max-size", " \t12\r\n", "opstate.durability", "\nfull "));
        assertThat(c.poolMaxSize()).isEqualTo(12);
        assertThat(c.durability()).isEqualTo(Durability.FULL);
        rejected(PersistenceConfig.POOL_MAX_SIZE, () -> PersistenceConfig.fromProperties(
                props("opstate.url", "memory:", "opstate.pool.max-size", "12\u0000")));
        rejected(PersistenceConfig.DURABILITY, () -> PersistenceConfig.builder("memory:")
                .set(PersistenceConfig.DURABILITY, "\u0000full"));
        rejected("OPSTATE_BUSY_TIMEOUT", () -> PersistenceConfig.load(props("opstate.url", "memory:"),
                Map.of("OPSTATE_BUSY_TIMEOUT", "5s\u0000")));
        rejected(PersistenceConfig.DURABILITY, () -> PersistenceConfig.fromProperties(
                props("opstate.url", "memory:", "opstate.durability", "\u0000")));
    }

    @Test
    @DisplayName("a value that does not parse is quoted escaped and cut, and no cause repeats it whole")
    void unparsableValuesAreNotRepeated() {
        String huge = "12\u001B" + "9".repeat(1_000_000);
        InvalidInputException e = rejected(PersistenceConfig.POOL_MAX_SIZE, () -> PersistenceConfig.fromProperties(
                props("opstate.url", "memory:", "opstate.pool.max-size", huge)));
        assertThat(e.getMessage()).hasSizeLessThan(400).doesNotContain("\u001B");
        assertThat(e.getCause()).isNull();
    }

    @Test
    @DisplayName("get(Setting) and the typed accessors read the same values")
    void getMatchesAccessors() {
        PersistenceConfig c = PersistenceConfig.builder("memory:").poolMaxSize(4).writeCommitters(2)
                .timeSource(TimeSource.HOST).build();
        assertThat(c.get(Settings.URL)).contains(c.url());
        assertThat(c.get(Settings.POOL_MAX_SIZE)).contains(c.poolMaxSize()).contains(4);
        assertThat(c.get(Settings.POOL_MAX_LIFETIME)).contains(c.poolMaxLifetime());
        assertThat(c.get(Settings.MIGRATION_MODE)).contains(c.migrationMode());
        assertThat(c.get(Settings.WRITE_COMMITTERS)).isEqualTo(c.writeCommitters()).contains(2);
        assertThat(c.get(Settings.TIME_SOURCE)).isEqualTo(c.timeSource());
        assertThat(c.get(Settings.BACKEND)).isEmpty();
        assertThat(PersistenceConfig.builder("memory:").set(Settings.BUSY_TIMEOUT, Duration.ofDays(0)).build()
                .busyTimeout()).isZero();
    }

    @Test
    @DisplayName("durations: days and compound forms through properties and environment")
    void durationForms() {
        PersistenceConfig c = PersistenceConfig.load(props("opstate.url", "memory:", "opstate.pool.max-lifetime", "1d",
                "opstate.busy-timeout", "1m30s"), Map.of("OPSTATE_CONNECTION_TIMEOUT", "1.5s"));
        assertThat(c.poolMaxLifetime()).isEqualTo(Duration.ofDays(1));
        assertThat(c.busyTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.connectionTimeout()).isEqualTo(Duration.ofMillis(1500));
        rejected(PersistenceConfig.POOL_MAX_LIFETIME, () -> PersistenceConfig.fromProperties(
                props("opstate.url", "memory:", "opstate.pool.max-lifetime", "2d")));
    }
}
