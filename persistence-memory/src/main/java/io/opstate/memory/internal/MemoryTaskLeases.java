package io.opstate.memory.internal;

import io.opstate.core.maintenance.TaskLeases;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TaskLeases} of an in-memory store, shared by every handle on it, so that of several
 * handles with the runner on only one runs each task per interval. Outside the store's tables:
 * leases are never part of a transaction. Thread-safe.
 */
final class MemoryTaskLeases implements TaskLeases {
    private record Lease(Instant nextDue, String holder, Instant leasedUntil) {
    }

    private final Map<String, Lease> leases = new HashMap<>();

    @Override
    public synchronized Optional<Instant> acquire(String task, String holder, Instant now, Duration interval,
                                                  Duration lease) {
        Lease current = leases.get(task);
        if (current != null && (current.nextDue.isAfter(now)
                || (current.leasedUntil != null && current.leasedUntil.isAfter(now)))) {
            return Optional.of(TaskLeases.askAgainAt(current.nextDue, current.leasedUntil, now, interval));
        }
        leases.put(task, new Lease(now.plus(interval), holder, now.plus(lease)));
        return Optional.empty();
    }

    @Override
    public synchronized void release(String task, String holder) {
        Lease current = leases.get(task);
        if (current != null && holder.equals(current.holder)) {
            leases.put(task, new Lease(current.nextDue, holder, null));
        }
    }
}
