package io.opstate.retention;

import io.opstate.InvalidInputException;
import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which rows {@link io.opstate.Maintenance#prune} removes. Every rule is optional (null: keep
 * every row of that kind); ages are measured back from the store's "now" when the run starts.
 * Built with {@link #builder()} or read from a configuration with {@link #from(PersistenceConfig)}.
 * Validated when built: a bad value raises {@link InvalidInputException} naming the component.
 * Immutable.
 *
 * @param jobsFinishedOlderThan succeeded, failed and cancelled jobs that finished longer ago
 * @param executionsOlderThan executions that started longer ago, in any status (as
 *     {@link io.opstate.executions.ExecutionRepository#deleteStartedBefore})
 * @param executionsKeepLast per schedule, the executions beyond the newest this many (by start);
 *     executions of no schedule are left to {@code executionsOlderThan}; at least 1
 * @param historyOlderThan history events that occurred longer ago
 * @param sessionsFinishedOlderThan sessions that ended longer ago, with their checkpoints and
 *     transcripts; sessions still running are kept
 * @param constructStatuses constructs in one of these statuses, not changed for
 *     {@code constructsOlderThan}, go with everything they own (as
 *     {@link io.opstate.constructs.ConstructRepository#delete}); set both or neither
 * @param constructsOlderThan see {@code constructStatuses}: the time since the construct's last change
 * @param artifactsOlderThan artifacts put longer ago
 * @param artifactsQuotaBytes after {@code artifactsOlderThan}, the oldest artifacts until the
 *     stored sizes of those left add up to at most this (blobs shared by several artifacts count
 *     once per artifact); 0 removes every artifact
 * @param tokensExpiredFor API tokens expired, or revoked, longer ago than this grace
 * @param changesOlderThan resource change-feed entries written longer ago; the newest entry
 *     always stays, as the feed numbers on from it
 * @param changesKeepLast the change-feed entries beyond the newest this many; at least 1
 * @param batchSize the most rows of one kind a transaction removes, 1..{@value #MAX_BATCH_SIZE};
 *     default {@value #DEFAULT_BATCH_SIZE}
 */
public record RetentionPolicy(Duration jobsFinishedOlderThan, Duration executionsOlderThan,
                              Integer executionsKeepLast, Duration historyOlderThan,
                              Duration sessionsFinishedOlderThan, Set<String> constructStatuses,
                              Duration constructsOlderThan, Duration artifactsOlderThan, Long artifactsQuotaBytes,
                              Duration tokensExpiredFor, Duration changesOlderThan, Integer changesKeepLast,
                              int batchSize) {
    /** Rows of one kind removed per transaction unless the policy says otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 1_000;
    /** The largest batch a policy may ask for. */
    public static final int MAX_BATCH_SIZE = 10_000;
    private static final long MEBIBYTE = 1024L * 1024L;

    public RetentionPolicy {
        notNegative("jobsFinishedOlderThan", jobsFinishedOlderThan);
        notNegative("executionsOlderThan", executionsOlderThan);
        atLeastOne("executionsKeepLast", executionsKeepLast);
        notNegative("historyOlderThan", historyOlderThan);
        notNegative("sessionsFinishedOlderThan", sessionsFinishedOlderThan);
        constructStatuses = statuses(constructStatuses);
        notNegative("constructsOlderThan", constructsOlderThan);
        if (constructStatuses != null && constructsOlderThan == null) {
            throw new InvalidInputException("constructsOlderThan", "is required with constructStatuses");
        }
        if (constructsOlderThan != null && constructStatuses == null) {
            throw new InvalidInputException("constructStatuses", "is required with constructsOlderThan");
        }
        notNegative("artifactsOlderThan", artifactsOlderThan);
        if (artifactsQuotaBytes != null && artifactsQuotaBytes < 0) {
            throw new InvalidInputException("artifactsQuotaBytes", "must not be negative, got " + artifactsQuotaBytes);
        }
        notNegative("tokensExpiredFor", tokensExpiredFor);
        notNegative("changesOlderThan", changesOlderThan);
        atLeastOne("changesKeepLast", changesKeepLast);
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new InvalidInputException("batchSize", "must be 1.." + MAX_BATCH_SIZE + ", got " + batchSize);
        }
    }

    /** A builder with no rule: a policy built from it removes nothing. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The policy a configuration sets through the {@code opstate.retention.*} settings
     * ({@link Settings#RETENTION_JOBS_FINISHED_OLDER_THAN} and the others); a setting left unset
     * leaves its rule out. What a background maintenance run passes to
     * {@code prune(RetentionPolicy.from(config), PruneMode.DELETE, ...)}.
     *
     * @throws InvalidInputException naming the setting when the settings make no valid policy
     *     (construct statuses without an age, or the reverse)
     */
    public static RetentionPolicy from(PersistenceConfig config) {
        if (config == null) {
            throw new InvalidInputException("config", "must not be null");
        }
        Builder builder = builder();
        config.get(Settings.RETENTION_JOBS_FINISHED_OLDER_THAN).ifPresent(builder::jobsFinishedOlderThan);
        config.get(Settings.RETENTION_EXECUTIONS_OLDER_THAN).ifPresent(builder::executionsOlderThan);
        config.get(Settings.RETENTION_EXECUTIONS_KEEP_LAST).ifPresent(builder::executionsKeepLast);
        config.get(Settings.RETENTION_HISTORY_OLDER_THAN).ifPresent(builder::historyOlderThan);
        config.get(Settings.RETENTION_SESSIONS_FINISHED_OLDER_THAN).ifPresent(builder::sessionsFinishedOlderThan);
        config.get(Settings.RETENTION_ARTIFACTS_OLDER_THAN).ifPresent(builder::artifactsOlderThan);
        config.get(Settings.RETENTION_ARTIFACTS_QUOTA_MB).ifPresent(mb -> builder.artifactsQuotaBytes(mb * MEBIBYTE));
        config.get(Settings.RETENTION_TOKENS_EXPIRED_FOR).ifPresent(builder::tokensExpiredFor);
        config.get(Settings.RETENTION_CHANGES_OLDER_THAN).ifPresent(builder::changesOlderThan);
        config.get(Settings.RETENTION_CHANGES_KEEP_LAST).ifPresent(builder::changesKeepLast);
        config.get(Settings.RETENTION_BATCH_SIZE).ifPresent(builder::batchSize);
        var statuses = config.get(Settings.RETENTION_CONSTRUCTS_STATUSES);
        var age = config.get(Settings.RETENTION_CONSTRUCTS_OLDER_THAN);
        if (statuses.isPresent() != age.isPresent()) {
            String given = (statuses.isPresent() ? Settings.RETENTION_CONSTRUCTS_STATUSES
                    : Settings.RETENTION_CONSTRUCTS_OLDER_THAN).property();
            String missing = (statuses.isPresent() ? Settings.RETENTION_CONSTRUCTS_OLDER_THAN
                    : Settings.RETENTION_CONSTRUCTS_STATUSES).property();
            throw new InvalidInputException(missing, "is required when " + given + " is set");
        }
        statuses.ifPresent(text -> builder.constructs(Set.copyOf(Arrays.stream(text.split(","))
                .map(String::strip).toList()), age.orElseThrow()));
        return builder.build();
    }

    /** Whether the policy has no rule at all: a prune with it removes nothing. */
    public boolean isEmpty() {
        return jobsFinishedOlderThan == null && executionsOlderThan == null && executionsKeepLast == null
                && historyOlderThan == null && sessionsFinishedOlderThan == null && constructStatuses == null
                && artifactsOlderThan == null && artifactsQuotaBytes == null && tokensExpiredFor == null
                && changesOlderThan == null && changesKeepLast == null;
    }

    private static void notNegative(String field, Duration value) {
        if (value != null && value.isNegative()) {
            throw new InvalidInputException(field, "must not be negative, got " + value);
        }
    }

    private static void atLeastOne(String field, Integer value) {
        if (value != null && value < 1) {
            throw new InvalidInputException(field, "must be at least 1, got " + value);
        }
    }

    private static Set<String> statuses(Set<String> statuses) {
        if (statuses == null) {
            return null;
        }
        if (statuses.isEmpty()) {
            throw new InvalidInputException("constructStatuses", "must name at least one status");
        }
        Set<String> copy = new LinkedHashSet<>();
        for (String status : statuses) {
            if (status == null || status.isBlank()) {
                throw new InvalidInputException("constructStatuses", "must not hold a blank status");
            }
            copy.add(status);
        }
        return Collections.unmodifiableSet(copy);
    }

    /** Builds a {@link RetentionPolicy}; each rule is optional. Not thread-safe. */
    public static final class Builder {
        private Duration jobsFinishedOlderThan;
        private Duration executionsOlderThan;
        private Integer executionsKeepLast;
        private Duration historyOlderThan;
        private Duration sessionsFinishedOlderThan;
        private Set<String> constructStatuses;
        private Duration constructsOlderThan;
        private Duration artifactsOlderThan;
        private Long artifactsQuotaBytes;
        private Duration tokensExpiredFor;
        private Duration changesOlderThan;
        private Integer changesKeepLast;
        private int batchSize = DEFAULT_BATCH_SIZE;

        private Builder() {
        }

        public Builder jobsFinishedOlderThan(Duration age) {
            this.jobsFinishedOlderThan = age;
            return this;
        }

        public Builder executionsOlderThan(Duration age) {
            this.executionsOlderThan = age;
            return this;
        }

        public Builder executionsKeepLast(Integer perSchedule) {
            this.executionsKeepLast = perSchedule;
            return this;
        }

        public Builder historyOlderThan(Duration age) {
            this.historyOlderThan = age;
            return this;
        }

        public Builder sessionsFinishedOlderThan(Duration age) {
            this.sessionsFinishedOlderThan = age;
            return this;
        }

        /** Constructs in one of {@code statuses} whose last change is older than {@code age}. */
        public Builder constructs(Set<String> statuses, Duration age) {
            this.constructStatuses = statuses;
            this.constructsOlderThan = age;
            return this;
        }

        public Builder artifactsOlderThan(Duration age) {
            this.artifactsOlderThan = age;
            return this;
        }

        public Builder artifactsQuotaBytes(Long quota) {
            this.artifactsQuotaBytes = quota;
            return this;
        }

        public Builder tokensExpiredFor(Duration grace) {
            this.tokensExpiredFor = grace;
            return this;
        }

        public Builder changesOlderThan(Duration age) {
            this.changesOlderThan = age;
            return this;
        }

        public Builder changesKeepLast(Integer entries) {
            this.changesKeepLast = entries;
            return this;
        }

        public Builder batchSize(int rows) {
            this.batchSize = rows;
            return this;
        }

        /** @throws InvalidInputException naming the component of a bad value */
        public RetentionPolicy build() {
            return new RetentionPolicy(jobsFinishedOlderThan, executionsOlderThan, executionsKeepLast,
                    historyOlderThan, sessionsFinishedOlderThan, constructStatuses, constructsOlderThan,
                    artifactsOlderThan, artifactsQuotaBytes, tokensExpiredFor, changesOlderThan, changesKeepLast,
                    batchSize);
        }
    }
}
