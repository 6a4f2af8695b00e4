package io.opstate;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Everything needed to open a {@link Datastore}. Immutable and validated when built: a value
 * out of range is rejected with an {@link InvalidInputException} naming the property and the
 * allowed range, never silently clamped.
 *
 * <p>Each setting has a property name ({@code opstate.pool.max-size}) and an environment
 * variable ({@code OPSTATE_POOL_MAX_SIZE}: upper case, dots and dashes become underscores).
 * Durations are ISO-8601 ({@code PT30S}) or a number with a unit ({@code 500ms}, {@code 30s},
 * {@code 5m}, {@code 2h}). Thread-safe.
 */
public final class PersistenceConfig {
    public static final int DEFAULT_POOL_MAX_SIZE = 10;
    public static final int DEFAULT_POOL_MIN_IDLE = 1;
    public static final Duration DEFAULT_POOL_MAX_LIFETIME = Duration.ofMinutes(30);
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

    public static final String URL = "opstate.url";
    public static final String BACKEND = "opstate.backend";
    public static final String POOL_MAX_SIZE = "opstate.pool.max-size";
    public static final String POOL_MIN_IDLE = "opstate.pool.min-idle";
    public static final String POOL_MAX_LIFETIME = "opstate.pool.max-lifetime";
    public static final String CONNECTION_TIMEOUT = "opstate.connection-timeout";
    public static final String BUSY_TIMEOUT = "opstate.busy-timeout";
    public static final String MIGRATION_MODE = "opstate.migration-mode";
    public static final String DURABILITY = "opstate.durability";
    public static final String SCHEMA = "opstate.schema";
    public static final String MAX_PAYLOAD_BYTES = "opstate.max-payload-bytes";
    public static final String TIME_SOURCE = "opstate.time-source";
    public static final String WRITE_COMMITTERS = "opstate.write-committers";

    private static final Set<String> PROPERTIES = Set.of(URL, BACKEND, POOL_MAX_SIZE, POOL_MIN_IDLE,
            POOL_MAX_LIFETIME, CONNECTION_TIMEOUT, BUSY_TIMEOUT, MIGRATION_MODE, DURABILITY, SCHEMA,
            MAX_PAYLOAD_BYTES, TIME_SOURCE, WRITE_COMMITTERS);

    private final String url;
    private final String backend;
    private final int poolMaxSize;
    private final int poolMinIdle;
    private final Duration poolMaxLifetime;
    private final Duration connectionTimeout;
    private final Duration busyTimeout;
    private final MigrationMode migrationMode;
    private final Durability durability;
    private final String schema;
    private final int maxPayloadBytes;
    private final TimeSource timeSource;
    private final Integer writeCommitters;
    private final Clock clock;

    private PersistenceConfig(Builder b) {
        this.url = b.url;
        this.backend = b.backend;
        this.poolMaxSize = b.poolMaxSize;
        this.poolMinIdle = b.poolMinIdle;
        this.poolMaxLifetime = b.poolMaxLifetime;
        this.connectionTimeout = b.connectionTimeout;
        this.busyTimeout = b.busyTimeout;
        this.migrationMode = b.migrationMode;
        this.durability = b.durability;
        this.schema = b.schema;
        this.maxPayloadBytes = b.maxPayloadBytes;
        this.timeSource = b.timeSource;
        this.writeCommitters = b.writeCommitters;
        this.clock = b.clock;
    }

    /** A builder for the given store URL, e.g. {@code jdbc:sqlite:data/app.db} or {@code memory:}. */
    public static Builder builder(String url) {
        return new Builder().url(url);
    }

    /** A builder with every setting at its default and no URL yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** Reads {@code opstate.*} properties; an unknown {@code opstate.*} key is rejected as a likely typo. */
    public static PersistenceConfig fromProperties(Properties properties) {
        return load(properties, Map.of());
    }

    /** Reads {@code OPSTATE_*} variables from the process environment. */
    public static PersistenceConfig fromEnvironment() {
        return load(new Properties(), System.getenv());
    }

