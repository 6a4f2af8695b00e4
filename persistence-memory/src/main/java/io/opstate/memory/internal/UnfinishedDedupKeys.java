package io.opstate.memory.internal;

import io.opstate.jobs.Job;
import java.util.HashMap;
import java.util.Map;

/**
 * The dedup keys held by unfinished ({@code QUEUED} or {@code RUNNING}) jobs, each with the id of
 * its job: the memory store's counterpart of the SQL stores' partial unique index. It only
 * mirrors the table; the repository checks it under the write lock before a job takes a key.
 */
final class UnfinishedDedupKeys implements TableIndex<Job> {
    private final Map<String, String> holders = new HashMap<>();

    @Override
    public void changed(Job before, Job after) {
        if (holdsKey(before)) {
            holders.remove(before.dedupKey(), before.id());
        }
        if (holdsKey(after)) {
            holders.put(after.dedupKey(), after.id());
        }
    }

    /** The id of the unfinished job holding {@code dedupKey}, or null. */
    String holder(String dedupKey) {
        return holders.get(dedupKey);
    }

    private static boolean holdsKey(Job job) {
        return job != null && job.dedupKey() != null && !job.status().isTerminal();
    }
}
