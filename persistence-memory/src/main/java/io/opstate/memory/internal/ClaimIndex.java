package io.opstate.memory.internal;

import io.opstate.core.StoreOrder;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The jobs that are or may become claimable, per type, so that {@code claimNext} looks at the
 * head of a few sorted sets instead of sorting every job: queued jobs in claim order, and
 * running jobs with attempts left in lease-expiry order (they become claimable when their
 * lease lapses).
 */
final class ClaimIndex implements TableIndex<Job> {
    private static final Comparator<Job> LEASE_ORDER = Comparator.comparing(Job::leaseExpiresAt)
            .thenComparing(StoreOrder.CLAIM);

    private final Map<String, NavigableSet<Job>> queued = new HashMap<>();
    private final Map<String, NavigableSet<Job>> leased = new HashMap<>();

    @Override
    public void changed(Job before, Job after) {
        if (before != null) {
            Map<String, NavigableSet<Job>> sets = setsFor(before);
            if (sets != null) {
                NavigableSet<Job> set = sets.get(before.type());
                set.remove(before);
                if (set.isEmpty()) {
                    sets.remove(before.type());
                }
            }
        }
        if (after != null) {
            Map<String, NavigableSet<Job>> sets = setsFor(after);
            if (sets != null) {
                Comparator<Job> order = sets == queued ? StoreOrder.CLAIM : LEASE_ORDER;
                sets.computeIfAbsent(after.type(), type -> new TreeSet<>(order)).add(after);
            }
        }
    }

    /** The job {@code claimNext} should take now among {@code types} (any when empty), if any. */
    Optional<Job> next(Set<String> types, Instant now) {
        Set<String> candidates = types;
        if (types.isEmpty()) {
            candidates = new HashSet<>(queued.keySet());
            candidates.addAll(leased.keySet());
        }
        Job best = null;
        for (String type : candidates) {
            best = earlier(best, firstReady(queued.get(type), now));
            best = earlier(best, firstExpired(leased.get(type), now));
        }
        return Optional.ofNullable(best);
    }

    private Map<String, NavigableSet<Job>> setsFor(Job job) {
        if (job.status() == JobStatus.QUEUED) {
            return queued;
        }
        if (job.status() == JobStatus.RUNNING && job.leaseExpiresAt() != null && job.attempts() < job.maxAttempts()) {
            return leased;
        }
        return null;
    }

    private static Job firstReady(NavigableSet<Job> jobs, Instant now) {
        if (jobs != null) {
            for (Job job : jobs) {
                if (!job.notBefore().isAfter(now)) {
                    return job;
                }
            }
        }
        return null;
    }

    private static Job firstExpired(NavigableSet<Job> jobs, Instant now) {
        Job best = null;
        if (jobs != null) {
            for (Job job : jobs) {
                if (job.leaseExpiresAt().isAfter(now)) {
                    break;
                }
                best = earlier(best, job);
            }
        }
        return best;
    }

    private static Job earlier(Job a, Job b) {
        if (a == null) {
            return b;
        }
        return b == null || StoreOrder.CLAIM.compare(a, b) <= 0 ? a : b;
    }
}
