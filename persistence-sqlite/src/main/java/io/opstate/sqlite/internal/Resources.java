package io.opstate.sqlite.internal;

import io.opstate.StorageUnavailableException;
import java.util.ArrayDeque;
import java.util.Deque;

/** What an SQLite store must release, closed once in the reverse order of opening. Thread-safe. */
final class Resources implements AutoCloseable {
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final String description;

    Resources(String description) {
        this.description = description;
    }

    synchronized <T extends AutoCloseable> T add(T resource) {
        opened.push(resource);
        return resource;
    }

    /**
     * Closes everything, carrying on past failures.
     *
     * @throws StorageUnavailableException with the first failure as cause, the others suppressed
     */
    @Override
    public synchronized void close() {
        StorageUnavailableException failure = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new StorageUnavailableException("closing " + description + " failed: " + e, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes everything after {@code cause} stopped the opening; failures are added to it. */
    synchronized void closeAfter(Throwable cause) {
        try {
            close();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
