package io.opstate.memory.internal;

import io.opstate.DuplicateDedupKeyException;
import io.opstate.DuplicateKeyException;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCompression;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructLink;
import io.opstate.sessions.Checkpoint;
import io.opstate.transcripts.TranscriptEntry;
import io.opstate.core.CronSchedules;
import io.opstate.core.ImportRules;
import io.opstate.executions.Execution;
import io.opstate.core.artifacts.BlobArtifactRepository;
import io.opstate.history.HistoryEvent;
import io.opstate.imports.ImportedBlob;
import io.opstate.imports.RecordImport;
import io.opstate.imports.RecordKind;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobStatus;
import io.opstate.pipelines.Pipeline;
import io.opstate.schedules.Schedule;
import io.opstate.InvalidInputException;
import io.opstate.core.ResourceKindRules;
import io.opstate.preferences.Preference;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceChange;
import io.opstate.resources.ResourceKind;
import io.opstate.tokens.HashedToken;
import io.opstate.tokens.Token;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link RecordImport} on a {@link MemoryStore}: each batch is one write, so a refused record
 * undoes the ones before it; artifacts go through the store's {@link BlobArtifactRepository},
 * which every backend shares. Records arrive checked and normalised. Thread-safe.
 */
final class MemoryRecordImport implements RecordImport {
    private final Session session;
    private final BlobArtifactRepository artifacts;

    MemoryRecordImport(Session session, BlobArtifactRepository artifacts) {
        this.session = session;
        this.artifacts = artifacts;
    }

    @Override
    public ImportedBlob importBlob(String sha256, long size, ArtifactCompression compression, InputStream content) {
        return artifacts.importBlob(sha256, size, compression, content);
    }

    @Override
    public List<Artifact> importArtifacts(List<Artifact> artifacts) {
        return this.artifacts.importArtifacts(artifacts);
    }

    @Override
    public List<Job> importJobs(List<Job> jobs) {
        return session.write(store -> {
            Instant now = session.now();
            refuseTakenTokens(store, jobs);
            refuseHeldDedupKeys(store, jobs);
            List<Job> imported = new ArrayList<>(jobs.size());
            long highestToken = 0;
            for (Job job : jobs) {
                imported.add(store.jobs.insert(job.status() == JobStatus.RUNNING
                        ? job.toBuilder().leaseExpiresAt(now).build()
                        : job));
                highestToken = Math.max(highestToken, job.fencingToken());
            }
            store.claimTokens.advancePast(highestToken);
            return imported;
        });
    }

    @Override
    public List<Pipeline> importPipelines(List<Pipeline> pipelines) {
        return session.write(store -> pipelines.stream().map(store.pipelines::insert).toList());
    }

    @Override
    public List<Schedule> importSchedules(List<Schedule> schedules) {
        return session.write(store -> {
            Instant now = session.now();
            List<Schedule> imported = new ArrayList<>(schedules.size());
            for (Schedule schedule : schedules) {
                imported.add(store.schedules.insert(schedule.enabled() && schedule.nextRunAt() == null
                        ? schedule.toBuilder().nextRunAt(
                                CronSchedules.nextRun(schedule.cronExpression(), schedule.timeZone(), now).orElse(null))
                                .build()
                        : schedule));
            }
            return imported;
        });
    }

    @Override
    public List<Execution> importExecutions(List<Execution> executions) {
        return session.write(store -> {
            List<Execution> imported = new ArrayList<>(executions.size());
            for (Execution execution : executions) {
                if (execution.scheduleId() != null) {
                    store.schedules.require(execution.scheduleId());
                }
                imported.add(store.executions.insert(execution));
            }
            return imported;
        });
    }

    /** Events keeping their ids go in first, so that the numbered ones come after the largest of them. */
    @Override
    public List<HistoryEvent> importHistory(List<HistoryEvent> events) {
        return session.write(store -> {
            HistoryEvent[] imported = new HistoryEvent[events.size()];
            for (int i = 0; i < events.size(); i++) {
                HistoryEvent event = events.get(i);
                if (event.id() > 0) {
                    imported[i] = store.history.insert(event);
                    store.historySequence.advancePast(event.id());
                }
            }
            for (int i = 0; i < events.size(); i++) {
                HistoryEvent event = events.get(i);
                if (event.id() == 0) {
                    imported[i] = store.history.insert(event.toBuilder().id(store.historySequence.next()).build());
                }
            }
            return List.of(imported);
        });
    }

    @Override
    public List<Construct> importConstructs(List<Construct> constructs) {
        return session.write(store -> constructs.stream().map(store.constructs::insert).toList());
    }

    @Override
    public List<ConstructLink> importConstructLinks(List<ConstructLink> links) {
        return session.write(store -> {
            List<ConstructLink> imported = new ArrayList<>(links.size());
            for (ConstructLink link : links) {
                for (String end : List.of(link.fromId(), link.toId())) {
                    store.constructs.require(end);
                }
                imported.add(store.constructLinks.insert(link));
            }
            return imported;
        });
    }

