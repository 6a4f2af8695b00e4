package io.opstate.jdbc.internal.retention;

import io.opstate.core.retention.RetentionRun;
import io.opstate.core.retention.RetentionStep;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.artifacts.JdbcArtifactRows;
import io.opstate.jdbc.internal.cache.ReadCache;
import io.opstate.jdbc.internal.constructs.JdbcConstructRepository;
import io.opstate.jdbc.internal.sessions.SessionPurges;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import io.opstate.retention.PruneMode;
import io.opstate.retention.RetentionEntity;
import io.opstate.retention.RetentionPolicy;
import io.opstate.retention.RetentionReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Retention on the SQL backends: turns a policy into steps over OpState's tables, in the order
 * {@link io.opstate.Maintenance#prune} documents, each a condition written once for both dialects.
 * Later steps of one kind leave out what earlier ones remove, so a dry run counts what the real
 * run removes. Thread-safe.
 */
public final class JdbcRetention {
    private static final String TERMINAL_JOBS = "status IN ('succeeded', 'failed', 'cancelled')";
    private static final String NEWEST_CHANGE = "(SELECT MAX(position) FROM opstate_resource_changes)";

    private final JdbcContext context;
    private final SessionPurges purges;
    private final ReadCache cache;
    private final JdbcArtifactRows artifacts;
    private final JdbcConstructRepository constructs;

    public JdbcRetention(JdbcContext context, SessionPurges purges, ReadCache cache, JdbcArtifactRows artifacts,
                         JdbcConstructRepository constructs) {
        this.context = context;
        this.purges = purges;
        this.cache = cache;
        this.artifacts = artifacts;
        this.constructs = constructs;
    }

    public RetentionReport prune(RetentionPolicy policy, PruneMode mode, ProgressListener listener,
                                 Cancellation cancellation) {
        context.database().ensureOpen();
        return RetentionRun.run(policy, mode, listener, cancellation, this::steps);
    }

    private List<RetentionStep> steps(RetentionPolicy policy) {
        Instant now = context.database().read(ErrorContext.NONE, handle -> context.time().read(handle));
        List<RetentionStep> steps = new ArrayList<>();
        if (policy.jobsFinishedOlderThan() != null) {
            steps.add(new RowsStep(context, RetentionEntity.JOBS, "opstate_jobs", "id",
                    TERMINAL_JOBS + " AND finished_at < :cutoff", cutoff(now, policy.jobsFinishedOlderThan())));
        }
        Instant executionCutoff = before(now, policy.executionsOlderThan());
        if (executionCutoff != null) {
            steps.add(new RowsStep(context, RetentionEntity.EXECUTIONS, "opstate_executions", "id",
                    "started_at < :cutoff", Map.of("cutoff", executionCutoff)));
        }
        if (policy.executionsKeepLast() != null) {
            steps.add(new RowsStep(context, RetentionEntity.EXECUTIONS, "opstate_executions", "id",
                    "id IN (SELECT id FROM (SELECT id, started_at, ROW_NUMBER() OVER (PARTITION BY schedule_id"
                            + " ORDER BY started_at DESC, id DESC) AS newer FROM opstate_executions"
                            + " WHERE schedule_id IS NOT NULL) ranked WHERE newer > :keep"
                            + (executionCutoff == null ? "" : " AND started_at >= :cutoff") + ")",
                    withCutoff(Map.of("keep", policy.executionsKeepLast()), executionCutoff)));
        }
        if (policy.historyOlderThan() != null) {
            steps.add(new RowsStep(context, RetentionEntity.HISTORY, "opstate_history", "id",
                    "occurred_at < :cutoff", cutoff(now, policy.historyOlderThan())));
        }
        if (policy.sessionsFinishedOlderThan() != null) {
            steps.add(new SessionsStep(context, purges, cache, before(now, policy.sessionsFinishedOlderThan())));
        }
        Instant artifactCutoff = before(now, policy.artifactsOlderThan());
        if (artifactCutoff != null) {
            steps.add(ArtifactsStep.olderThan(context, artifacts, artifactCutoff));
        }
        if (policy.artifactsQuotaBytes() != null) {
            steps.add(ArtifactsStep.overQuota(context, artifacts, policy.artifactsQuotaBytes(), artifactCutoff));
        }
        if (policy.constructStatuses() != null) {
            steps.add(new ConstructsStep(context, constructs, List.copyOf(policy.constructStatuses()),
                    before(now, policy.constructsOlderThan())));
        }
        if (policy.tokensExpiredFor() != null) {
            steps.add(new RowsStep(context, RetentionEntity.TOKENS, "opstate_tokens", "id",
                    "(expires_at < :cutoff OR revoked_at < :cutoff)", cutoff(now, policy.tokensExpiredFor())));
        }
        Instant changeCutoff = before(now, policy.changesOlderThan());
        if (changeCutoff != null) {
            steps.add(new RowsStep(context, RetentionEntity.CHANGES, "opstate_resource_changes", "position",
                    "changed_at < :cutoff AND position < " + NEWEST_CHANGE, Map.of("cutoff", changeCutoff)));
        }
        if (policy.changesKeepLast() != null) {
            steps.add(new RowsStep(context, RetentionEntity.CHANGES, "opstate_resource_changes", "position",
                    "position <= " + NEWEST_CHANGE + " - :keep" + (changeCutoff == null ? "" : " AND changed_at >= :cutoff"),
                    withCutoff(Map.of("keep", policy.changesKeepLast()), changeCutoff)));
        }
        return steps;
    }

    private static Instant before(Instant now, Duration age) {
        return RetentionRun.cutoff(now, age);
    }

    private static Map<String, Object> cutoff(Instant now, Duration age) {
        return Map.of("cutoff", RetentionRun.cutoff(now, age));
    }

    private static Map<String, Object> withCutoff(Map<String, Object> parameters, Instant cutoff) {
        if (cutoff == null) {
            return parameters;
        }
        Map<String, Object> all = new java.util.HashMap<>(parameters);
        all.put("cutoff", cutoff);
        return all;
    }
}
