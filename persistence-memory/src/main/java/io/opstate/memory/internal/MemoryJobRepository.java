package io.opstate.memory.internal;

import io.opstate.DuplicateDedupKeyException;
import io.opstate.IllegalTransitionException;
import io.opstate.InvalidInputException;
import io.opstate.LeaseLostException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.core.JobRules;
import io.opstate.core.Times;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobRepository;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import io.opstate.jobs.OnDuplicateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** {@link JobRepository} on a {@link MemoryStore}. Thread-safe; each method is one atomic write or read. */
final class MemoryJobRepository implements JobRepository {
    static final String LEASE_EXPIRED = "lease expired";

    private final Session session;

    MemoryJobRepository(Session session) {
        this.session = session;
    }

    @Override
    public Job create(NewJob job) {
        return session.write(store -> enqueue(store, job, session.now()));
    }

    @Override
    public List<Job> createAll(List<NewJob> jobs) {
        return session.write(store -> {
            Instant now = session.now();
            return jobs.stream().map(job -> enqueue(store, job, now)).toList();
        });
    }

    @Override
    public Optional<Job> find(String id) {
        return session.read(store -> Optional.ofNullable(store.jobs.find(id)));
    }

    @Override
    public Job get(String id) {
        return session.read(store -> store.jobs.require(id));
    }

    @Override
    public Optional<Job> findUnfinishedByDedupKey(String dedupKey) {
        return session.read(store -> Optional.ofNullable(store.unfinishedDedupKeys.holder(dedupKey))
                .map(store.jobs::require));
    }

    @Override
    public Optional<Job> claimNext(String workerId, Set<String> types, Duration lease) {
        return session.write(store -> {
            Instant now = session.now();
            return store.claimableJobs.next(types == null ? Set.of() : types, now)
                    .map(job -> claim(store, job, now, workerId, lease));
        });
    }

    @Override
    public Optional<Job> claim(String id, String workerId, Duration lease) {
        return session.write(store -> {
            Instant now = session.now();
            Job job = store.jobs.require(id);
            return JobRules.claimable(job, now) ? Optional.of(claim(store, job, now, workerId, lease)) : Optional.empty();
        });
    }

    @Override
    public List<Job> claimBatch(String workerId, Set<String> types, Duration lease, int maxJobs) {
        return session.write(store -> {
            Instant now = session.now();
            Set<String> wanted = types == null ? Set.of() : types;
            List<Job> claimed = new ArrayList<>();
            Optional<Job> next;
            // each claimed job leaves the claimable sets, so the next call finds the next best
            while (claimed.size() < maxJobs && (next = store.claimableJobs.next(wanted, now)).isPresent()) {
                claimed.add(claim(store, next.get(), now, workerId, lease));
            }
            return claimed;
        });
    }

    @Override
    public Job renewLease(String id, long fencingToken, Duration lease) {
        return session.write(store -> {
            Instant now = session.now();
            Job job = held(store, id, fencingToken);
            return store.jobs.update(JobChange.of(job, now).leaseExpiresAt(expiry(now, lease)).build());
        });
    }

    @Override
    public Job reportProgress(String id, long fencingToken, JobProgress progress) {
        return session.write(store -> {
            Job job = held(store, id, fencingToken);
            InvalidInputException refusal = JobRules.bytesRefusal(job, progress);
            if (refusal != null) {
                throw refusal;
            }
            JobChange change = JobChange.of(job, session.now()).progress(JobRules.progressAfter(job, progress));
            if (progress.stage() != null) {
                change.stage(progress.stage());
            }
            if (progress.bytesDone() != null) {
                change.bytesDone(progress.bytesDone());
            }
            if (progress.bytesTotal() != null) {
                change.bytesTotal(progress.bytesTotal());
            }
            if (progress.message() != null) {
                change.message(progress.message());
            }
            return store.jobs.update(change.build());
        });
    }

    @Override
    public Job complete(String id, long fencingToken, String resultJson) {
        return session.write(store -> {
            Job job = held(store, id, fencingToken);
            return store.jobs.update(JobChange.of(job, session.now())
                    .result(resultJson)
                    .progress(1.0)
                    .bytesDone(JobRules.bytesDoneOnCompletion(job))
                    .finish(JobStatus.SUCCEEDED)
                    .build());
        });
    }

    @Override
    public Job fail(String id, long fencingToken, JobFailure failure) {
        return session.write(store -> {
            Job job = held(store, id, fencingToken);
            JobChange change = JobChange.of(job, session.now()).error(failure.error(), failure.detail());
            if (failure.retryAt() != null && attemptsLeft(job)) {
                change.requeue(failure.retryAt());
            } else {
                change.finish(JobStatus.FAILED);
            }
            return store.jobs.update(change.build());
        });
    }

    @Override
    public Job retry(String id, Instant notBefore) {
        return session.write(store -> {
            Job job = store.jobs.require(id);
            if (job.status() != JobStatus.FAILED) {
                throw transition(job, JobStatus.QUEUED, "only failed jobs can be retried");
            }
            if (!attemptsLeft(job)) {
                throw transition(job, JobStatus.QUEUED,
                        "no attempts left (" + job.attempts() + " of " + job.maxAttempts() + " used)");
            }
            String holder = job.dedupKey() == null ? null : store.unfinishedDedupKeys.holder(job.dedupKey());
            if (holder != null) {
                throw new DuplicateDedupKeyException(job.dedupKey(), holder);
            }
            Instant now = session.now();
            return store.jobs.update(JobChange.of(job, now).requeue(notBefore == null ? now : notBefore).build());
        });
    }

