package io.opstate.jdbc.internal.sessions;

import io.opstate.StorageUnavailableException;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.jdbc.internal.search.SearchIndex;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the sessions of a deleted construct at once and their checkpoints and transcript
 * entries afterwards. Deleting a construct deletes its session rows in its own transaction and
 * records each session in {@code opstate_session_purges}; every read of a checkpoint or an entry
 * goes through its session's row, so from then on nothing of them is visible. The rows themselves
 * (possibly millions) are deleted later, {@value #BATCH_ROWS} at a time, each batch a short write
 * of its own so that no writer waits long behind a purge, and a session's record goes last: a
 * purge cut short by a crash or a close is found again and resumed. Purges run on one background
 * thread of the store, started once each delete has committed and on open, or on the caller's thread through
 * {@link #purgeAll}. Deleting rows that another purger (thread or process) already deleted
 * deletes nothing, so purgers may overlap. Thread-safe.
 */
public final class SessionPurges implements AutoCloseable {
    /** Rows one purge transaction deletes at most. */
    public static final int BATCH_ROWS = 10_000;
    /** Pending sessions read at a time. */
    private static final int SESSIONS_PER_READ = 100;
    /** How long closing the store waits for a running batch to end. */
    private static final long CLOSE_WAIT_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(SessionPurges.class);
    private static final String END_PURGE = "DELETE FROM opstate_session_purges WHERE session_id = :id"
            + " AND NOT EXISTS (SELECT 1 FROM opstate_session_checkpoints WHERE session_id = :id)"
            + " AND NOT EXISTS (SELECT 1 FROM opstate_transcript_entries WHERE session_id = :id)";

    private static final String LAST_OF_BATCH = "SELECT COALESCE(max(sequence), 0) FROM (SELECT sequence"
            + " FROM opstate_transcript_entries WHERE session_id = :id ORDER BY sequence LIMIT :batch) AS next_batch";

    private final JdbcContext context;
    private final SearchIndex index;
    private final String storeName;
    private final String recordPurges;
    private final String lockConstruct;
    private final ThreadPoolExecutor background;
    private final AtomicBoolean queued = new AtomicBoolean();
    /** Set on the thread of a host's transaction that deleted a construct, until the transaction ends. */
    private final ThreadLocal<Boolean> deferred = new ThreadLocal<>();
    private volatile boolean closed;

    /** @param index loses the texts of the purged entries in the batches deleting them */
    public SessionPurges(JdbcContext context, String storeName, SearchIndex index) {
        this.context = context;
        this.index = index;
        this.storeName = storeName;
        this.recordPurges = "INSERT INTO opstate_session_purges (session_id, construct_id, requested_at)"
                + " SELECT id, construct_id, <now> FROM opstate_sessions WHERE construct_id = :constructId";
        this.lockConstruct = "SELECT id FROM opstate_constructs WHERE id = :constructId "
                + context.dialect().rowLockClause();
        // No thread until the first purge; it ends when idle, so an idle store keeps none.
        this.background = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), work -> {
            Thread thread = new Thread(work, "opstate-purge-" + storeName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * In the write transaction deleting construct {@code constructId}, before the construct's row
     * goes: locks that row (so that no session of it is created meanwhile), records its sessions
     * for purging and deletes them.
     *
     * @return the ids of the sessions deleted
     */
    public List<String> deleteSessionsOf(Handle handle, String constructId, StoreTime.Stamp now) {
        handle.createQuery(lockConstruct).bind("constructId", constructId).mapTo(String.class).findOne();
        List<String> sessions = handle.createQuery("SELECT id FROM opstate_sessions WHERE construct_id = :constructId")
                .bind("constructId", constructId).mapTo(String.class).list();
        now.bind(handle.createUpdate(recordPurges)).bind("constructId", constructId).execute();
        handle.createUpdate("DELETE FROM opstate_sessions WHERE construct_id = :constructId")
                .bind("constructId", constructId).execute();
        return sessions;
    }

    /**
     * After a delete of a construct: starts purging in the background once the delete has
     * committed, that is now, or when the transaction of the host holding it ends
     * ({@link #afterTransaction}).
     */
    public void afterDelete() {
        if (context.database().inTransaction()) {
            deferred.set(Boolean.TRUE);
        } else {
            purgeInBackground();
        }
    }

    /** Called on the thread of a host's transaction once it has ended: purges what its deletes left, if any. */
    public void afterTransaction() {
        if (deferred.get() != null) {
            deferred.remove();
            purgeInBackground();
        }
    }

    /** Starts purging in the background, unless a purge is already waiting to start. */
    public void purgeInBackground() {
        if (closed || !queued.compareAndSet(false, true)) {
            return;
        }
        background.execute(() -> {
            queued.set(false);
            try {
                purgeAll();
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.warn("Purging the rows of deleted sessions of the {} store stopped; it resumes at the next"
                            + " delete, open or purgeDeleted(): {}", storeName, e.toString());
                }
            }
        });
    }

    /** Starts purging in the background when a purge is pending, as after a crash; a failure to look is only logged. */
    public void resumeInBackground() {
        try {
            if (!pending().isEmpty()) {
                purgeInBackground();
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not look for pending purges of the {} store: {}", storeName, e.toString());
        }
    }

    /** Purges every pending session on this thread; returns the rows deleted. */
    public long purgeAll() {
        long purged = 0;
        List<String> sessions = pending();
        while (!sessions.isEmpty()) {
            for (String sessionId : sessions) {
                purged += purge(sessionId);
            }
            sessions = pending();
        }
        return purged;
    }

    /**
     * Purges what is left of {@code sessionId} on this thread, if it is still recorded for
     * purging, and ends its record; returns the rows deleted.
     */
    public long purge(String sessionId) {
        long purged = 0;
        while (true) {
            purged += inBatches("opstate_session_checkpoints", "version", sessionId, false)
                    + inBatches("opstate_transcript_entries", "sequence", sessionId, true);
            // Another purger's batch, not yet committed, may have made ours come up short: the
            // record ends only once no row of the session is left.
            int ended = context.database().write(ErrorContext.NONE, handle -> {
                index.deletePurgedEntries(PlainConnection.of(handle), sessionId, Long.MAX_VALUE);
                return handle.createUpdate(END_PURGE).bind("id", sessionId).execute();
            });
            if (ended > 0 || !recorded(sessionId)) {
                return purged;
            }
        }
    }

    private boolean recorded(String sessionId) {
        return context.database().read(ErrorContext.NONE, handle -> handle
                .createQuery("SELECT session_id FROM opstate_session_purges WHERE session_id = :id")
                .bind("id", sessionId).mapTo(String.class).findOne().isPresent());
    }

    /**
     * Deletes the session's rows of {@code table}, {@value #BATCH_ROWS} per transaction, lowest
     * {@code key} first; when {@code indexed}, their search texts too, in the same transactions.
     */
    private long inBatches(String table, String key, String sessionId, boolean indexed) {
        // Only while the session is still recorded: once its purge has ended, a new session may
        // have taken its id, and rows of that id are the new session's.
        String batch = "DELETE FROM " + table + " WHERE session_id = :id AND " + key + " IN (SELECT " + key
                + " FROM " + table + " WHERE session_id = :id ORDER BY " + key + " LIMIT :batch)"
                + " AND EXISTS (SELECT 1 FROM opstate_session_purges WHERE session_id = :id)";
        long purged = 0;
        int deleted;
        do {
            if (closed) {
                throw new StorageUnavailableException("the " + storeName + " store is closed");
            }
            deleted = context.database().write(ErrorContext.NONE, handle -> {
                long upTo = indexed ? lastOfNextBatch(handle, sessionId) : 0;
                int rows = handle.createUpdate(batch).bind("id", sessionId).bind("batch", BATCH_ROWS).execute();
                // After the entries: a rebuild that read them first (under a row lock) has committed
                // its texts of them by now, so this statement sees them.
                if (upTo > 0) {
                    index.deletePurgedEntries(PlainConnection.of(handle), sessionId, upTo);
                }
                return rows;
            });
            purged += deleted;
        } while (deleted == BATCH_ROWS);
        return purged;
    }

    /** The highest sequence number among the entries the next batch deletes; 0 for none. */
    private static long lastOfNextBatch(Handle handle, String sessionId) {
        return handle.createQuery(LAST_OF_BATCH).bind("id", sessionId).bind("batch", BATCH_ROWS)
                .mapTo(Long.class).one();
    }

    private List<String> pending() {
        return context.database().read(ErrorContext.NONE, handle -> handle
                .createQuery("SELECT session_id FROM opstate_session_purges ORDER BY requested_at, session_id"
                        + " LIMIT :limit")
                .bind("limit", SESSIONS_PER_READ)
                .mapTo(String.class)
                .list());
    }

    /** Stops purging: a running batch ends, then the background thread; what is left resumes on the next open. */
    @Override
    public void close() {
        closed = true;
        background.shutdown();
        try {
            if (!background.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                background.shutdownNow();
            }
        } catch (InterruptedException e) {
            background.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
