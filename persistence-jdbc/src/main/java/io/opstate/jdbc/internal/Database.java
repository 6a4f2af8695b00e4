package io.opstate.jdbc.internal;

import io.opstate.StorageUnavailableException;
import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.WaitTimeouts;
import io.opstate.operations.StoreObserver;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Where every repository statement runs. Reads go to the reader, writes to the writer, each write
 * in its own transaction, possibly shared with other threads' ({@link GroupCommit}); reads and
 * writes made only of {@link PlainJdbc} statements ({@link #readPlain}, {@link #writePlain}, the
 * {@link MultiRowWrite}s) run on a connection borrowed without a Jdbi handle. Inside {@link #inTransaction} both use the one transaction
 * bound to the calling thread, so the work sees its own writes. Errors leave as the API's typed
 * exceptions ({@link SqlErrors}).
 *
 * <p>Writes and transactions wait within the store's {@link WaitTimeouts}, counted from the call:
 * for their turn to commit and a writer connection, for the write lock, for each answer of the
 * server ({@link Deadline}, {@link SqlDialect#limitLockWait}, {@link SqlDialect#limitAnswerWait}).
 *
 * <p>Thread-safe. Closing releases the resources handed in; later calls raise
 * {@link StorageUnavailableException}.
 */
public final class Database implements AutoCloseable {
    /** Bounds a combined transaction, so that no caller waits behind an unbounded queue. */
    public static final int MAX_WRITES_PER_COMMIT = 64;
    /** How long one maintenance statement ({@link #outsideTransaction}) may wait for a server's answer: a vacuum of one table. */
    public static final long MAINTENANCE_ANSWER_MILLIS = 60 * 60 * 1000L;

    private final Jdbi writer;
    private final WriterConnections writerHandles;
    private final Jdbi reader;
    private final BorrowedConnections readerConnections;
    private final BorrowedConnections writerConnections;
    private final SqlDialect dialect;
    private final SqlErrors errors;
    private final String storeName;
    private final AutoCloseable resources;
    private final ConnectionEviction eviction;
    private final WaitTimeouts timeouts;
    private final GroupCommit groupCommit;
    private final ThreadLocal<Transaction> bound = new ThreadLocal<>();
    private volatile CommitObserver commits = CommitObserver.NONE;
    private volatile boolean closed;

    /**
     * @param writer runs every write and every transaction; created over {@code writerHandles}
     * @param writerHandles the writer's connections: its data source evicts a connection whose
     *     rollback failed, so that no later write inherits its open transaction
     * @param reader runs reads outside transactions; may be the same as {@code writer}
     * @param readerSource the data source behind {@code reader}, lending connections to
     *     {@link #readPlain} without a Jdbi handle
     * @param storeName the backend's name, for messages
     * @param location where the store lives, for messages: a file path, or a URL with the password masked
     * @param resources closed by {@link #close()}: pools, temporary files
     * @param writeCommitters the most transactions of combined single writes that may commit at once
     *     ({@link GroupCommit}): 1 where there is one writer connection
     * @param timeouts how long writes and transactions wait, from the call
     * @param observer told of every transaction of combined single writes that commits
     */
    public Database(Jdbi writer, WriterConnections writerHandles, Jdbi reader, DataSource readerSource,
                    SqlDialect dialect, String storeName, String location, AutoCloseable resources,
                    int writeCommitters, WaitTimeouts timeouts, StoreObserver observer) {
        this.writer = writer;
        this.writerHandles = writerHandles;
        this.reader = reader;
        this.readerConnections = new BorrowedConnections(readerSource, reader.getStatementBuilderFactory());
        this.writerConnections = new BorrowedConnections(writerHandles.source(), writer.getStatementBuilderFactory());
        this.dialect = dialect;
        this.errors = new SqlErrors(dialect, storeName, location, readerSource);
        this.storeName = storeName;
        this.resources = resources;
        this.eviction = ConnectionEviction.of(writerHandles.source());
        this.timeouts = timeouts;
        this.groupCommit = new GroupCommit(new GroupCommit.TransactionRunner() {
            @Override
            public <T> T inNewTransaction(Deadline deadline, BiFunction<Handle, PlainConnection, T> work) {
                return Database.this.inNewTransaction(deadline, handle -> work.apply(handle, PlainConnection.of(handle)));
            }

            @Override
            public <T> T inNewPlainTransaction(Deadline deadline, Function<PlainConnection, T> work) {
                return Database.this.inNewPlainTransaction(deadline, work);
            }

            @Override
            public void nextStep(PlainConnection connection, Deadline deadline) {
                Database.this.nextStep(connection, deadline);
            }

            @Override
            public boolean abortedByConflict(Throwable failure) {
                for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                    if (cause instanceof SQLException sql && dialect.abortedByConflict(sql)) {
                        return true;
                    }
                }
                return false;
            }
        }, writeCommitters, MAX_WRITES_PER_COMMIT, timeouts, storeName, observer);
    }

    /** From now on, tells {@code observer} of every commit on the writer. */
    public void observeCommits(CommitObserver observer) {
        this.commits = observer;
    }

    /** Runs a read: in the thread's transaction if there is one, else on a reader connection. */
    public <T> T read(ErrorContext context, HandleCallback<T, RuntimeException> work) {
        ensureOpen();
        Transaction transaction = bound.get();
        try {
            return transaction != null ? work.withHandle(transaction.handle()) : reader.withHandle(work);
        } catch (RuntimeException e) {
            throw errors.translate(e, context);
        }
    }

    /**
     * Runs a read made only of {@link PlainJdbc} statements, like {@link #read}: in the thread's
     * transaction if there is one, so that it sees the transaction's writes, else on a reader
     * connection borrowed without a Jdbi handle ({@link BorrowedConnections}), which costs less.
     */
    public <T> T readPlain(ErrorContext context, Function<PlainConnection, T> work) {
        ensureOpen();
        Transaction transaction = bound.get();
        try {
            return transaction != null
                    ? work.apply(PlainConnection.of(transaction.handle()))
                    : readerConnections.use(work);
        } catch (RuntimeException e) {
            throw errors.translate(e, context);
        }
    }

    /**
     * Runs a write atomically: joins the thread's transaction (in a savepoint), or else commits,
     * possibly in one transaction with other threads' writes of the same moment
     * ({@link GroupCommit}); it returns once that transaction has committed. {@code work} may run
     * on another thread and, when a write grouped with it fails, a second time: it must only use
     * the handle it is given.
     */
    public <T> T write(ErrorContext context, HandleCallback<T, RuntimeException> work) {
        ensureOpen();
        Transaction transaction = bound.get();
        try {
            return transaction != null
                    ? transaction.inSavepoint(() -> work.withHandle(transaction.handle()))
                    : groupCommit.write(work);
        } catch (RuntimeException e) {
            throw errors.translate(e, context);
        }
    }

    /**
     * Runs a write made only of {@link PlainJdbc} statements, like {@link #write}; outside the
     * thread's transaction it commits on a writer connection borrowed without a Jdbi handle
     * whenever no write it is grouped with needs one.
     */
    public <T> T writePlain(ErrorContext context, Function<PlainConnection, T> work) {
        return writePlain(context, work, () -> groupCommit.writePlain(work));
    }

    /**
     * Writes {@code input} as {@code kind} says, atomically, like {@link #write}; writes of the
     * same kind made at the same moment by other threads may share its statement as well as its
     * transaction.
     */
    public <I, R> R write(ErrorContext context, MultiRowWrite<I, R> kind, I input) {
        return writePlain(context, connection -> kind.writeAll(connection, List.of(input)).get(0),
                () -> groupCommit.write(kind, input));
    }

    /** {@code work} in a savepoint of the thread's transaction, or else {@code grouped}. */
    private <T> T writePlain(ErrorContext context, Function<PlainConnection, T> work, Supplier<T> grouped) {
        ensureOpen();
        Transaction transaction = bound.get();
        try {
            return transaction != null
                    ? transaction.inSavepoint(() -> work.apply(PlainConnection.of(transaction.handle())))
                    : grouped.get();
        } catch (RuntimeException e) {
            throw errors.translate(e, context);
        }
    }

    /**
     * Runs {@code work} in one transaction bound to this thread; a nested call joins the outer
     * transaction in a savepoint. What {@code work} throws is rethrown unchanged after rollback.
     */
    public <T> T inTransaction(Supplier<T> work) {
        ensureOpen();
        Transaction transaction = bound.get();
        try {
            if (transaction != null) {
                return transaction.inSavepoint(work);
            }
            return inNewTransaction(Deadline.startingAt(System.nanoTime(), timeouts), handle -> {
                bound.set(new Transaction(handle));
                try {
                    return work.get();
                } finally {
                    bound.remove();
                }
            });
        } catch (RuntimeException e) {
            throw errors.translate(e, ErrorContext.NONE);
        }
    }

    /**
     * Runs {@code work} on a writer connection outside any transaction, each statement committing by
     * itself: for maintenance statements that refuse to run inside one ({@code VACUUM}, SQLite's
     * checkpoint). The connection is waited for as long as a write would wait; another process's write
     * lock as long as the lock timeout; each answer of a server at most {@link #MAINTENANCE_ANSWER_MILLIS}.
     *
     * @throws IllegalStateException when the calling thread is inside {@link #inTransaction}
     */
    public <T> T outsideTransaction(HandleCallback<T, RuntimeException> work) {
        ensureOpen();
        if (bound.get() != null) {
            throw new IllegalStateException("maintenance of the " + storeName
                    + " store cannot run inside a transaction; call it outside inTransaction");
        }
        try (Handle handle = writerHandles.open(writer, timeouts.connection().toMillis())) {
            if (writer.getStatementBuilderFactory() instanceof CachedStatements cached) {
                cached.forget(handle.getConnection());
            }
            PlainConnection connection = PlainConnection.of(handle);
            dialect.limitLockWait(connection, timeouts.lock().toMillis());
            dialect.limitAnswerWait(connection, MAINTENANCE_ANSWER_MILLIS);
            return work.withHandle(handle);
        } catch (RuntimeException e) {
            throw errors.translate(e, ErrorContext.NONE);
        }
    }

    /** Whether the calling thread is inside {@link #inTransaction}: its writes commit when that transaction does. */
    public boolean inTransaction() {
        return bound.get() != null;
    }

    /**
     * The typed exception for a failure of one statement among several in a {@link #write}, when
     * that statement knows better than the whole write what it was about.
     */
    public RuntimeException translate(RuntimeException failure, ErrorContext context) {
        return errors.translate(failure, context);
    }

    private <T> T inNewTransaction(Deadline deadline, HandleCallback<T, RuntimeException> work) {
        try (Handle handle = writerHandles.open(writer, deadline.connectionMillis(System.nanoTime()))) {
            return committed(PlainConnection.of(handle), deadline, () -> work.withHandle(handle));
        }
    }

    private <T> T inNewPlainTransaction(Deadline deadline, Function<PlainConnection, T> work) {
        return writerConnections.use(deadline.connectionMillis(System.nanoTime()),
                connection -> committed(connection, deadline, () -> work.apply(connection)));
    }

    /**
     * Runs {@code work} in a transaction the dialect begins and commits on {@code connection}, its
     * waits bounded by {@code deadline}; rolls back when it throws. A failed commit leaves as
     * {@link CommitFailure} (its outcome is unknown); a failed rollback takes the connection out of
     * service, as its state is unknown too.
     */
    private <T> T committed(PlainConnection connection, Deadline deadline, Supplier<T> work) {
        long now = System.nanoTime();
        dialect.limitLockWait(connection, deadline.lockMillis(now));
        dialect.limitAnswerWait(connection, deadline.answerMillis(now));
        dialect.begin(connection);
        T result;
        try {
            result = work.get();
            CommitObserver observer = commits;
            try {
                dialect.commit(connection);
            } catch (RuntimeException e) {
                observer.commitUncertain();
                throw new CommitFailure(e);
            }
            observer.afterCommit(connection.jdbc());
        } catch (RuntimeException | Error failure) {
            try {
                dialect.rollback(connection);
            } catch (RuntimeException rollbackFailure) {
                failure.addSuppressed(rollbackFailure);
                evict(connection.jdbc(), failure);
            }
            throw failure;
        }
        return result;
    }

    /**
     * Before a further step of a group-committed transaction (the next write, or COMMIT) on a
     * database server: bounds the server's next answers by what is left of {@code deadline}, or,
     * when nothing is left, ends the transaction with nothing written rather than send what could
     * not be answered in time. Each answer is bounded on its own; this keeps their sum within the
     * callers' deadline too, when a server answers every statement, slowly.
     */
    private void nextStep(PlainConnection connection, Deadline deadline) {
        if (!dialect.waitsForServer()) {
            return;
        }
        long now = System.nanoTime();
        if (deadline.answersOver(now)) {
            throw Outcomes.nothingWritten(storeName, "the transaction ran past the connection timeout ("
                    + timeouts.connection().toMillis() + " ms) of the writes it held, waiting for the database;"
                    + " it was rolled back", null);
        }
        dialect.limitAnswerWait(connection, deadline.answerMillis(now));
    }

    /** Called before the connection goes back, while this thread still owns it. */
    private void evict(Connection connection, Throwable failure) {
        try {
            eviction.evict(connection);
        } catch (SQLException | RuntimeException evictionFailure) {
            failure.addSuppressed(evictionFailure);
        }
    }

    /** The dialect of the database behind this store. */
    public SqlDialect dialect() {
        return dialect;
    }

    /** Raises {@link StorageUnavailableException} once the store is closed. */
    public void ensureOpen() {
        if (closed) {
            throw new StorageUnavailableException("the " + storeName + " store is closed");
        }
    }

    /** Closes the resources; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            resources.close();
        } catch (Exception e) {
            throw new StorageUnavailableException("closing the " + storeName + " store failed: " + e.getMessage(), e);
        }
    }
}
