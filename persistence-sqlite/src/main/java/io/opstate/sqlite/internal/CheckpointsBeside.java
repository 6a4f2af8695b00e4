package io.opstate.sqlite.internal;

import io.opstate.jdbc.internal.PlainConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints a store's write-ahead log on a connection of its own, beside the writer, so that a
 * commit seldom waits for a checkpoint.
 *
 * <p>Left to itself, SQLite checkpoints inside the commit that takes the log past 1,000 frames:
 * that commit, and with group commit every caller whose write it holds, waits while the log is
 * copied into the database and synced, several times a mean commit. Here a thread checkpoints
 * ({@code PASSIVE}: it blocks neither the writer nor readers) {@link #INTERVAL_MILLIS} after
 * commits came in, and sleeps while none do. A checkpoint beside a busy writer never finds the
 * whole log copied, and SQLite starts the log from its beginning only then; so once the log holds
 * {@link #RESTART_FRAMES} frames, the writer checkpoints itself right after its next commit, and
 * the log restarts at the write after. That one commit waits, several milliseconds, once per
 * about 32,000 frames written instead of once per 1,000: at 8,000, many writers appending
 * transcript entries (about 190 frames a batch) met it in one batch of 40, and it alone set their
 * p99 latency at 3.5-3.9 times the mean; at 32,000, 2.1-2.6 (docs/benchmarks.md). The writer
 * keeps SQLite's automatic checkpoint as a backstop at {@link #WRITER_BACKSTOP_FRAMES}, for when
 * the checkpoints beside it fail or fall behind.
 *
 * <p>The price is a longer log: up to about {@link #RESTART_FRAMES} frames (128 MB of 4 kB pages)
 * and what is written meanwhile, against SQLite's 1,000. Used with durability NORMAL only
 * ({@code SqliteStore}); measured in docs/benchmarks.md.
 */
final class CheckpointsBeside implements WalCheckpoints, AutoCloseable {
    /** How long after the first of a run of commits the thread checkpoints. */
    static final long INTERVAL_MILLIS = 20;
    /** Frames in the log from which the writer checkpoints itself, so that the log restarts. */
    static final int RESTART_FRAMES = 32_000;
    /** The writer connection's own {@code wal_autocheckpoint}: only when the thread falls far behind. */
    static final int WRITER_BACKSTOP_FRAMES = 4 * RESTART_FRAMES;
    /** How long closing, or the maintenance checkpoint, waits for a checkpoint under way to end. */
    static final long CLOSE_WAIT_MILLIS = 10_000;
    private static final String PASSIVE = "PRAGMA wal_checkpoint(PASSIVE)";
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointsBeside.class);

    private final String store;
    private final int restartFrames;
    private final long intervalNanos;
    /** Held by every checkpoint this store runs, so that two of them never meet. */
    private final ReentrantLock checkpointing = new ReentrantLock();
    private final AtomicLong commits = new AtomicLong();
    private volatile boolean restartWanted;
    private volatile boolean sleeping;
    private volatile boolean closed;
    private volatile Thread thread;
    private Connection connection;
    private boolean failing;

    /** @param store the store's description, for the thread's name and log messages */
    CheckpointsBeside(String store) {
        this(store, RESTART_FRAMES, INTERVAL_MILLIS);
    }

    /** With another restart threshold and interval, for tests. */
    CheckpointsBeside(String store, int restartFrames, long intervalMillis) {
        this.store = store;
        this.restartFrames = restartFrames;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    }

    /** Opens the checkpointing connection from {@code readWrite} and starts the thread. */
    synchronized void start(DataSource readWrite) {
        if (thread != null || closed) {
            throw new IllegalStateException("checkpoints of " + store + " already started or closed");
        }
        try {
            connection = readWrite.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the checkpointing connection of " + store + ": " + e, e);
        }
        Thread started = new Thread(this::run, "opstate-sqlite-checkpoints " + store);
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    @Override
    public void afterCommit(PlainConnection writer) {
        commits.incrementAndGet();
        if (sleeping) {
            sleeping = false;
            LockSupport.unpark(thread);
        }
        // Never waits: while another checkpoint of the store runs, the next commit tries again.
        if (restartWanted && checkpointing.tryLock()) {
            try {
                checkpointOnWriter(writer);
                restartWanted = false;
            } finally {
                checkpointing.unlock();
            }
        }
    }

    /**
     * Waits at most {@link #CLOSE_WAIT_MILLIS} for a checkpoint of the thread's to end; should it
     * run longer, runs {@code work} beside it (a checkpoint then reports busy).
     */
    @Override
    public <T> T excluding(Supplier<T> work) {
        boolean locked;
        try {
            locked = checkpointing.tryLock(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        try {
            return work.get();
        } finally {
            if (locked) {
                checkpointing.unlock();
            }
        }
    }

    /** The rest of the log, on the writer between its transactions; the commit stands whatever happens here. */
    private void checkpointOnWriter(PlainConnection writer) {
        try {
            PreparedStatement statement = writer.prepare(PASSIVE);
            try (ResultSet ignored = statement.executeQuery()) {
                // one row: busy, frames in the log, frames copied
            } finally {
                writer.release(statement);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("checkpoint on the writer of {} failed; the log restarts later", store, e);
        }
    }

    private void run() {
        long seen = 0;
        while (!closed) {
            if (commits.get() == seen) {
                sleeping = true;
                if (commits.get() == seen && !closed) { // a commit between the check and sleeping = true wakes us
                    LockSupport.park(this);
                }
                sleeping = false;
                continue;
            }
            LockSupport.parkNanos(this, intervalNanos);
            seen = commits.get();
            if (!closed && !restartWanted) {
                checkpoint();
            }
        }
    }

    private void checkpoint() {
        checkpointing.lock();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(PASSIVE)) {
            if (result.next() && result.getInt(2) >= restartFrames) {
                restartWanted = true;
            }
            if (failing) {
                failing = false;
                LOG.info("checkpoints of {} run again", store);
            }
        } catch (SQLException e) {
            if (!failing) {
                failing = true;
                LOG.warn("a checkpoint of {} failed; the writer checkpoints by itself from {} frames on until"
                        + " they run again: {}", store, WRITER_BACKSTOP_FRAMES, e.toString());
            }
        } finally {
            checkpointing.unlock();
        }
    }

    /**
     * Stops the thread, after the checkpoint it may be running (waited for at most
     * {@link #CLOSE_WAIT_MILLIS}), and closes its connection.
     */
    @Override
    public void close() throws SQLException, InterruptedException {
        Thread running;
        synchronized (this) {
            closed = true;
            running = thread;
        }
        if (running != null) {
            LockSupport.unpark(running);
            running.join(CLOSE_WAIT_MILLIS);
        }
        if (connection != null) {
            connection.close();
        }
    }
}