    @Override
    public List<io.opstate.sessions.Session> importSessions(List<io.opstate.sessions.Session> sessions) {
        return session.write(store -> {
            List<io.opstate.sessions.Session> imported = new ArrayList<>(sessions.size());
            for (io.opstate.sessions.Session imports : sessions) {
                store.constructs.require(imports.constructId());
                imported.add(store.sessions.insert(imports));
            }
            return imported;
        });
    }

    @Override
    public List<Checkpoint> importCheckpoints(List<Checkpoint> checkpoints) {
        return session.write(store -> {
            for (int i = 0; i < checkpoints.size(); i++) {
                Checkpoint checkpoint = checkpoints.get(i);
                io.opstate.sessions.Session owner = store.sessions.require(checkpoint.sessionId());
                List<Checkpoint> kept = store.sessionLogs.checkpoints(checkpoint.sessionId());
                long newest = kept.isEmpty() ? 0 : kept.get(kept.size() - 1).version();
                ImportRules.checkpointVersion(i, checkpoint.version(), newest, owner.stateVersion());
                store.sessionLogs.addCheckpoints(checkpoint.sessionId(), List.of(checkpoint));
            }
            return List.copyOf(checkpoints);
        });
    }

    @Override
    public List<TranscriptEntry> importTranscriptEntries(List<TranscriptEntry> entries) {
        return session.write(store -> {
            for (int i = 0; i < entries.size(); i++) {
                TranscriptEntry entry = entries.get(i);
                io.opstate.sessions.Session owner = store.sessions.require(entry.sessionId());
                long last = store.sessionLogs.entries(entry.sessionId()).size();
                ImportRules.entrySequence(i, entry.sequence(), last, owner.lastSequence());
                store.sessionLogs.append(entry.sessionId(), List.of(entry));
            }
            return List.copyOf(entries);
        });
    }

    @Override
    public List<Preference> importPreferences(List<Preference> preferences) {
        return session.write(store -> {
            for (Preference preference : preferences) {
                if (store.preferences.find(MemoryPreferenceRepository.Key.of(preference)) != null) {
                    throw new DuplicateKeyException("preference", preference.key());
                }
                store.preferences.insert(preference);
            }
            return List.copyOf(preferences);
        });
    }

    @Override
    public List<ResourceKind> importResourceKinds(List<ResourceKind> kinds) {
        return session.write(store -> kinds.stream().map(store.resourceKinds::insert).toList());
    }

    @Override
    public List<Resource> importResources(List<Resource> resources) {
        List<Resource> imported = session.write(store -> {
            for (int i = 0; i < resources.size(); i++) {
                Resource resource = resources.get(i);
                fits(store, i, resource);
                if (store.resourceNames.idOf(resource.kind(), resource.owner(), resource.name()) != null) {
                    throw new DuplicateKeyException("resource", ResourceKindRules.displayName(resource.kind(),
                            resource.owner(), resource.name()));
                }
                logged(store, ResourceChange.Type.CREATED, store.resources.insert(resource));
            }
            return List.copyOf(resources);
        });
        session.read(store -> store.resourceFeedWaiter).changed();
        return imported;
    }

    @Override
    public List<Token> importTokens(List<HashedToken> tokens) {
        return session.write(store -> tokens.stream()
                .map(token -> store.tokens.insert(new MemoryTokenRows.Row(token.token(), token.secretHash())).token())
                .toList());
    }

    @Override
    public List<Schedule> replaceSchedules(List<Schedule> schedules) {
        return session.write(store -> {
            Instant now = session.now();
            List<Schedule> replaced = new ArrayList<>(schedules.size());
            for (Schedule schedule : schedules) {
                store.schedules.require(schedule.id());
                replaced.add(store.schedules.update(schedule.enabled() && schedule.nextRunAt() == null
                        ? schedule.toBuilder().nextRunAt(
                                CronSchedules.nextRun(schedule.cronExpression(), schedule.timeZone(), now).orElse(null))
                                .build()
                        : schedule));
            }
            return replaced;
        });
    }

    @Override
    public List<Execution> replaceExecutions(List<Execution> executions) {
        return session.write(store -> {
            for (Execution execution : executions) {
                store.executions.require(execution.id());
                if (execution.scheduleId() != null) {
                    store.schedules.require(execution.scheduleId());
                }
                store.executions.update(execution);
            }
            return List.copyOf(executions);
        });
    }

    @Override
    public List<Construct> replaceConstructs(List<Construct> constructs) {
        return session.write(store -> {
            for (Construct construct : constructs) {
                store.constructs.require(construct.id());
                store.constructs.update(construct);
            }
            return List.copyOf(constructs);
        });
    }