    /**
     * Reads {@code opstate.*} properties, then lets {@code OPSTATE_*} entries of {@code environment}
     * override them one by one.
     */
    public static PersistenceConfig load(Properties properties, Map<String, String> environment) {
        Builder builder = new Builder();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("opstate.")) {
                builder.set(key, properties.getProperty(key));
            }
        }
        for (Map.Entry<String, String> entry : environment.entrySet()) {
            String variable = entry.getKey();
            if (!variable.startsWith("OPSTATE_")) {
                continue;
            }
            String property = PROPERTIES.stream()
                    .filter(p -> environmentVariable(p).equals(variable))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException(variable,
                            "unknown setting; known variables are " + knownVariables()));
            builder.set(property, entry.getValue());
        }
        return builder.build();
    }

    /** The environment variable that carries a property: {@code opstate.pool.max-size} → {@code OPSTATE_POOL_MAX_SIZE}. */
    public static String environmentVariable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String knownVariables() {
        return PROPERTIES.stream().map(PersistenceConfig::environmentVariable).sorted().toList().toString();
    }

    /** The store URL; selects the backend unless {@link #backend()} is set. */
    public String url() {
        return url;
    }

    /** The backend asked for by name ({@code memory}, {@code sqlite}, {@code postgres}), if any. */
    public Optional<String> backend() {
        return Optional.ofNullable(backend);
    }

    /** Most connections a pooled backend opens (SQLite: readers). Default 10, range 1..1000. */
    public int poolMaxSize() {
        return poolMaxSize;
    }

    /** Idle connections a pooled backend keeps. Default 1, range 0..pool max size. */
    public int poolMinIdle() {
        return poolMinIdle;
    }

    /** How long a pooled connection lives before it is replaced. Default 30 min, range 30 s..24 h. */
    public Duration poolMaxLifetime() {
        return poolMaxLifetime;
    }

    /** How long an operation waits for a connection before failing. Default 10 s, range 250 ms..10 min. */
    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    /** How long SQLite waits on a lock held by another process. Default 5 s, range 0..10 min. */
    public Duration busyTimeout() {
        return busyTimeout;
    }

    /** What SQL backends do with their schema on open. Default {@link MigrationMode#MIGRATE}. */
    public MigrationMode migrationMode() {
        return migrationMode;
    }

    /** How hard writes are made durable. Default {@link Durability#NORMAL}. */
    public Durability durability() {
        return durability;
    }

    /** PostgreSQL schema to keep the tables in, so several stores can share one database. */
    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    /** Largest JSON document (payload, result, config, ...) accepted, in UTF-8 bytes. Default 1 MiB, range 1 KiB..64 MiB. */
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /**
     * Whose clock stamps times and decides lease expiry, if set; empty means the backend's default
     * ({@link TimeSource#DATABASE} on PostgreSQL, {@link TimeSource#HOST} elsewhere).
     */
    public Optional<TimeSource> timeSource() {
        return Optional.ofNullable(timeSource);
    }

    /**
     * How many transactions of single writes a pooled backend commits at once, if set; empty
     * means the backend's default (PostgreSQL: 2, at most half the pool, at least 1). Single writes that
     * threads make at the same moment are combined into one transaction (group commit), so one
     * committer already serves many threads; more committers overlap round trips to a distant
     * server. Ignored by SQLite, which has one writer. Range 1..pool max size.
     */
    public Optional<Integer> writeCommitters() {
        return Optional.ofNullable(writeCommitters);
    }

    /** The clock that stamps every time the store writes. Default: system UTC. Not readable from properties. */
    public Clock clock() {
        return clock;
    }

    /** A builder initialised with this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.url = url;
        b.backend = backend;
        b.poolMaxSize = poolMaxSize;
        b.poolMinIdle = poolMinIdle;
        b.poolMaxLifetime = poolMaxLifetime;
        b.connectionTimeout = connectionTimeout;
        b.busyTimeout = busyTimeout;
        b.migrationMode = migrationMode;
        b.durability = durability;
        b.schema = schema;
        b.maxPayloadBytes = maxPayloadBytes;
        b.timeSource = timeSource;
        b.writeCommitters = writeCommitters;
        b.clock = clock;
        return b;
    }

    @Override
    public String toString() {
        return "PersistenceConfig{url=" + io.opstate.spi.Urls.mask(url) + ", backend=" + backend
                + ", poolMaxSize=" + poolMaxSize + ", poolMinIdle=" + poolMinIdle
                + ", poolMaxLifetime=" + poolMaxLifetime + ", connectionTimeout=" + connectionTimeout
                + ", busyTimeout=" + busyTimeout + ", migrationMode=" + migrationMode
                + ", durability=" + durability + ", schema=" + schema
                + ", maxPayloadBytes=" + maxPayloadBytes + ", timeSource=" + timeSource
                + ", writeCommitters=" + writeCommitters + "}";
    }

    /** Mutable, single-threaded builder; {@link #build()} validates every value. */
    public static final class Builder {
        private String url;
        private String backend;
        private int poolMaxSize = DEFAULT_POOL_MAX_SIZE;
        private int poolMinIdle = DEFAULT_POOL_MIN_IDLE;
        private Duration poolMaxLifetime = DEFAULT_POOL_MAX_LIFETIME;
        private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        private Duration busyTimeout = DEFAULT_BUSY_TIMEOUT;
        private MigrationMode migrationMode = MigrationMode.MIGRATE;
        private Durability durability = Durability.NORMAL;
        private String schema;
        private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
        private TimeSource timeSource;
        private Integer writeCommitters;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder backend(String backend) {
            this.backend = backend;
            return this;
        }

        public Builder poolMaxSize(int poolMaxSize) {
            this.poolMaxSize = poolMaxSize;
            return this;
        }

        public Builder poolMinIdle(int poolMinIdle) {
            this.poolMinIdle = poolMinIdle;
            return this;
        }

        public Builder poolMaxLifetime(Duration poolMaxLifetime) {
            this.poolMaxLifetime = poolMaxLifetime;
            return this;
        }

        public Builder connectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = connectionTimeout;
            return this;
        }

        public Builder busyTimeout(Duration busyTimeout) {
            this.busyTimeout = busyTimeout;
            return this;
        }

        public Builder migrationMode(MigrationMode migrationMode) {
            this.migrationMode = migrationMode;
            return this;
        }

        public Builder durability(Durability durability) {
            this.durability = durability;
            return this;
        }

        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        public Builder maxPayloadBytes(int maxPayloadBytes) {
            this.maxPayloadBytes = maxPayloadBytes;
            return this;
        }

        /** How many transactions of single writes commit at once; null for the backend's default. */
        public Builder writeCommitters(Integer writeCommitters) {
            this.writeCommitters = writeCommitters;
            return this;
        }

        /** Whose clock stamps times; null for the backend's default. */
        public Builder timeSource(TimeSource timeSource) {
            this.timeSource = timeSource;
            return this;
        }

        /** The clock the store stamps times with (under {@link TimeSource#HOST}); tests pass a settable one. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Sets one setting by its property name, parsing the text; an unknown name is rejected. */
        public Builder set(String property, String value) {
            BiConsumer<Builder, String> setter = switch (property) {
                case URL -> Builder::url;
                case BACKEND -> Builder::backend;
                case POOL_MAX_SIZE -> (b, v) -> b.poolMaxSize(parseInt(property, v));
                case POOL_MIN_IDLE -> (b, v) -> b.poolMinIdle(parseInt(property, v));
                case POOL_MAX_LIFETIME -> (b, v) -> b.poolMaxLifetime(parseDuration(property, v));
                case CONNECTION_TIMEOUT -> (b, v) -> b.connectionTimeout(parseDuration(property, v));
                case BUSY_TIMEOUT -> (b, v) -> b.busyTimeout(parseDuration(property, v));
                case MIGRATION_MODE -> (b, v) -> b.migrationMode(parseEnum(property, v, MigrationMode.class));
                case DURABILITY -> (b, v) -> b.durability(parseEnum(property, v, Durability.class));
                case SCHEMA -> Builder::schema;
                case MAX_PAYLOAD_BYTES -> (b, v) -> b.maxPayloadBytes(parseInt(property, v));
                case TIME_SOURCE -> (b, v) -> b.timeSource(parseEnum(property, v, TimeSource.class));
                case WRITE_COMMITTERS -> (b, v) -> b.writeCommitters(v == null || v.isEmpty() ? null : parseInt(property, v));
                default -> throw new InvalidInputException(property,
                        "unknown setting; known settings are " + PROPERTIES.stream().sorted().toList());
            };
            setter.accept(this, value == null ? null : value.trim());
            return this;
        }

        /** Validates and seals the configuration. */
        public PersistenceConfig build() {
            if (url == null || url.isBlank()) {
                throw new InvalidInputException(URL, "is required (e.g. jdbc:sqlite:data/app.db or memory:)");
            }
            if (backend != null && backend.isBlank()) {
                backend = null;
            }
            if (schema != null) {
                if (schema.isBlank()) {
                    schema = null;
                } else if (!schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
                    throw new InvalidInputException(SCHEMA,
                            "must be a plain SQL identifier (letters, digits, underscore; at most 63), got '" + schema + "'");
                }
            }
            requireRange(POOL_MAX_SIZE, poolMaxSize, 1, 1000);
            requireRange(POOL_MIN_IDLE, poolMinIdle, 0, poolMaxSize);
            requireRange(POOL_MAX_LIFETIME, poolMaxLifetime, Duration.ofSeconds(30), Duration.ofHours(24));
            requireRange(CONNECTION_TIMEOUT, connectionTimeout, Duration.ofMillis(250), Duration.ofMinutes(10));
            requireRange(BUSY_TIMEOUT, busyTimeout, Duration.ZERO, Duration.ofMinutes(10));
            requireRange(MAX_PAYLOAD_BYTES, maxPayloadBytes, 1024, 64 * 1024 * 1024);
            if (writeCommitters != null) {
                requireRange(WRITE_COMMITTERS, writeCommitters, 1, poolMaxSize);
            }
            requirePresent(MIGRATION_MODE, migrationMode);
            requirePresent(DURABILITY, durability);
            requirePresent("clock", clock);
            return new PersistenceConfig(this);
        }

        private static void requirePresent(String property, Object value) {
            if (value == null) {
                throw new InvalidInputException(property, "is required");
            }
        }

        private static void requireRange(String property, int value, int min, int max) {
            if (value < min || value > max) {
                throw new InvalidInputException(property,
                        "must be between " + min + " and " + max + ", got " + value);
            }
        }

        private static void requireRange(String property, Duration value, Duration min, Duration max) {
            requirePresent(property, value);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new InvalidInputException(property,
                        "must be between " + min + " and " + max + ", got " + value);
            }
        }

        private static int parseInt(String property, String value) {
            try {
                return Integer.parseInt(Objects.requireNonNull(value));
            } catch (RuntimeException e) {
                throw new InvalidInputException(property, "must be a whole number, got '" + value + "'", e);
            }
        }

        private static <E extends Enum<E>> E parseEnum(String property, String value, Class<E> type) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(value == null ? "" : value.replace('-', '_'))) {
                    return constant;
                }
            }
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new InvalidInputException(property, "must be one of " + allowed + ", got '" + value + "'");
        }

        static Duration parseDuration(String property, String value) {
            if (value == null || value.isEmpty()) {
                throw new InvalidInputException(property, "must be a duration such as PT30S, 500ms, 30s, 5m or 2h");
            }
            try {
                if (value.startsWith("P") || value.startsWith("p")) {
                    return Duration.parse(value);
                }
                int split = 0;
                while (split < value.length() && Character.isDigit(value.charAt(split))) {
                    split++;
                }
                long amount = Long.parseLong(value.substring(0, split));
                String unit = value.substring(split).trim().toLowerCase(Locale.ROOT);
                return switch (unit) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> throw new IllegalArgumentException("unit '" + unit + "'");
                };
            } catch (RuntimeException e) {
                throw new InvalidInputException(property,
                        "must be a duration such as PT30S, 500ms, 30s, 5m or 2h, got '" + value + "'", e);
            }
        }
    }
}
