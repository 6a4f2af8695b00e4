package io.opstate;

import io.opstate.artifacts.ArtifactStorage;
import io.opstate.internal.GuardedObserver;
import io.opstate.operations.StoreObserver;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * Everything needed to open a {@link Datastore}. Immutable and validated when built: a value
 * out of range is rejected with an {@link InvalidInputException} naming the property (or the
 * variable it was read from) and the allowed range, never silently clamped.
 *
 * <p>The settings are declared in {@link Settings}; {@link #get(Setting)} reads any of them and
 * the typed accessors ({@link #poolMaxSize()}, ...) the established ones. Each setting has a
 * property name ({@code opstate.pool.max-size}) and an environment variable
 * ({@code OPSTATE_POOL_MAX_SIZE}: upper case, dots and dashes become underscores); a host can read
 * them under its own names with {@link EnvironmentNames}. Durations are ISO-8601 ({@code PT30S})
 * or amounts with units, Go style: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h},
 * {@code 7d}, {@code 1h30m}. Thread-safe.
 */
public final class PersistenceConfig {
    /** The default of {@link Settings#POOL_MAX_SIZE}. */
    public static final int DEFAULT_POOL_MAX_SIZE = defaultOf(Settings.POOL_MAX_SIZE);
    /** The default of {@link Settings#POOL_MIN_IDLE}. */
    public static final int DEFAULT_POOL_MIN_IDLE = defaultOf(Settings.POOL_MIN_IDLE);
    /** The default of {@link Settings#POOL_MAX_LIFETIME}. */
    public static final Duration DEFAULT_POOL_MAX_LIFETIME = defaultOf(Settings.POOL_MAX_LIFETIME);
    /** The default of {@link Settings#CONNECTION_TIMEOUT}. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = defaultOf(Settings.CONNECTION_TIMEOUT);
    /** The default of {@link Settings#BUSY_TIMEOUT}. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = defaultOf(Settings.BUSY_TIMEOUT);
    /** The default of {@link Settings#MAX_PAYLOAD_BYTES}. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = defaultOf(Settings.MAX_PAYLOAD_BYTES);

    /** The property name of {@link Settings#URL}. */
    public static final String URL = Settings.URL.property();
    /** The property name of {@link Settings#BACKEND}. */
    public static final String BACKEND = Settings.BACKEND.property();
    /** The property name of {@link Settings#POOL_MAX_SIZE}. */
    public static final String POOL_MAX_SIZE = Settings.POOL_MAX_SIZE.property();
    /** The property name of {@link Settings#POOL_MIN_IDLE}. */
    public static final String POOL_MIN_IDLE = Settings.POOL_MIN_IDLE.property();
    /** The property name of {@link Settings#POOL_MAX_LIFETIME}. */
    public static final String POOL_MAX_LIFETIME = Settings.POOL_MAX_LIFETIME.property();
    /** The property name of {@link Settings#CONNECTION_TIMEOUT}. */
    public static final String CONNECTION_TIMEOUT = Settings.CONNECTION_TIMEOUT.property();
    /** The property name of {@link Settings#BUSY_TIMEOUT}. */
    public static final String BUSY_TIMEOUT = Settings.BUSY_TIMEOUT.property();
    /** The property name of {@link Settings#MIGRATION_MODE}. */
    public static final String MIGRATION_MODE = Settings.MIGRATION_MODE.property();
    /** The property name of {@link Settings#DURABILITY}. */
    public static final String DURABILITY = Settings.DURABILITY.property();
    /** The property name of {@link Settings#SCHEMA}. */
    public static final String SCHEMA = Settings.SCHEMA.property();
    /** The property name of {@link Settings#MAX_PAYLOAD_BYTES}. */
    public static final String MAX_PAYLOAD_BYTES = Settings.MAX_PAYLOAD_BYTES.property();
    /** The property name of {@link Settings#TIME_SOURCE}. */
    public static final String TIME_SOURCE = Settings.TIME_SOURCE.property();
    /** The property name of {@link Settings#ARTIFACT_ROOT}. */
    public static final String ARTIFACT_ROOT = Settings.ARTIFACT_ROOT.property();
    /** The property name of {@link Settings#WRITE_COMMITTERS}. */
    public static final String WRITE_COMMITTERS = Settings.WRITE_COMMITTERS.property();

    // the settings that have a value, in declaration order
    private final Map<Setting<?>, Object> values;
    private final Clock clock;
    private final StoreObserver observer;

    private PersistenceConfig(Map<Setting<?>, Object> values, Clock clock, StoreObserver observer) {
        this.values = values;
        this.clock = clock;
        this.observer = observer;
    }

    /** A builder for the given store URL, e.g. {@code jdbc:sqlite:data/app.db} or {@code memory:}. */
    public static Builder builder(String url) {
        return new Builder().url(url);
    }

    /** A builder with every setting at its default and no URL yet. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the {@code opstate.*} properties; other keys are left alone.
     *
     * @throws InvalidInputException naming the key when an {@code opstate.*} key is no setting (a
     *     likely typo), holds something other than text or a value that is not allowed; naming
     *     {@code properties} when it is null
     */
    public static PersistenceConfig fromProperties(Properties properties) {
        return load(properties, Map.of());
    }

    /**
     * Reads the {@code OPSTATE_*} variables of the process environment, as
     * {@link EnvironmentNames#standard()} names them.
     *
     * @throws InvalidInputException naming the variable that is unknown (a likely typo; the
     *     {@linkplain EnvironmentNames#RESERVED_PREFIXES reserved} ones excepted) or holds a value
     *     that is not allowed
     */
    public static PersistenceConfig fromEnvironment() {
        return fromEnvironment(EnvironmentNames.standard());
    }

    /**
     * Reads the process environment under a host's names.
     *
     * @throws InvalidInputException naming {@code names} when it is null
     */
    public static PersistenceConfig fromEnvironment(EnvironmentNames names) {
        return load(new Properties(), System.getenv(), names);
    }

    /** Like {@link #load(Properties, Map, EnvironmentNames)} with OpState's own {@code OPSTATE_*} names. */
    public static PersistenceConfig load(Properties properties, Map<String, String> environment) {
        return load(properties, environment, EnvironmentNames.standard());
    }

    /**
     * Reads the {@code opstate.*} properties, then lets the variables of {@code environment} that
     * {@code names} knows override them one by one.
     *
     * @throws InvalidInputException naming the property or variable that is unknown (where unknown
     *     ones are refused) or holds a value that is not allowed, or naming the argument that is null
     */
    public static PersistenceConfig load(Properties properties, Map<String, String> environment,
            EnvironmentNames names) {
        Arguments.required("properties", properties);
        Arguments.required("environment", environment);
        Arguments.required("names", names);
        Builder builder = new Builder();
        PropertySettings.read(properties).forEach(builder::apply);
        names.read(environment).forEach(builder::apply);
        return builder.build();
    }

    /**
     * The environment variable that carries a property: {@code opstate.pool.max-size} →
     * {@code OPSTATE_POOL_MAX_SIZE}.
     *
     * @throws InvalidInputException naming {@code property} when it is null
     */
    public static String environmentVariable(String property) {
        return Setting.variableFor(Arguments.required("property", property));
    }

    /**
     * The value of {@code setting}; empty only for a setting that is not {@link Setting#required()}
     * and was left unset.
     *
     * @throws InvalidInputException naming {@code setting} when it is null
     */
    public <T> Optional<T> get(Setting<T> setting) {
        return Optional.ofNullable(valueOf(Arguments.required("setting", setting)));
    }

    /** The store URL; selects the backend unless {@link #backend()} is set. See {@link Settings#URL}. */
    public String url() {
        return valueOf(Settings.URL);
    }

    /** The backend asked for by name ({@code memory}, {@code sqlite}, ...), if any. See {@link Settings#BACKEND}. */
    public Optional<String> backend() {
        return get(Settings.BACKEND);
    }

    /** Most connections a pooled backend opens (SQLite: readers). See {@link Settings#POOL_MAX_SIZE}. */
    public int poolMaxSize() {
        return valueOf(Settings.POOL_MAX_SIZE);
    }

    /** Idle connections a pooled backend keeps, at most {@link #poolMaxSize()}. See {@link Settings#POOL_MIN_IDLE}. */
    public int poolMinIdle() {
        return valueOf(Settings.POOL_MIN_IDLE);
    }

    /** How long a pooled connection lives before it is replaced. See {@link Settings#POOL_MAX_LIFETIME}. */
    public Duration poolMaxLifetime() {
        return valueOf(Settings.POOL_MAX_LIFETIME);
    }

    /** How long an operation waits for a connection before failing. See {@link Settings#CONNECTION_TIMEOUT}. */
    public Duration connectionTimeout() {
        return valueOf(Settings.CONNECTION_TIMEOUT);
    }

    /** How long SQLite waits on a lock held by another process. See {@link Settings#BUSY_TIMEOUT}. */
    public Duration busyTimeout() {
        return valueOf(Settings.BUSY_TIMEOUT);
    }

    /** What SQL backends do with their schema on open. See {@link Settings#MIGRATION_MODE}. */
    public MigrationMode migrationMode() {
        return valueOf(Settings.MIGRATION_MODE);
    }

    /** How hard writes are made durable. See {@link Settings#DURABILITY}. */
    public Durability durability() {
        return valueOf(Settings.DURABILITY);
    }

    /** PostgreSQL schema to keep the tables in, if set. See {@link Settings#SCHEMA}. */
    public Optional<String> schema() {
        return get(Settings.SCHEMA);
    }

    /** Largest JSON document accepted, in UTF-8 bytes. See {@link Settings#MAX_PAYLOAD_BYTES}. */
    public int maxPayloadBytes() {
        return valueOf(Settings.MAX_PAYLOAD_BYTES);
    }

    /**
     * Whose clock stamps times and decides lease expiry, if set; empty means the backend's default
     * ({@link TimeSource#DATABASE} on PostgreSQL, {@link TimeSource#HOST} elsewhere).
     */
    public Optional<TimeSource> timeSource() {
        return get(Settings.TIME_SOURCE);
    }

    /**
     * How many transactions of single writes a pooled backend commits at once, if set; empty
     * means the backend's default (PostgreSQL: 2, at most half the pool, at least 1). Single writes that
     * threads make at the same moment are combined into one transaction (group commit), so one
     * committer already serves many threads; more committers overlap round trips to a distant
     * server. Ignored by SQLite, which has one writer. Range 1..pool max size.
     */
    public Optional<Integer> writeCommitters() {
        return get(Settings.WRITE_COMMITTERS);
    }

    /** The directory holding artifact blobs, if set. See {@link Settings#ARTIFACT_ROOT}. */
    public Optional<String> artifactRoot() {
        return get(Settings.ARTIFACT_ROOT);
    }

    /** Where artifact blobs live, if set. See {@link Settings#ARTIFACT_STORAGE}. */
    public Optional<ArtifactStorage> artifactStorage() {
        return get(Settings.ARTIFACT_STORAGE);
    }

    /** The clock that stamps every time the store writes. Default: system UTC. Not readable from properties. */
    public Clock clock() {
        return clock;
    }

    /**
     * Who is told of the store's migrations, combined commits, pools and maintenance tasks.
     * Default {@link StoreObserver#NONE}. Not readable from properties. The observer set, guarded:
     * an exception it throws is logged and ignored, never raised to the store's caller.
     */
    public StoreObserver observer() {
        return observer;
    }

    /** A builder initialised with this configuration, clock and observer included. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Every setting that has a value, by property name, with any password in the URL masked; not the clock or observer. */
    @Override
    public String toString() {
        StringJoiner shown = new StringJoiner(", ", "PersistenceConfig{", "}");
        values.forEach((setting, value) -> shown.add(setting + "=" + setting.shown(value)));
        return shown.toString();
    }

    private <T> T valueOf(Setting<T> setting) {
        return setting.type().cast(values.get(setting));
    }

    private static <T> T defaultOf(Setting<T> setting) {
        return setting.defaultValue().orElseThrow();
    }

    /**
     * Mutable, single-threaded builder, starting from every setting's default; {@link #build()}
     * validates every value. The setters themselves accept anything of the right type, so the
     * order they are called in does not matter.
     */
    public static final class Builder {
        private final Map<Setting<?>, Object> values = new HashMap<>();
        // where each value came from, when not from a setter: errors name it as its source spells it
        private final Map<Setting<?>, String> origins = new HashMap<>();
        private Clock clock;
        private StoreObserver observer = StoreObserver.NONE;

        private Builder() {
            Settings.all().forEach(setting -> setting.defaultValue().ifPresent(value -> values.put(setting, value)));
            clock = Clock.systemUTC();
        }

        private Builder(PersistenceConfig config) {
            values.putAll(config.values);
            clock = config.clock;
            observer = config.observer;
        }

        /** Sets {@link Settings#URL}. */
        public Builder url(String url) {
            return set(Settings.URL, url);
        }

        /** Sets {@link Settings#BACKEND}; null or blank for "the URL decides". */
        public Builder backend(String backend) {
            return set(Settings.BACKEND, backend);
        }

        /** Sets {@link Settings#POOL_MAX_SIZE}. */
        public Builder poolMaxSize(int poolMaxSize) {
            return set(Settings.POOL_MAX_SIZE, poolMaxSize);
        }

        /** Sets {@link Settings#POOL_MIN_IDLE}. */
        public Builder poolMinIdle(int poolMinIdle) {
            return set(Settings.POOL_MIN_IDLE, poolMinIdle);
        }

        /** Sets {@link Settings#POOL_MAX_LIFETIME}. */
        public Builder poolMaxLifetime(Duration poolMaxLifetime) {
            return set(Settings.POOL_MAX_LIFETIME, poolMaxLifetime);
        }

        /** Sets {@link Settings#CONNECTION_TIMEOUT}. */
        public Builder connectionTimeout(Duration connectionTimeout) {
            return set(Settings.CONNECTION_TIMEOUT, connectionTimeout);
        }

        /** Sets {@link Settings#BUSY_TIMEOUT}. */
        public Builder busyTimeout(Duration busyTimeout) {
            return set(Settings.BUSY_TIMEOUT, busyTimeout);
        }

        /** Sets {@link Settings#MIGRATION_MODE}. */
        public Builder migrationMode(MigrationMode migrationMode) {
            return set(Settings.MIGRATION_MODE, migrationMode);
        }

        /** Sets {@link Settings#DURABILITY}. */
        public Builder durability(Durability durability) {
            return set(Settings.DURABILITY, durability);
        }

        /** Sets {@link Settings#SCHEMA}; null or blank for none. */
        public Builder schema(String schema) {
            return set(Settings.SCHEMA, schema);
        }

        /** Sets {@link Settings#MAX_PAYLOAD_BYTES}. */
        public Builder maxPayloadBytes(int maxPayloadBytes) {
            return set(Settings.MAX_PAYLOAD_BYTES, maxPayloadBytes);
        }

        /** Sets {@link Settings#WRITE_COMMITTERS}; null for the backend's default. */
        public Builder writeCommitters(Integer writeCommitters) {
            return set(Settings.WRITE_COMMITTERS, writeCommitters);
        }

        /** Sets {@link Settings#TIME_SOURCE}; null for the backend's default. */
        public Builder timeSource(TimeSource timeSource) {
            return set(Settings.TIME_SOURCE, timeSource);
        }

        /** Sets {@link Settings#ARTIFACT_ROOT}; null or blank for the backend's default. */
        public Builder artifactRoot(String artifactRoot) {
            return set(Settings.ARTIFACT_ROOT, artifactRoot);
        }

        /** Sets {@link Settings#ARTIFACT_STORAGE}; null for the backend's default. */
        public Builder artifactStorage(ArtifactStorage artifactStorage) {
            return set(Settings.ARTIFACT_STORAGE, artifactStorage);
        }

        /** The clock the store stamps times with (under {@link TimeSource#HOST}); tests pass a settable one. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Who the store tells of its migrations, combined commits, pools and maintenance tasks
         * ({@link StoreObserver}); e.g. {@code OpStateMetrics.observer()} of
         * {@code io.opstate:persistence-micrometer}. Set before the store opens, it sees the
         * migration the open runs.
         */
        public Builder observer(StoreObserver observer) {
            this.observer = observer;
            return this;
        }

        /**
         * Sets any setting. {@code null} (or blank text) unsets it, which {@link #build()} refuses
         * for a {@link Setting#required()} one; whether the value is allowed is checked there too.
         *
         * @throws InvalidInputException naming {@code setting} when it is null, or the property when
         *     the value is not of the setting's type (possible only through raw types)
         */
        public <T> Builder set(Setting<T> setting, T value) {
            Arguments.required("setting", setting);
            if (value != null && !setting.type().isInstance(value)) {
                throw new InvalidInputException(setting.property(), "must be a " + setting.type().getSimpleName()
                        + ", got a " + value.getClass().getName());
            }
            return put(setting, setting.normalized(value), setting.property());
        }

        /**
         * Sets one setting by its property name, parsing the text as a property file would hold it;
         * {@code null} or blank text as in {@link #set(Setting, Object)}.
         *
         * @throws InvalidInputException naming {@code property} when it is null, unknown, or the
         *     text is not a value of the setting's type
         */
        public Builder set(String property, String value) {
            Arguments.required("property", property);
            Setting<?> setting = Settings.byProperty(property).orElseThrow(() -> PropertySettings.unknown(property));
            return apply(new Assignment(setting, property, value));
        }

        /**
         * Validates and seals the configuration.
         *
         * @throws InvalidInputException naming the first setting, in declaration order, whose value
         *     is missing or not allowed (by the name it was read under), or {@code clock} or
         *     {@code observer} when it is null
         */
        public PersistenceConfig build() {
            Settings.all().forEach(this::check);
            Arguments.required("clock", clock);
            Arguments.required("observer", observer);
            Map<Setting<?>, Object> sealed = new LinkedHashMap<>();
            for (Setting<?> setting : Settings.all()) {
                if (values.containsKey(setting)) {
                    sealed.put(setting, values.get(setting));
                }
            }
            return new PersistenceConfig(Collections.unmodifiableMap(sealed), clock, GuardedObserver.of(observer));
        }

        Builder apply(Assignment assignment) {
            return parseInto(assignment.setting(), assignment.text(), assignment.origin());
        }

        private <T> Builder parseInto(Setting<T> setting, String text, String origin) {
            return put(setting, setting.parse(text, origin), origin);
        }

        private Builder put(Setting<?> setting, Object value, String origin) {
            if (value == null) {
                values.remove(setting);
            } else {
                values.put(setting, value);
            }
            origins.put(setting, origin);
            return this;
        }

        private <T> void check(Setting<T> setting) {
            T value = setting.type().cast(values.get(setting));
            setting.check(value, origins.getOrDefault(setting, setting.property()), values::get);
        }
    }
}
