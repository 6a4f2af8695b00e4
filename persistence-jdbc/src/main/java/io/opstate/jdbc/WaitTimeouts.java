package io.opstate.jdbc;

import io.opstate.PersistenceConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How long the operations of a SQL store may wait, each counted from the moment the operation was
 * called: {@code connection} for a connection of the pool and, for a single write, for its turn
 * to commit; {@code lock} for the database's write lock while another connection holds it (SQLite's
 * busy timeout). A database server's answers are waited for until the later of the two has passed,
 * plus a grace. Immutable.
 *
 * @param connection positive
 * @param lock zero or more; zero takes the lock only when it is free
 */
public record WaitTimeouts(Duration connection, Duration lock) {
    /**
     * How much longer than its timeouts a single write or a transaction's wait may take, however
     * many threads write at once: the grace a server gets for an answer already asked for
     * (0.25 s; on SQLite there is none), or the check of a pooled connection that sat idle
     * (at most 0.25 s, the PostgreSQL pool's validation timeout), plus the time to roll back,
     * hand the connection back and wake the caller. Measured and documented in docs/operations.md
     * and docs/postgresql.md.
     */
    public static final Duration MARGIN = Duration.ofMillis(500);

    public WaitTimeouts {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(lock, "lock");
        if (connection.isNegative() || connection.isZero() || lock.isNegative()) {
            throw new IllegalArgumentException("wait timeouts must not be negative, and the connection timeout must be"
                    + " positive: connection " + connection + ", lock " + lock);
        }
    }

    /**
     * {@link PersistenceConfig#connectionTimeout()}, and {@link PersistenceConfig#busyTimeout()} for
     * the lock: for a database whose write lock is waited for apart from statements (SQLite).
     */
    public static WaitTimeouts of(PersistenceConfig config) {
        return new WaitTimeouts(config.connectionTimeout(), config.busyTimeout());
    }

    /**
     * {@link PersistenceConfig#connectionTimeout()} for both: for a database server, whose lock
     * waits happen inside statements (the busy timeout does not apply there).
     */
    public static WaitTimeouts ofServer(PersistenceConfig config) {
        return new WaitTimeouts(config.connectionTimeout(), config.connectionTimeout());
    }
}
