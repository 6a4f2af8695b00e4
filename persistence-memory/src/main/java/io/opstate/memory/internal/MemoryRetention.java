package io.opstate.memory.internal;

import io.opstate.artifacts.Artifact;
import io.opstate.constructs.Construct;
import io.opstate.core.retention.RetentionRun;
import io.opstate.core.retention.RetentionStep;
import io.opstate.executions.Execution;
import io.opstate.jobs.Job;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import io.opstate.resources.ResourceChange;
import io.opstate.retention.PruneMode;
import io.opstate.retention.RetentionCount;
import io.opstate.retention.RetentionEntity;
import io.opstate.retention.RetentionPolicy;
import io.opstate.retention.RetentionReport;
import io.opstate.transcripts.TranscriptEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Retention on the memory backend: the same rules, order and counts as the SQL backends', over
 * the tables of a {@link MemoryStore}. Each batch is one write; what a removed record owns goes
 * with it as its own delete takes it. Thread-safe.
 */
final class MemoryRetention {
    private static final Comparator<Execution> NEWEST_FIRST =
            Comparator.comparing(Execution::startedAt).thenComparing(Execution::id).reversed();

    private final Session session;

    MemoryRetention(Session session) {
        this.session = session;
    }

    RetentionReport prune(RetentionPolicy policy, PruneMode mode, ProgressListener listener, Cancellation cancellation) {
        session.ensureOpen();
        return RetentionRun.run(policy, mode, listener, cancellation, this::steps);
    }

    private List<RetentionStep> steps(RetentionPolicy policy) {
        Instant now = session.now();
        List<RetentionStep> steps = new ArrayList<>();
        Instant jobs = before(now, policy.jobsFinishedOlderThan());
        if (jobs != null) {
            steps.add(rows(RetentionEntity.JOBS, store -> keys(store.jobs.select(job -> job.status().isTerminal()
                    && job.finishedAt() != null && job.finishedAt().isBefore(jobs)), Job::id), (store, id) -> store.jobs.delete(id)));
        }
        Instant executions = before(now, policy.executionsOlderThan());
        if (executions != null) {
            steps.add(rows(RetentionEntity.EXECUTIONS, store -> keys(store.executions.select(
                    execution -> execution.startedAt().isBefore(executions)), Execution::id),
                    (store, id) -> store.executions.delete(id)));
        }
        if (policy.executionsKeepLast() != null) {
            int keep = policy.executionsKeepLast();
            steps.add(rows(RetentionEntity.EXECUTIONS, store -> beyondNewest(store, keep, executions),
                    (store, id) -> store.executions.delete(id)));
        }
        Instant history = before(now, policy.historyOlderThan());
        if (history != null) {
            steps.add(rows(RetentionEntity.HISTORY, store -> keys(store.history.select(
                    event -> event.occurredAt().isBefore(history)), event -> event.id()),
                    (store, id) -> store.history.delete(id)));
        }
        Instant sessions = before(now, policy.sessionsFinishedOlderThan());
        if (sessions != null) {
            steps.add(sessions(sessions));
        }
        Instant artifacts = before(now, policy.artifactsOlderThan());
        if (artifacts != null) {
            steps.add(artifacts(store -> store.artifacts.select(artifact -> artifact.createdAt().isBefore(artifacts))));
        }
        if (policy.artifactsQuotaBytes() != null) {
            steps.add(artifacts(store -> overQuota(store, policy.artifactsQuotaBytes(), artifacts)));
        }
        if (policy.constructStatuses() != null) {
            Instant constructs = before(now, policy.constructsOlderThan());
            steps.add(rows(RetentionEntity.CONSTRUCTS, store -> keys(store.constructs.select(construct ->
                            policy.constructStatuses().contains(construct.status())
                                    && construct.updatedAt().isBefore(constructs)), Construct::id),
                    MemoryRetention::deleteConstruct));
        }
        Instant tokens = before(now, policy.tokensExpiredFor());
        if (tokens != null) {
            steps.add(rows(RetentionEntity.TOKENS, store -> keys(store.tokens.select(row ->
                    before(row.token().expiresAt(), tokens) || before(row.token().revokedAt(), tokens)),
                    MemoryTokenRows.Row::id), (store, id) -> store.tokens.delete(id)));
        }
        Instant changes = before(now, policy.changesOlderThan());
        if (changes != null) {
            steps.add(rows(RetentionEntity.CHANGES, store -> changes(store, change ->
                    change.changedAt().isBefore(changes) && change.position() < newestChange(store)),
                    (store, position) -> store.resourceChanges.delete(position)));
        }
        if (policy.changesKeepLast() != null) {
            long keep = policy.changesKeepLast();
            steps.add(rows(RetentionEntity.CHANGES, store -> changes(store, change ->
                            change.position() <= newestChange(store) - keep
                                    && (changes == null || !change.changedAt().isBefore(changes))),
                    (store, position) -> store.resourceChanges.delete(position)));
        }
        return steps;
    }

    private static Instant before(Instant now, Duration age) {
        return RetentionRun.cutoff(now, age);
    }

    private static boolean before(Instant time, Instant cutoff) {
        return time != null && time.isBefore(cutoff);
    }

    private static <T, K> List<K> keys(List<T> rows, Function<T, K> key) {
        return rows.stream().map(key).toList();
    }

