package io.opstate.jdbc.internal;

import io.opstate.jdbc.WaitTimeouts;
import java.util.concurrent.TimeUnit;

/**
 * When the waits of one write must end, as {@link System#nanoTime()} readings: {@code connectionBy}
 * for a connection and a turn to commit, {@code lockBy} for the database's write lock; the
 * server's answers come by the later of the two, plus a grace. A transaction that commits several
 * callers' writes ends its waits by the earliest of theirs, so that none of them waits longer than
 * its own timeout.
 */
record Deadline(long connectionBy, long lockBy) {
    /**
     * How long past the end of its waits a server may still take with one answer in a transaction
     * that began in time: ample for a live server, short for one that stopped answering. It is
     * part of the margin docs/operations.md and docs/postgresql.md promise.
     */
    static final long ANSWER_GRACE_MILLIS = 250;

    /** The deadline of a write called at {@code now}. */
    static Deadline startingAt(long now, WaitTimeouts timeouts) {
        return new Deadline(now + timeouts.connection().toNanos(), now + timeouts.lock().toNanos());
    }

    /** The earlier of each of the two. */
    Deadline earliest(Deadline other) {
        long connection = other.connectionBy - connectionBy < 0 ? other.connectionBy : connectionBy;
        long lock = other.lockBy - lockBy < 0 ? other.lockBy : lockBy;
        return connection == connectionBy && lock == lockBy ? this : new Deadline(connection, lock);
    }

    /** Whether the wait for a connection or a turn is over at {@code now}. */
    boolean passed(long now) {
        return connectionBy - now <= 0;
    }

    /** How long a connection may still be waited for at {@code now}; 0 when the time is up. */
    long connectionMillis(long now) {
        return millisLeft(connectionBy, now);
    }

    /** How long the write lock may still be waited for at {@code now}; 0 takes it only if free. */
    long lockMillis(long now) {
        return millisLeft(lockBy, now);
    }

    /** Whether either deadline has passed at {@code now}. */
    boolean anyPassed(long now) {
        return connectionBy - now <= 0 || lockBy - now <= 0;
    }

    /** Whether neither deadline has been reached at {@code now}. */
    boolean noneReached(long now) {
        return !anyPassed(now);
    }

    /** Whether the time for the server's answers is over at {@code now}. */
    boolean answersOver(long now) {
        return now - answersBy() >= 0;
    }

    /**
     * How long each answer of a server may take, from {@code now}: until the time for answers is
     * over, and at least 1 ms (JDBC reads 0 as forever).
     */
    long answerMillis(long now) {
        return Math.max(1, millisLeft(answersBy(), now));
    }

    /** The later of the two deadlines, plus the grace. */
    private long answersBy() {
        long waitsEnd = lockBy - connectionBy > 0 ? lockBy : connectionBy;
        return waitsEnd + TimeUnit.MILLISECONDS.toNanos(ANSWER_GRACE_MILLIS);
    }

    private static long millisLeft(long by, long now) {
        long nanos = by - now;
        return nanos <= 0 ? 0 : (nanos + TimeUnit.MILLISECONDS.toNanos(1) - 1) / TimeUnit.MILLISECONDS.toNanos(1);
    }
}
