package io.opstate.jdbc.internal.cache;

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
 * Freshness checked on the database before every cached read, on a connection kept for it:
 * {@code versionQuery} answers a number that changes whenever another connection, of this
 * process or another, has committed (SQLite: {@code PRAGMA data_version}). When it moved, the
 * epoch moves, and everything loaded before is stale. One connection serves every thread, one
 * check at a time; the check is a read of the database's shared memory, microseconds.
 *
 * <p>When the check fails the cache serves nothing until it succeeds again, on a new connection,
 * and that success moves the epoch: whatever happened meanwhile is not missed. Thread-safe.
 */
public final class DataVersionWatch implements Freshness {
    private static final Logger LOG = LoggerFactory.getLogger(DataVersionWatch.class);

    private final DataSource source;
    private final String versionQuery;
    private final String storeName;
    private Connection connection;
    private PreparedStatement statement;
    /** The version last seen; null before the first check and after a failed one. */
    private Long version;
    private long epoch;
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
        if (closed) {
            return UNKNOWN;
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
            if (version == null || version != now) {
                version = now;
                epoch++;
            }
            if (failing) {
                failing = false;
                LOG.info("The read cache of the {} store serves again", storeName);
            }
            return epoch;
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("The read cache of the {} store cannot check for other processes' writes and serves"
                        + " nothing until it can: {}", storeName, e.toString());
            }
            version = null;
            release();
            return UNKNOWN;
        }
    }

    @Override
    public Optional<Duration> maxAge() {
        return Optional.empty();
    }

    @Override
    public synchronized void close() {
        closed = true;
        release();
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
