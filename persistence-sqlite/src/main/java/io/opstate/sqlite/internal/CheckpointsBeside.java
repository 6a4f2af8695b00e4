package io.opstate.sqlite.internal;

import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jdbc.internal.PlainJdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConnection;

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
 * p99 latency at 3.5-3.9 times the mean; at 32,000, 2.1-2.6 (docs/benchmarks.md). While the
 * checkpoints beside run, the writer keeps SQLite's automatic checkpoint only as a backstop at
 * {@link #WRITER_BACKSTOP_FRAMES}, for when they fail or fall behind.
 *
 * <p>They run always ({@link #always}, durability NORMAL), or only while commits are crowded
 * ({@link #whileCrowded}, durability FULL): there every commit syncs the log, and a checkpoint
 * beside a lone writer, syncing the database meanwhile, cost it 20-45 % of its rate, while
 * beside 64 callers it took p99 from 3.2-3.5 times the mean to 2.0-2.4. While they do not run,
 * the writer checkpoints as SQLite does by default, from {@link #WRITER_DEFAULT_FRAMES} frames.
 * The writer's setting follows, switched right after a commit.
 *
 * <p>The price is a longer log: up to about {@link #RESTART_FRAMES} frames (128 MB of 4 kB pages)
 * and what is written meanwhile, against SQLite's 1,000. Measured in docs/benchmarks.md.
 */
final class CheckpointsBeside implements WalCheckpoints, AutoCloseable {
    /** How long after the first of a run of commits the thread checkpoints. */
    static final long INTERVAL_MILLIS = 20;
    /** Frames in the log from which the writer checkpoints itself, so that the log restarts. */
    static final int RESTART_FRAMES = 32_000;
    /** The writer connection's own {@code wal_autocheckpoint} while the thread checkpoints: only when it falls far behind. */
    static final int WRITER_BACKSTOP_FRAMES = 4 * RESTART_FRAMES;
    /** The writer connection's own {@code wal_autocheckpoint} while the thread does not: SQLite's default. */
    static final int WRITER_DEFAULT_FRAMES = 1_000;
    /** How long closing, or the maintenance checkpoint, waits for a checkpoint under way to end. */
    static final long CLOSE_WAIT_MILLIS = 10_000;
    private static final String PASSIVE = "PRAGMA wal_checkpoint(PASSIVE)";
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointsBeside.class);

    private final String store;
    private final BooleanSupplier engaged;
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
    /** The writer's own connection whose automatic checkpoint is the backstop; null while none is. Writer only. */
    private SQLiteConnection backstopped;

    /**
     * Checkpoints beside the writer always.
     *
     * @param store the store's description, for the thread's name and log messages
     */
    static CheckpointsBeside always(String store) {
        return new CheckpointsBeside(store, () -> true, RESTART_FRAMES, INTERVAL_MILLIS);
    }

    /** Checkpoints beside the writer while {@code crowd} says its commits are crowded. */
    static CheckpointsBeside whileCrowded(String store, CommitCrowd crowd) {
        return new CheckpointsBeside(store, crowd::crowded, RESTART_FRAMES, INTERVAL_MILLIS);
    }

    /** With another restart threshold and interval, for tests: checkpoints while {@code engaged} says so. */
    CheckpointsBeside(String store, BooleanSupplier engaged, int restartFrames, long intervalMillis) {
        this.store = store;
        this.engaged = engaged;
        this.restartFrames = restartFrames;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    }

    /** Whether the writer is to checkpoint after its next commit, so that the log restarts; for tests. */
    boolean restartWanted() {
        return restartWanted;
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
        backstopWhileEngaged(writer);
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

    /**
     * Sets the writer's own automatic checkpoint to the backstop while the thread checkpoints, to
     * SQLite's default while it does not; a statement only when that changes, or the writer's
     * connection did. The commit stands whatever happens here.
     */
    private void backstopWhileEngaged(PlainConnection writer) {
        boolean wanted = engaged.getAsBoolean();
        if (!wanted && backstopped == null) {
            return; // a lone writer on FULL: nothing to look up on its commits
        }
        try {
            SQLiteConnection physical = writer.unwrap(SQLiteConnection.class);
            if (wanted == (physical == backstopped)) {
                return;
            }
            PlainJdbc.execute(writer, "PRAGMA wal_autocheckpoint = "
                    + (wanted ? WRITER_BACKSTOP_FRAMES : WRITER_DEFAULT_FRAMES));
            backstopped = wanted ? physical : null;
        } catch (RuntimeException e) {
            LOG.debug("cannot set the automatic checkpoint of the writer of {}; it is set after a later commit",
                    store, e);
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
            if (!closed && !restartWanted && engaged.getAsBoolean()) {
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
