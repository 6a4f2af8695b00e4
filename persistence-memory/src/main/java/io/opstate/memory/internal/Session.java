package io.opstate.memory.internal;

import io.opstate.StorageUnavailableException;
import io.opstate.core.Times;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One open handle on a {@link MemoryStore}: the clock it stamps times with and whether it is
 * still open. Every repository call goes through it, so a closed handle refuses all work even
 * while other handles on the same named store stay open. Thread-safe.
 */
final class Session {
    private final MemoryStore store;
    private final Clock clock;
    private final String description;
    private final AtomicBoolean closed = new AtomicBoolean();

    Session(MemoryStore store, Clock clock, String description) {
        this.store = store;
        this.clock = clock;
        this.description = description;
    }

    /** Runs {@code read} on the store under its read lock. */
    <T> T read(Function<MemoryStore, T> read) {
        ensureOpen();
        return store.read(() -> read.apply(store));
    }

    /** Runs {@code write} on the store atomically under its write lock (joining an enclosing write). */
    <T> T write(Function<MemoryStore, T> write) {
        ensureOpen();
        return store.write(() -> write.apply(store));
    }

    /** The clock's time, truncated to microseconds. */
    Instant now() {
        return Times.now(clock);
    }

    void ensureOpen() {
        if (closed.get()) {
            throw new StorageUnavailableException(description + " is closed");
        }
    }

    /** Marks the handle closed; true only for the call that closed it. */
    boolean close() {
        return closed.compareAndSet(false, true);
    }

    @Override
    public String toString() {
        return description;
    }
}