    @Override
    public List<io.opstate.sessions.Session> replaceSessions(List<io.opstate.sessions.Session> sessions) {
        return session.write(store -> {
            for (int i = 0; i < sessions.size(); i++) {
                io.opstate.sessions.Session replacing = sessions.get(i);
                io.opstate.sessions.Session stored = store.sessions.require(replacing.id());
                List<Checkpoint> kept = store.sessionLogs.checkpoints(replacing.id());
                List<TranscriptEntry> entries = store.sessionLogs.entries(replacing.id());
                ImportRules.sessionReplaceable(i, replacing, stored.constructId(),
                        kept.isEmpty() ? 0 : kept.get(kept.size() - 1).version(),
                        entries.isEmpty() ? 0 : entries.get(entries.size() - 1).sequence());
                store.sessions.update(replacing);
            }
            return List.copyOf(sessions);
        });
    }

    @Override
    public List<Resource> replaceResources(List<Resource> resources) {
        List<Resource> replaced = session.write(store -> {
            for (int i = 0; i < resources.size(); i++) {
                Resource resource = resources.get(i);
                Resource stored = store.resources.require(resource.id());
                ImportRules.resourceKeepsKind(i, stored.kind(), resource.kind());
                fits(store, i, resource);
                String holder = store.resourceNames.idOf(resource.kind(), resource.owner(), resource.name());
                if (holder != null && !holder.equals(resource.id())) {
                    throw new DuplicateKeyException("resource", ResourceKindRules.displayName(resource.kind(),
                            resource.owner(), resource.name()));
                }
                logged(store, ResourceChange.Type.UPDATED, store.resources.update(resource));
            }
            return List.copyOf(resources);
        });
        session.read(store -> store.resourceFeedWaiter).changed();
        return replaced;
    }

    @Override
    public List<Token> replaceTokens(List<HashedToken> tokens) {
        return session.write(store -> {
            for (HashedToken token : tokens) {
                store.tokens.require(token.id());
                store.tokens.update(new MemoryTokenRows.Row(token.token(), token.secretHash()));
            }
            return tokens.stream().map(HashedToken::token).toList();
        });
    }

    /** The resource fits its stored kind; refusals name the batch's record. */
    private static void fits(MemoryStore store, int index, Resource resource) {
        try {
            ResourceKind kind = ResourceKindRules.declared(resource.kind(),
                    Optional.ofNullable(store.resourceKinds.find(resource.kind())));
            ResourceKindRules.checkStatus(kind, resource.status());
            ResourceKindRules.checkLabels(kind, resource.labels());
        } catch (InvalidInputException e) {
            throw new InvalidInputException("resources[" + index + "]." + e.field(), e.problem(), e);
        }
    }

    /** Appends the resource's change to the feed in the same write. */
    private void logged(MemoryStore store, ResourceChange.Type type, Resource resource) {
        store.resourceChanges.insert(new ResourceChange(store.resourceChangeLog.nextPosition(), type, resource.id(),
                resource.kind(), resource.name(), resource.owner(), resource.version(), session.now()));
    }

    public Map<String, Long> storedVersions(RecordKind kind, Collection<String> keys) {
        return session.read(store -> {
            Map<String, Long> found = new HashMap<>();
            for (String key : keys) {
                Long version = switch (kind) {
                    case JOB -> version(store.jobs.find(key), Job::version);
                    case PIPELINE -> version(store.pipelines.find(key), Pipeline::version);
                    case SCHEDULE -> version(store.schedules.find(key), Schedule::version);
                    case EXECUTION -> version(store.executions.find(key), Execution::version);
                    case HISTORY_EVENT -> historyId(key) > 0 && store.history.find(historyId(key)) != null ? 1L : null;
                    case CONSTRUCT -> version(store.constructs.find(key), Construct::version);
                    case SESSION -> version(store.sessions.find(key), io.opstate.sessions.Session::version);
                };
                if (version != null) {
                    found.put(key, version);
                }
            }
            return found;
        });
    }

    private static <T> Long version(T record, java.util.function.ToLongFunction<T> version) {
        return record == null ? null : version.applyAsLong(record);
    }

    /** The id a history key names, or 0 when it is not the decimal form of a number above 0. */
    private static long historyId(String key) {
        try {
            long id = Long.parseLong(key);
            return Long.toString(id).equals(key) ? id : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A fencing token above 0 names one claim in the store: refuses one another job already carries. */
    /** An unfinished job's dedup key must be free: refuses one an unfinished job of the store holds. */
    private static void refuseHeldDedupKeys(MemoryStore store, List<Job> jobs) {
        for (Job job : jobs) {
            String holder = job.dedupKey() == null || job.status().isTerminal()
                    ? null : store.unfinishedDedupKeys.holder(job.dedupKey());
            if (holder != null) {
                throw new DuplicateDedupKeyException(job.dedupKey(), holder);
            }
        }
    }

    private static void refuseTakenTokens(MemoryStore store, List<Job> jobs) {
        Set<Long> tokens = new HashSet<>();
        for (Job job : jobs) {
            if (job.fencingToken() > 0) {
                tokens.add(job.fencingToken());
            }
        }
        if (tokens.isEmpty()) {
            return;
        }
        for (Job existing : store.jobs.select(job -> tokens.contains(job.fencingToken()))) {
            throw new DuplicateKeyException("job fencing token", Long.toString(existing.fencingToken()));
        }
    }
}
