package io.opstate.jdbc.internal.cache;

import io.opstate.jdbc.internal.CommitObserver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Freshness checked on the database before every cached read: {@code versionQuery} answers, on a
 * connection, a number that changes whenever another connection (of this process or another) has
 * committed since that connection last asked, and stays put for the connection's own commits
 * (SQLite: {@code PRAGMA data_version}). The check runs on a connection kept for it (the watch);
 * when the number moved, the epoch moves and everything loaded before is stale. One watch serves
 * every thread, one check at a time; a check reads the database's shared memory, microseconds.
 *
 * <p>The watch's number also moves for this store's own commits, whose changes the cache has
 * already been told of key by key. So that they do not empty the cache, each commit on the writer
 * is observed ({@link CommitObserver}, for a database with one writer connection): the writer's own
 * number, which its own commits leave alone, is read after each commit; unchanged since the
 * previous commit, it shows that no other connection committed in between. Then the watch's new
 * number, read just before the writer's, is taken as the baseline without moving the epoch; if
 * another connection did commit, or anything cannot be read, or the writer is another connection
 * than last time, the epoch moves. The watch is read before the writer, so a commit of another
 * process landing between the two reads is seen by the writer's.
 *
 * <p>When a check fails the cache serves nothing until one succeeds again, on a new connection,
 * and that success moves the epoch: nothing that happened meanwhile is missed. Thread-safe.
 */
public final class DataVersionWatch implements Freshness, CommitObserver {
    private static final Logger LOG = LoggerFactory.getLogger(DataVersionWatch.class);
    /** The writer's number when it could not be read. */
    private static final long UNREAD = Long.MIN_VALUE;

    private final DataSource source;
    private final String versionQuery;
    private final String storeName;
    private Connection connection;
    private PreparedStatement statement;
    /** The watch's number the current epoch stands for; null before the first check and after a failed one. */
    private Long watched;
    private long epoch;
    /** The writer connection (unwrapped) of the last commit observed, its number query, and its number after that commit. */
    private Connection writer;
    private PreparedStatement writerStatement;
    private long writerVersion = UNREAD;
    private boolean failing;
    private boolean closed;

    /** @param source lends the one connection the checks run on, opened at the first check */
    public DataVersionWatch(DataSource source, String versionQuery, String storeName) {
        this.source = source;
        this.versionQuery = versionQuery;
        this.storeName = storeName;
    }

    @Override
    public synchronized long epoch() {
        Long now = readWatch();
        if (now == null) {
            return UNKNOWN;
        }
        if (watched == null || !watched.equals(now)) {
            watched = now;
            epoch++;
        }
        return epoch;
    }

    @Override
    public synchronized void afterCommit(Connection connection) {
        Long watchNow = readWatch();
        Connection raw = unwrapped(connection);
        boolean sameWriter = raw == writer;
        long after = readWriter(raw, sameWriter);
        boolean onlyOurs = sameWriter && writerVersion != UNREAD && after == writerVersion && watchNow != null;
        writerVersion = after;
        watched = watchNow;
        if (!onlyOurs) {
            epoch++;
        }
    }

    @Override
    public synchronized void commitUncertain() {
        writerVersion = UNREAD;
        epoch++;
    }

    @Override
    public Optional<Duration> maxAge() {
        return Optional.empty();
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeQuietly(writerStatement);
        writerStatement = null;
        release();
    }

    /** The watch's number now, or null (after logging, once) when it cannot be read. */
    private Long readWatch() {
        if (closed) {
            return null;
        }
        try {
            if (statement == null) {
                connection = source.getConnection();
                statement = connection.prepareStatement(versionQuery);
            }
            long now;
            try (ResultSet answer = statement.executeQuery()) {
                if (!answer.next()) {
                    throw new SQLException(versionQuery + " answered no row");
                }
                now = answer.getLong(1);
            }
            if (failing) {
                failing = false;
                LOG.info("The read cache of the {} store serves again", storeName);
            }
            return now;
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("The read cache of the {} store cannot check for other processes' writes and serves"
                        + " nothing until it can: {}", storeName, e.toString());
            }
            watched = null;
            release();
            return null;
        }
    }

    /**
     * The number on the writer connection {@code raw}, or {@link #UNREAD}. The query is prepared on
     * the unwrapped connection, outside any pool's bookkeeping, and kept while the writer is the
     * same connection; once the pool has replaced it, the old statement dies with it.
     */
    private long readWriter(Connection raw, boolean sameWriter) {
        try {
            if (!sameWriter || writerStatement == null) {
                closeQuietly(writerStatement);
                writer = raw;
                writerStatement = null;
                writerStatement = raw.prepareStatement(versionQuery);
            }
            try (ResultSet answer = writerStatement.executeQuery()) {
                return answer.next() ? answer.getLong(1) : UNREAD;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Reading {} on the writer of the {} store failed", versionQuery, storeName, e);
            closeQuietly(writerStatement);
            writerStatement = null;
            return UNREAD;
        }
    }

    /** Closes a statement of the writer; a statement of a connection already closed may fail to, harmlessly. */
    private void closeQuietly(PreparedStatement statement) {
        if (statement == null) {
            return;
        }
        try {
            statement.close();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Closing a statement on the writer of the {} store failed", storeName, e);
        }
    }

    /** The connection under any pool's wrappers: the writer is the same connection only if this is. */
    private static Connection unwrapped(Connection connection) {
        Connection current = connection;
        try {
            while (current.isWrapperFor(Connection.class)) {
                Connection inner = current.unwrap(Connection.class);
                if (inner == null || inner == current) {
                    break;
                }
                current = inner;
            }
        } catch (SQLException | RuntimeException e) {
            return connection;
        }
        return current;
    }

    private void release() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            LOG.debug("Closing the cache check connection of the {} store failed", storeName, e);
        } finally {
            connection = null;
            statement = null;
        }
    }
}