    @Override
    public Job cancel(String id) {
        return session.write(store -> {
            Job job = store.jobs.require(id);
            if (job.status().isTerminal()) {
                throw transition(job, JobStatus.CANCELLED, "it already finished");
            }
            return store.jobs.update(JobChange.of(job, session.now()).finish(JobStatus.CANCELLED).build());
        });
    }

    @Override
    public int requeueExpiredLeases() {
        return session.write(store -> {
            Instant now = session.now();
            List<Job> expired = store.jobs.select(job -> job.status() == JobStatus.RUNNING
                    && job.leaseExpiresAt() != null && !job.leaseExpiresAt().isAfter(now));
            for (Job job : expired) {
                JobChange change = JobChange.of(job, now);
                if (attemptsLeft(job)) {
                    change.requeue(now);
                } else {
                    change.error(LEASE_EXPIRED, job.errorDetail()).finish(JobStatus.FAILED);
                }
                store.jobs.update(change.build());
            }
            return expired.size();
        });
    }

    @Override
    public Page<Job> list(JobQuery query, PageRequest page) {
        return session.read(store -> Pager.page(store.jobsByCreation, matching(query), page));
    }

    @Override
    public Map<JobStatus, Long> countByStatus(JobQuery query) {
        return session.read(store -> {
            Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
            for (JobStatus status : JobStatus.values()) {
                counts.put(status, 0L);
            }
            for (Job job : store.jobs.select(matching(query))) {
                counts.merge(job.status(), 1L, Long::sum);
            }
            return counts;
        });
    }

    @Override
    public Optional<Instant> oldestClaimableSince() {
        return session.read(store -> {
            Instant now = session.now();
            Instant oldest = null;
            for (Job job : store.jobs.select(job -> JobRules.claimable(job, now))) {
                Instant since = JobRules.claimableSince(job);
                if (oldest == null || since.isBefore(oldest)) {
                    oldest = since;
                }
            }
            return Optional.ofNullable(oldest);
        });
    }

    @Override
    public boolean delete(String id) {
        return session.write(store -> store.jobs.delete(id));
    }

    @Override
    public int deleteFinishedBefore(Instant cutoff) {
        return session.write(store -> store.jobs.deleteWhere(job -> job.status().isTerminal()
                && job.finishedAt() != null && job.finishedAt().isBefore(cutoff)));
    }

    /**
     * Finds the matching jobs once, then deletes them in writes of {@value #DELETE_BATCH_SIZE},
     * each job only if it still matches then, so that readers and other writers get in between
     * batches, as they do between the SQL stores' transactions.
     */
    @Override
    public int deleteMatching(JobQuery query) {
        Predicate<Job> matching = matching(query);
        List<String> ids = session.read(store -> store.jobs.select(matching).stream().map(Job::id).toList());
        int deleted = 0;
        for (int from = 0; from < ids.size(); from += DELETE_BATCH_SIZE) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + DELETE_BATCH_SIZE));
            deleted += session.write(store -> {
                int count = 0;
                for (String id : batch) {
                    Job job = store.jobs.find(id);
                    if (job != null && matching.test(job) && store.jobs.delete(id)) {
                        count++;
                    }
                }
                return count;
            });
        }
        return deleted;
    }

    /** The new job, or the unfinished one holding its dedup key when it says {@code RETURN_EXISTING}. */
    private static Job enqueue(MemoryStore store, NewJob job, Instant now) {
        String holder = job.dedupKey() == null ? null : store.unfinishedDedupKeys.holder(job.dedupKey());
        if (holder != null) {
            if (job.onDuplicate() == OnDuplicateKey.RETURN_EXISTING) {
                return store.jobs.require(holder);
            }
            throw new DuplicateDedupKeyException(job.dedupKey(), holder);
        }
        return store.jobs.insert(new Job(job.id(), job.type(), JobStatus.QUEUED, job.stage(), null, 0L, null,
                job.message(), job.payload(), null, null, null, 0, job.maxAttempts(), job.priority(), now, now,
                null, null, job.notBefore() == null ? now : job.notBefore(), null, null, 0L, 1L, job.dedupKey()));
    }

    /** Claims {@code job} under the store's next claim token: unique in the store, larger than the job's last. */
    private static Job claim(MemoryStore store, Job job, Instant now, String workerId, Duration lease) {
        return store.jobs.update(JobChange.of(job, now)
                .claim(workerId, store.claimTokens.next(), expiry(now, lease))
                .build());
    }

    /** The job, if {@code fencingToken} still holds it: it exists, runs, and was last claimed with that token. */
    private static Job held(MemoryStore store, String id, long fencingToken) {
        Job job = store.jobs.require(id);
        if (job.status() != JobStatus.RUNNING || job.fencingToken() != fencingToken) {
            throw new LeaseLostException(id, fencingToken);
        }
        return job;
    }

    private static boolean attemptsLeft(Job job) {
        return job.attempts() < job.maxAttempts();
    }

    private static Instant expiry(Instant now, Duration lease) {
        return Times.truncate(now.plus(lease));
    }

    private static IllegalTransitionException transition(Job job, JobStatus to, String reason) {
        return new IllegalTransitionException("job", job.id(), job.status().label(), to.label(), reason);
    }

    private static Predicate<Job> matching(JobQuery query) {
        return job -> (query.types().isEmpty() || query.types().contains(job.type()))
                && (query.statuses().isEmpty() || query.statuses().contains(job.status()))
                && (query.createdFrom() == null || !job.createdAt().isBefore(query.createdFrom()))
                && (query.createdBefore() == null || job.createdAt().isBefore(query.createdBefore()));
    }
}
