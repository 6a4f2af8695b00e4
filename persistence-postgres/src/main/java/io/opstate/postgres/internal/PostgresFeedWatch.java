package io.opstate.postgres.internal;

import io.opstate.core.FeedWatch;
import io.opstate.core.ResourceFeedWaiter;
import io.opstate.resources.ResourceRepository;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes followers of the resource change feed through {@code LISTEN}/{@code NOTIFY}: every
 * resource write posts a notice on {@link #CHANNEL}, its payload the schema, which the server
 * delivers when (and only if) the write commits ({@link PostgresDialect#feedNotice}). One
 * connection per store, outside the pool, opened when a follower first waits and held until the
 * store closes, listens on a thread of its own and wakes every waiter of the store on a notice for
 * its schema, however many followers wait.
 *
 * <p>Notices are hints; the feed's table is the truth. A woken waiter reads the table, and a
 * waiter re-reads it by itself every {@link #LISTENING_RECHECK} in case a notice was lost, so a
 * lost notice costs at most that much latency. Until the connection listens (the first wait, or
 * after it failed: it is opened again after {@link #RETRY}), waiters re-read every
 * {@value ResourceRepository#FEED_CHECK_MILLIS} ms; once it listens they are woken to read
 * again, which finds what committed in between. Thread-safe.
 */
final class PostgresFeedWatch implements FeedWatch {
    /** The channel every store's resource writes notify; the payload tells the schemas apart. */
    static final String CHANNEL = "opstate_resource_feed";
    /** How often a waiter re-reads by itself while notices arrive. */
    static final Duration LISTENING_RECHECK = Duration.ofSeconds(1);
    /** How long after a failure of the listening connection a new one is tried. */
    static final Duration RETRY = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(PostgresFeedWatch.class);
    private static final Duration POLLING = Duration.ofMillis(ResourceRepository.FEED_CHECK_MILLIS);
    /** The longest the listening thread blocks before it looks whether the store closed. */
    private static final int NOTICE_WAIT_MILLIS = 250;

    private final DataSource source;
    private final String storeName;
    private ResourceFeedWaiter waiter;
    private Thread listener;
    private volatile boolean listening;
    private volatile boolean closed;

    /** @param source opens the listening connection: connections of the store's database and schema, not pooled */
    PostgresFeedWatch(DataSource source, String storeName) {
        this.source = source;
        this.storeName = storeName;
    }

    @Override
    public Duration watch(ResourceFeedWaiter waiter) {
        synchronized (this) {
            if (closed) {
                return POLLING;
            }
            if (listener == null) {
                this.waiter = waiter;
                listener = new Thread(this::listen, "opstate-feed-listener-" + storeName);
                listener.setDaemon(true);
                listener.start();
            }
        }
        return listening ? LISTENING_RECHECK : POLLING;
    }

    /** Whether a connection listens now: followers are woken by notices. */
    boolean listening() {
        return listening;
    }

    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            closed = true;
            notifyAll();
            thread = listener;
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(NOTICE_WAIT_MILLIS * 4L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void listen() {
        boolean failing = false;
        while (!closed) {
            try (Connection connection = source.getConnection()) {
                listenOn(connection);
                failing = false;
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!failing) {
                    failing = true;
                    LOG.warn("Followers of the resource feed of the {} store re-read every {} ms: listening for"
                            + " notices failed ({}); retrying every {} ms", storeName,
                            ResourceRepository.FEED_CHECK_MILLIS, e.toString(), RETRY.toMillis());
                }
                pause();
            }
        }
        listening = false;
    }

    /** LISTENs on {@code connection} and wakes the waiters on each notice for this schema, until closed. */
    private void listenOn(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        String schema;
        try (Statement statement = connection.createStatement()) {
            try (ResultSet row = statement.executeQuery("SELECT current_schema()")) {
                schema = row.next() ? row.getString(1) : null;
            }
            statement.execute("LISTEN " + CHANNEL);
        }
        PGConnection notices = connection.unwrap(PGConnection.class);
        listening = true;
        // Whatever committed before LISTEN took effect sent no notice this connection gets.
        waiter.changed();
        while (!closed) {
            PGNotification[] received = notices.getNotifications(NOTICE_WAIT_MILLIS);
            if (received != null && forThisStore(received, schema)) {
                waiter.changed();
            }
        }
    }

    private static boolean forThisStore(PGNotification[] received, String schema) {
        for (PGNotification notice : received) {
            if (CHANNEL.equals(notice.getName()) && Objects.equals(Objects.toString(schema, ""), notice.getParameter())) {
                return true;
            }
        }
        return false;
    }

    private synchronized void pause() {
        long until = System.nanoTime() + RETRY.toNanos();
        try {
            for (long left = RETRY.toNanos(); !closed && left > 0; left = until - System.nanoTime()) {
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }
}
