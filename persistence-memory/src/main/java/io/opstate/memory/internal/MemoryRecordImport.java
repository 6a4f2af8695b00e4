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
import io.opstate.jobs.Job;
import io.opstate.jobs.JobStatus;
import io.opstate.pipelines.Pipeline;
import io.opstate.schedules.Schedule;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
