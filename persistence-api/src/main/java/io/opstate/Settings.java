package io.opstate;

import static io.opstate.Range.between;

import io.opstate.artifacts.ArtifactStorage;
import io.opstate.maintenance.VacuumMode;
import io.opstate.spi.Urls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every setting of a {@link PersistenceConfig}, declared once, grouped by area. Read a value with
 * {@link PersistenceConfig#get(Setting)}, set one with {@link PersistenceConfig.Builder#set(Setting, Object)}.
 *
 * <p>A declaration is all a new setting needs: {@link #all()} lists it, properties and environment
 * variables are read for it, and it is validated, shown by {@code toString} and copied by
 * {@code toBuilder}. Settings are listed, validated and shown in the order declared here, so a
 * setting whose allowed range depends on another comes after it.
 */
public final class Settings {
    // Filled as the fields below initialise, which happens in textual order, so it comes first.
    private static final List<Setting<?>> DECLARED = new ArrayList<>();

    // The store

    /** Where the store is; selects the backend unless {@link #BACKEND} is set. Required. */
    public static final Setting<String> URL = declare(Setting.text("opstate.url",
                    "where the store is; selects the backend")
            .required().shownAs(Urls::mask).example("jdbc:sqlite:data/app.db"));

    /** A backend picked by name ({@code memory}, {@code sqlite}, {@code postgres}); unset: the URL decides. */
    public static final Setting<String> BACKEND = declare(Setting.text("opstate.backend",
                    "pick a backend by name instead of by URL")
            .example("sqlite"));

    // The connection pool

    /** Most connections a pooled backend opens (SQLite: readers). Default 10, range 1..1000. */
    public static final Setting<Integer> POOL_MAX_SIZE = declare(Setting.integer("opstate.pool.max-size",
                    "most connections a pooled backend opens (SQLite: read-only connections; writes use one more)")
            .byDefault(10).allowing(between(1, 1000)).example("20"));

    /** Idle connections a pooled backend keeps. Default 1, range 0..{@link #POOL_MAX_SIZE}. */
    public static final Setting<Integer> POOL_MIN_IDLE = declare(Setting.integer("opstate.pool.min-idle",
                    "idle connections kept")
            .byDefault(1).allowing(between(0, POOL_MAX_SIZE)).example("2"));

    /** Age at which a pooled connection is replaced. Default 30 min, range 30 s..24 h. */
    public static final Setting<Duration> POOL_MAX_LIFETIME = declare(Setting.duration("opstate.pool.max-lifetime",
                    "age at which a pooled connection is replaced")
            .byDefault(Duration.ofMinutes(30)).allowing(between(Duration.ofSeconds(30), Duration.ofHours(24)))
            .example("1h30m"));

    // Timeouts

    /** How long an operation waits for a connection before failing. Default 10 s, range 250 ms..10 min. */
    public static final Setting<Duration> CONNECTION_TIMEOUT = declare(Setting.duration("opstate.connection-timeout",
                    "wait for a connection before failing")
            .byDefault(Duration.ofSeconds(10)).allowing(between(Duration.ofMillis(250), Duration.ofMinutes(10)))
            .example("500ms"));

    /** How long SQLite waits on a lock held by another process. Default 5 s, range 0..10 min. */
    public static final Setting<Duration> BUSY_TIMEOUT = declare(Setting.duration("opstate.busy-timeout",
                    "SQLite: wait on a lock held by another process")
            .byDefault(Duration.ofSeconds(5)).allowing(between(Duration.ZERO, Duration.ofMinutes(10)))
            .example("30s"));

    // Schema and migration

    /** What SQL backends do with their schema on open. Default {@link MigrationMode#MIGRATE}. */
    public static final Setting<MigrationMode> MIGRATION_MODE = declare(Setting.choice("opstate.migration-mode",
                    MigrationMode.class, "what SQL backends do with their schema on open")
            .byDefault(MigrationMode.MIGRATE).example("validate"));

    /** PostgreSQL schema to keep the tables in, so several stores can share one database; unset by default. */
    public static final Setting<String> SCHEMA = declare(Setting.text("opstate.schema",
                    "PostgreSQL schema holding the tables")
            .allowing(Matching.pattern("[A-Za-z_][A-Za-z0-9_]{0,62}",
                    "a plain SQL identifier (letters, digits, underscore; at most 63)"))
            .example("tenant_1"));

    // Writes and time

    /** How hard writes are made durable. Default {@link Durability#NORMAL}. */
    public static final Setting<Durability> DURABILITY = declare(Setting.choice("opstate.durability",
                    Durability.class, "how hard writes are made durable")
            .byDefault(Durability.NORMAL).example("full"));

    /** Whose clock stamps times and decides lease expiry; unset: the backend's default. */
    public static final Setting<TimeSource> TIME_SOURCE = declare(Setting.choice("opstate.time-source",
                    TimeSource.class, "whose clock stamps times and decides lease expiry")
            .example("database"));

    /** Transactions of combined single writes a pooled backend commits at once; unset: the backend's default. */
    public static final Setting<Integer> WRITE_COMMITTERS = declare(Setting.integer("opstate.write-committers",
                    "the most transactions of combined single writes that commit at once (group commit); one beyond the first starts only while a full batch waits")
            .allowing(between(1, POOL_MAX_SIZE)).example("3"));

    // Payload limits

    /** Largest JSON document accepted, in UTF-8 bytes. Default 1 MiB, range 1 KiB..64 MiB. */
    public static final Setting<Integer> MAX_PAYLOAD_BYTES = declare(Setting.integer("opstate.max-payload-bytes",
                    "largest JSON document accepted, in UTF-8 bytes")
            .byDefault(1024 * 1024).allowing(between(1024, 64 * 1024 * 1024)).example("4096"));

    // Sessions and transcripts

    /** Largest transcript entry accepted (content and data), in UTF-8 bytes. Default 1 MiB, range 1 KiB..64 MiB. */
    public static final Setting<Integer> MAX_ENTRY_BYTES = declare(Setting.integer("opstate.max-entry-bytes",
                    "largest transcript entry accepted (content and data together), in UTF-8 bytes")
            .byDefault(1024 * 1024).allowing(between(1024, 64 * 1024 * 1024)).example("65536"));

    /** State checkpoints kept per session, newest first; older ones are deleted on save. Default 10, range 1..10,000. */
    public static final Setting<Integer> CHECKPOINTS_KEPT = declare(Setting.integer("opstate.checkpoints-kept",
                    "state checkpoints kept per session (the newest); older ones are deleted when a new one is saved")
            .byDefault(10).allowing(between(1, 10_000)).example("3"));

    // Artifacts

    /**
     * Directory holding artifact blobs. Unset: beside the SQLite file ({@code <file>.artifacts}), a
     * temporary directory for memory stores; PostgreSQL stores need it set to a directory every
     * host shares.
     */
    public static final Setting<String> ARTIFACT_ROOT = declare(Setting.text("opstate.artifact-root",
                    "directory holding artifact blobs (default: beside the SQLite file; PostgreSQL: required for artifacts)")
            .example("/var/lib/app/artifacts"));

    /**
     * Where artifact blobs live: {@code files} under {@link #ARTIFACT_ROOT}, or {@code database}
     * (PostgreSQL only). Unset: files. PostgreSQL refuses artifact calls until one of
     * {@code opstate.artifact-root} or {@code opstate.artifact-storage=database} is set.
     */
    public static final Setting<ArtifactStorage> ARTIFACT_STORAGE = declare(Setting.choice("opstate.artifact-storage",
                    ArtifactStorage.class, "where artifact blobs live: files under the artifact root, or database"
                            + " (PostgreSQL only)")
            .example("database"));

    // Read cache of the SQL backends (constructs, recent transcript entries)

    /** Memory the read cache of a SQL store may fill, in MiB; 0 switches it off. Default 32, range 0..4096. */
    public static final Setting<Integer> CACHE_MAX_MB = declare(Setting.integer("opstate.cache.max-mb",
                    "SQL backends: memory the read cache of constructs and recent transcript entries may fill,"
                            + " in MiB; 0 switches it off")
            .byDefault(32).allowing(between(0, 4096)).example("0"));

    /** Newest entries of a session the read cache keeps, answering {@code last(count)} up to it; 0: none. Default 20, range 0..1000. */
    public static final Setting<Integer> CACHE_RECENT_ENTRIES = declare(Setting.integer("opstate.cache.recent-entries",
                    "SQL backends: newest transcript entries of a session the read cache keeps; 0 caches no entries")
            .byDefault(20).allowing(between(0, 1000)).example("50"));

    /**
     * PostgreSQL: how old a cached read may be; the cache is on only when this is set, and a cached
     * answer may then miss other processes' writes of at most this long ago. SQLite checks every
     * cached answer against the file instead and ignores it. Unset by default; range 1 ms..1 h.
     */
    public static final Setting<Duration> CACHE_MAX_STALENESS = declare(Setting.duration("opstate.cache.max-staleness",
                    "PostgreSQL: turns the read cache on, answers may miss other processes' writes of at most this"
                            + " long ago (SQLite checks every cached answer and ignores it)")
            .allowing(between(Duration.ofMillis(1), Duration.ofHours(1))).example("2s"));

    // API tokens

    /**
     * Key of the HMAC-SHA256 under which token secrets are hashed; unset: plain SHA-256. Keep it
     * outside the database, so a stolen copy of the store cannot be checked against guesses.
     * Changing it makes every existing token fail to verify. Never shown in messages.
     */
    public static final Setting<String> TOKEN_PEPPER = declare(Setting.text("opstate.token-pepper",
                    "key of the HMAC-SHA256 of token secrets (unset: SHA-256); changing it invalidates every token")
            .shownAs(value -> "****").example("a-long-random-server-secret"));

    /** How long a token's last-used time may lag: a verification writes it only when it is older. Default 60 s, range 0..1 day. */
    public static final Setting<Duration> TOKEN_LAST_USED_INTERVAL = declare(Setting.duration(
                    "opstate.token-last-used-interval",
                    "a token's last-used time is written by a verification only when older than this; 0: every time")
            .byDefault(Duration.ofSeconds(60)).allowing(between(Duration.ZERO, Duration.ofDays(1))).example("5s"));

    // Backups and exports

    /**
     * Base64 of a 256-bit AES key: when set, backups (and export archives) are encrypted with it,
     * AES-256-GCM in 1 MiB segments, and restoring them needs it. Keep it apart from the backups.
     * Never shown in messages. Unset by default: backups are plain, readable by their owner only.
     */
    public static final Setting<String> BACKUP_KEY = declare(Setting.text("opstate.backup-key",
                    "base64 of a 256-bit AES key; when set, backups and exports are encrypted with it (AES-256-GCM)")
            .shownAs(value -> "****").allowing(Settings::aes256KeyRequirement)
            .example("q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA="));

    // Maintenance (docs/operations.md, "Maintenance")

    /**
     * How {@link Maintenance#optimize()} reclaims free space: {@code none}, {@code incremental}
     * or {@code full}. Default {@link VacuumMode#INCREMENTAL}.
     */
    public static final Setting<VacuumMode> MAINTENANCE_VACUUM = declare(Setting.choice("opstate.maintenance.vacuum",
                    VacuumMode.class, "how optimize reclaims free space: none, incremental or full (see docs/operations.md)")
            .byDefault(VacuumMode.INCREMENTAL).example("full"));

    /** Whether the store runs its maintenance tasks in the background. Default false. */
    public static final Setting<Boolean> MAINTENANCE_ENABLED = declare(Setting.flag("opstate.maintenance.enabled",
                    "run the maintenance tasks (integrity check, optimize, checkpoint) in the background")
            .byDefault(false).example("true"));

    /** How often the background integrity check runs; 0 never. Default 24 h, range 0..30 days. */
    public static final Setting<Duration> MAINTENANCE_INTEGRITY_INTERVAL = declare(Setting.duration(
                    "opstate.maintenance.integrity-interval",
                    "how often the background integrity check runs, across every process of the store; 0: never")
            .byDefault(Duration.ofHours(24)).allowing(between(Duration.ZERO, Duration.ofDays(30))).example("6h"));

    /** How often the background optimize runs; 0 never. Default 24 h, range 0..30 days. */
    public static final Setting<Duration> MAINTENANCE_OPTIMIZE_INTERVAL = declare(Setting.duration(
                    "opstate.maintenance.optimize-interval",
                    "how often the background optimize (statistics, vacuum) runs, across every process; 0: never")
            .byDefault(Duration.ofHours(24)).allowing(between(Duration.ZERO, Duration.ofDays(30))).example("12h"));

    /** How often the background write-ahead log checkpoint runs; 0 never. Default 5 min, range 0..30 days. */
    public static final Setting<Duration> MAINTENANCE_CHECKPOINT_INTERVAL = declare(Setting.duration(
                    "opstate.maintenance.checkpoint-interval",
                    "how often the background write-ahead log checkpoint runs (SQLite), across every process; 0: never")
            .byDefault(Duration.ofMinutes(5)).allowing(between(Duration.ZERO, Duration.ofDays(30))).example("1m"));

    /**
     * How often the background runner applies the {@code opstate.retention.*} policy; 0 never.
     * Off anyway while no retention rule is set. Default 1 h, range 0..30 days.
     */
    public static final Setting<Duration> MAINTENANCE_RETENTION_INTERVAL = declare(Setting.duration(
                    "opstate.maintenance.retention-interval",
                    "how often the background runner applies the opstate.retention.* rules, across every process; 0: never")
            .byDefault(Duration.ofHours(1)).allowing(between(Duration.ZERO, Duration.ofDays(30))).example("15m"));

    // Retention (io.opstate.retention.RetentionPolicy#from): each unset rule keeps every row of its kind

    private static final Range<Duration> RETENTION_AGES = between(Duration.ZERO, Duration.ofDays(36_500));

    /** Finished jobs older than this go. Unset: kept. */
    public static final Setting<Duration> RETENTION_JOBS_FINISHED_OLDER_THAN = declare(Setting.duration(
                    "opstate.retention.jobs.finished-older-than", "retention: finished jobs that finished longer ago go")
            .allowing(RETENTION_AGES).example("P30D"));

    /** Executions started longer ago go. Unset: kept. */
    public static final Setting<Duration> RETENTION_EXECUTIONS_OLDER_THAN = declare(Setting.duration(
                    "opstate.retention.executions.older-than", "retention: executions that started longer ago go")
            .allowing(RETENTION_AGES).example("90d"));

    /** Per schedule, executions beyond the newest this many go. Unset: kept. */
    public static final Setting<Integer> RETENTION_EXECUTIONS_KEEP_LAST = declare(Setting.integer(
                    "opstate.retention.executions.keep-last", "retention: per schedule, executions beyond the newest this many go")
            .allowing(between(1, Integer.MAX_VALUE)).example("100"));

    /** History events older than this go. Unset: kept. */
    public static final Setting<Duration> RETENTION_HISTORY_OLDER_THAN = declare(Setting.duration(
                    "opstate.retention.history.older-than", "retention: history events that occurred longer ago go")
            .allowing(RETENTION_AGES).example("180d"));

    /** Sessions that ended longer ago go, with their transcripts. Unset: kept. */
    public static final Setting<Duration> RETENTION_SESSIONS_FINISHED_OLDER_THAN = declare(Setting.duration(
                    "opstate.retention.sessions.finished-older-than",
                    "retention: sessions that ended longer ago go, with their checkpoints and transcripts")
            .allowing(RETENTION_AGES).example("30d"));

    /** Statuses of constructs that go once unchanged for {@link #RETENTION_CONSTRUCTS_OLDER_THAN}; comma-separated. */
    public static final Setting<String> RETENTION_CONSTRUCTS_STATUSES = declare(Setting.text(
                    "opstate.retention.constructs.statuses",
                    "retention: statuses (comma-separated) of constructs that go once unchanged for the age below")
            .allowing(Matching.pattern("[^,]*[^,\\s][^,]*(,[^,]*[^,\\s][^,]*)*",
                    "statuses separated by commas, none blank"))
            .example("archived,abandoned"));

    /** Constructs in {@link #RETENTION_CONSTRUCTS_STATUSES} unchanged for longer go, with all they own. */
    public static final Setting<Duration> RETENTION_CONSTRUCTS_OLDER_THAN = declare(Setting.duration(
                    "opstate.retention.constructs.older-than",
                    "retention: constructs of those statuses not changed for longer go, with everything they own")
            .allowing(RETENTION_AGES).example("365d"));

    /** Artifacts put longer ago go. Unset: kept. */
    public static final Setting<Duration> RETENTION_ARTIFACTS_OLDER_THAN = declare(Setting.duration(
                    "opstate.retention.artifacts.older-than", "retention: artifacts put longer ago go")
            .allowing(RETENTION_AGES).example("90d"));

    /** The oldest artifacts go until their stored sizes add up to at most this many MiB. Unset: no quota. */
    public static final Setting<Integer> RETENTION_ARTIFACTS_QUOTA_MB = declare(Setting.integer(
                    "opstate.retention.artifacts.quota-mb",
                    "retention: the oldest artifacts go until the rest's stored sizes add up to at most this many MiB")
            .allowing(between(0, Integer.MAX_VALUE)).example("10240"));

    /** Tokens expired or revoked longer ago than this grace go. Unset: kept. */
    public static final Setting<Duration> RETENTION_TOKENS_EXPIRED_FOR = declare(Setting.duration(
                    "opstate.retention.tokens.expired-for", "retention: API tokens expired or revoked longer ago go")
            .allowing(RETENTION_AGES).example("7d"));

    /** Resource change-feed entries written longer ago go (never the newest). Unset: kept. */
    public static final Setting<Duration> RETENTION_CHANGES_OLDER_THAN = declare(Setting.duration(
                    "opstate.retention.changes.older-than",
                    "retention: resource change-feed entries written longer ago go (never the newest)")
            .allowing(RETENTION_AGES).example("30d"));

    /** Resource change-feed entries beyond the newest this many go. Unset: kept. */
    public static final Setting<Integer> RETENTION_CHANGES_KEEP_LAST = declare(Setting.integer(
                    "opstate.retention.changes.keep-last", "retention: resource change-feed entries beyond the newest this many go")
            .allowing(between(1, Integer.MAX_VALUE)).example("100000"));

    /** Rows of one kind one retention transaction removes at most. Default 1,000, range 1..10,000. */
    public static final Setting<Integer> RETENTION_BATCH_SIZE = declare(Setting.integer(
                    "opstate.retention.batch-size", "retention: the most rows of one kind one transaction removes")
            .byDefault(1_000).allowing(between(1, 10_000)).example("5000"));

    private Settings() {
    }

    private static String aes256KeyRequirement(String value, Function<Setting<?>, Object> values) {
        try {
            return Base64.getDecoder().decode(value.strip()).length == 32 ? null
                    : "must be the base64 of exactly 32 bytes (a 256-bit key), e.g. from `openssl rand -base64 32`";
        } catch (IllegalArgumentException e) {
            return "must be base64 (of a 256-bit key, e.g. from `openssl rand -base64 32`)";
        }
    }

    /** Every setting, in declaration order. The list is immutable. */
    public static List<Setting<?>> all() {
        return Collections.unmodifiableList(DECLARED);
    }

    /** The setting with this property name, if there is one. */
    static Optional<Setting<?>> byProperty(String property) {
        return DECLARED.stream().filter(s -> s.property().equals(property)).findFirst();
    }

    private static <T> Setting<T> declare(Setting.Declaration<T> declaration) {
        Setting<T> setting = declaration.toSetting();
        for (Setting<?> earlier : DECLARED) {
            if (earlier.environmentVariable().equals(setting.environmentVariable())) {
                throw new IllegalStateException(setting + " has the same environment variable as " + earlier);
            }
        }
        DECLARED.add(setting);
        return setting;
    }
}