    /** Per schedule, the executions beyond the newest {@code keep}, leaving out those started before {@code cutoff}. */
    private static List<String> beyondNewest(MemoryStore store, int keep, Instant cutoff) {
        Map<String, List<Execution>> bySchedule = new HashMap<>();
        for (Execution execution : store.executions.select(execution -> execution.scheduleId() != null)) {
            bySchedule.computeIfAbsent(execution.scheduleId(), schedule -> new ArrayList<>()).add(execution);
        }
        List<String> beyond = new ArrayList<>();
        for (List<Execution> runs : bySchedule.values()) {
            runs.sort(NEWEST_FIRST);
            runs.stream().skip(keep).filter(execution -> cutoff == null || !execution.startedAt().isBefore(cutoff))
                    .map(Execution::id).forEach(beyond::add);
        }
        return beyond;
    }

    private static long newestChange(MemoryStore store) {
        return store.resourceChangeLog.nextPosition() - 1;
    }

    private static List<Long> changes(MemoryStore store, Predicate<ResourceChange> selected) {
        return keys(store.resourceChanges.select(selected), ResourceChange::position);
    }

    /** After the age rule's artifacts, the oldest others until the rest's stored sizes are within {@code quota}. */
    private static List<Artifact> overQuota(MemoryStore store, long quota, Instant ageCutoff) {
        List<Artifact> kept = new ArrayList<>(store.artifacts.select(artifact ->
                ageCutoff == null || !artifact.createdAt().isBefore(ageCutoff)));
        kept.sort(Comparator.comparing(Artifact::createdAt).thenComparing(Artifact::id));
        long excess = kept.stream().mapToLong(Artifact::storedSize).sum() - quota;
        List<Artifact> over = new ArrayList<>();
        long bytes = 0;
        for (Artifact artifact : kept) {
            if (bytes >= excess) {
                break;
            }
            over.add(artifact);
            bytes += artifact.storedSize();
        }
        return over;
    }

    private static boolean deleteConstruct(MemoryStore store, String id) {
        if (!store.constructs.delete(id)) {
            return false;
        }
        store.constructLinks.deleteWhere(link -> link.fromId().equals(id) || link.toId().equals(id));
        for (io.opstate.sessions.Session owned : store.sessions.select(owned -> owned.constructId().equals(id))) {
            store.sessions.delete(owned.id());
            store.sessionLogs.remove(owned.id());
        }
        store.artifacts.deleteWhere(artifact -> artifact.constructId().equals(id));
        return true;
    }

    private <K> RetentionStep rows(RetentionEntity entity, Function<MemoryStore, List<K>> selected,
                                   BiFunction<MemoryStore, K, Boolean> delete) {
        return new RetentionStep() {
            @Override
            public RetentionEntity entity() {
                return entity;
            }

            @Override
            public Map<RetentionEntity, RetentionCount> count() {
                return Map.of(entity, RetentionCount.rows(session.read(store -> selected.apply(store).size())));
            }

            @Override
            public Map<RetentionEntity, RetentionCount> removeBatch(int limit) {
                long removed = session.write(store -> selected.apply(store).stream().limit(limit)
                        .filter(key -> delete.apply(store, key)).count());
                return Map.of(entity, RetentionCount.rows(removed));
            }
        };
    }

    private RetentionStep artifacts(Function<MemoryStore, List<Artifact>> selected) {
        return new RetentionStep() {
            @Override
            public RetentionEntity entity() {
                return RetentionEntity.ARTIFACTS;
            }

            @Override
            public Map<RetentionEntity, RetentionCount> count() {
                return Map.of(RetentionEntity.ARTIFACTS, session.read(store -> sizes(selected.apply(store))));
            }

            @Override
            public Map<RetentionEntity, RetentionCount> removeBatch(int limit) {
                return Map.of(RetentionEntity.ARTIFACTS, session.write(store -> {
                    List<Artifact> batch = selected.apply(store).stream().limit(limit).toList();
                    batch.forEach(artifact -> store.artifacts.delete(artifact.id()));
                    return sizes(batch);
                }));
            }
        };
    }

    private static RetentionCount sizes(List<Artifact> artifacts) {
        return new RetentionCount(artifacts.size(), artifacts.stream().mapToLong(Artifact::storedSize).sum());
    }

    private RetentionStep sessions(Instant cutoff) {
        Function<MemoryStore, List<io.opstate.sessions.Session>> finished = store -> store.sessions.select(
                candidate -> candidate.endedAt() != null && candidate.endedAt().isBefore(cutoff));
        return new RetentionStep() {
            @Override
            public RetentionEntity entity() {
                return RetentionEntity.SESSIONS;
            }

            @Override
            public Map<RetentionEntity, RetentionCount> count() {
                return session.read(store -> counts(store, finished.apply(store)));
            }

            @Override
            public Map<RetentionEntity, RetentionCount> removeBatch(int limit) {
                return session.write(store -> {
                    List<io.opstate.sessions.Session> batch = finished.apply(store).stream().limit(limit).toList();
                    Map<RetentionEntity, RetentionCount> counts = counts(store, batch);
                    for (io.opstate.sessions.Session gone : batch) {
                        store.sessions.delete(gone.id());
                        store.sessionLogs.remove(gone.id());
                    }
                    return counts;
                });
            }
        };
    }

    private static Map<RetentionEntity, RetentionCount> counts(MemoryStore store, List<io.opstate.sessions.Session> sessions) {
        long entries = 0;
        long chars = 0;
        for (io.opstate.sessions.Session owner : sessions) {
            for (TranscriptEntry entry : store.sessionLogs.entries(owner.id())) {
                entries++;
                chars += entry.content().length() + (entry.data() == null ? 0 : entry.data().length());
            }
        }
        return Map.of(RetentionEntity.SESSIONS, RetentionCount.rows(sessions.size()),
                RetentionEntity.TRANSCRIPT_ENTRIES, new RetentionCount(entries, chars));
    }
}
