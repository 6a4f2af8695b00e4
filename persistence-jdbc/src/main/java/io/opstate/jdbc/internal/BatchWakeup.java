package io.opstate.jdbc.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes the callers of a settled batch ({@link GroupCommit}). Waking a parked thread costs the
 * waker several microseconds, so the committer does not wake a batch's callers alone, one after
 * another: each caller it wakes helps wake the rest before returning, each taking the next caller
 * not yet claimed, so the wakes run on as many threads as there are processors free. The
 * committer goes on until every caller is claimed, so no caller depends on another to be woken.
 * Thread-safe.
 */
final class BatchWakeup {
    private final List<PendingWrite<?>> writes;
    private final AtomicInteger next = new AtomicInteger();

    BatchWakeup(List<PendingWrite<?>> writes) {
        this.writes = writes;
    }

    /** Wakes callers of the batch not yet claimed by another thread, until none is left. */
    void help() {
        Thread current = Thread.currentThread();
        int i;
        while ((i = next.getAndIncrement()) < writes.size()) {
            Thread caller = writes.get(i).caller;
            if (caller != current) {
                LockSupport.unpark(caller);
            }
        }
    }
}
