package io.opstate.jdbc.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Borrows from a HikariCP pool within a time limit that holds even when the database is down.
 *
 * <p>HikariCP waits for a connection in a {@code SynchronousQueue}. On JDK 17 a timed poll of that
 * queue does not respect its timeout when many threads give up at once (JDK-8301341, fixed in
 * JDK 21): each cancelled waiter cleans the queue while the others cancel theirs, and with 16
 * writers and the server stopped a wait asked to end in 6 ms ran for hundreds. That is exactly
 * when a pool has no connection at all: every one was closed and each new one is refused. Then
 * this asks the pool only for a free connection, which never enqueues a waiter, and pauses between
 * the tries (0.5 ms, doubling to 16 ms: a reconnect is noticed within 16 ms). While the pool has
 * connections, a wait in HikariCP's queue hands a returned one over at once, and its waiters are
 * served rather than time out, so that wait is kept.
 */
final class HikariPoolWait implements PoolWait {
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(16);

    private final HikariDataSource hikari;

    HikariPoolWait(HikariDataSource hikari) {
        this.hikari = hikari;
    }

    @Override
    public Connection borrow(long timeoutMillis) throws SQLException {
        if (hikari.isClosed()) {
            return hikari.getConnection(); // refuses with the pool's own "has been closed"
        }
        HikariPool pool = (HikariPool) hikari.getHikariPoolMXBean();
        long started = System.nanoTime();
        long deadline = started + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            long left = deadline - System.nanoTime();
            if (pool.getTotalConnections() > 0) {
                return pool.getConnection(Math.max(0, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            try {
                return pool.getConnection(0);
            } catch (SQLTransientConnectionException noneFree) {
                left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SQLTransientConnectionException(hikari.getPoolName() + " - no connection within "
                            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms: the pool has none"
                            + " and opens none", noneFree.getSQLState(), noneFree.getCause());
                }
                LockSupport.parkNanos(this, Math.min(pause, left));
                pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
            }
        }
    }
}
