package io.opstate.memory.internal;

import io.opstate.core.tokens.TokenSettings;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The named in-memory stores of this class loader: a name's store lives while at least one
 * handle on it is open and is dropped, with all its data, when the last one closes.
 * Thread-safe.
 */
public final class StoreRegistry {
    private final Map<String, Shared> stores = new HashMap<>();

    /**
     * Opens a handle on the store called {@code name}, creating an empty one if none is open.
     *
     * @param checkpointsKept how many state checkpoints of a session saves through this handle keep
     * @param artifactRoot where this handle keeps artifact blobs, or null for the store's temporary directory
     * @param tokenSettings how this handle hashes token secrets and moves last-used times
     */
    public synchronized MemoryDatastore open(String name, Clock clock, int checkpointsKept, String artifactRoot,
                                             TokenSettings tokenSettings) {
        Shared shared = stores.computeIfAbsent(name, ignored -> new Shared(new MemoryStore()));
        shared.handles++;
        return new MemoryDatastore(shared.store, clock, "memory store '" + name + "'", () -> release(name, shared),
                checkpointsKept, artifactRoot, tokenSettings);
    }

    /** Whether a store called {@code name} currently exists (has open handles). */
    public synchronized boolean isOpen(String name) {
        return stores.containsKey(name);
    }

    private synchronized void release(String name, Shared shared) {
        shared.handles--;
        if (shared.handles == 0) {
            stores.remove(name, shared);
            shared.store.temporaryBlobs.close();
        }
    }

    private static final class Shared {
        final MemoryStore store;
        int handles;

        Shared(MemoryStore store) {
            this.store = store;
        }
    }
}
