package io.opstate.jdbc.internal;

import io.opstate.StorageUnavailableException;
import io.opstate.jdbc.SqlDialect;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Where every repository statement runs. Reads go to the reader (those made only of
 * {@link PlainJdbc} statements on a connection borrowed without a Jdbi handle: {@link #readPlain}),
 * writes to the writer, each write in its own transaction; inside {@link #inTransaction} both use the one transaction
 * bound to the calling thread, so the work sees its own writes. Errors leave as the API's typed
 * exceptions ({@link SqlErrors}).
 *
 * <p>Thread-safe. Closing releases the resources handed in; later calls raise
 * {@link StorageUnavailableException}.
 */
public final class Database implements AutoCloseable {
    /** Bounds a combined transaction, so that no caller waits behind an unbounded queue. */
    public static final int MAX_WRITES_PER_COMMIT = 64;

    private final Jdbi writer;
    private final Jdbi reader;
    private final ReaderConnections readerConnections;
    private final SqlDialect dialect;
    private final SqlErrors errors;
    private final String storeName;
    private final AutoCloseable resources;
    private final ConnectionEviction eviction;
    private final GroupCommit groupCommit;
    private final ThreadLocal<Transaction> bound = new ThreadLocal<>();
    private volatile boolean closed;

    /**
     * @param writer runs every write and every transaction
     * @param reader runs reads outside transactions; may be the same as {@code writer}
     * @param readerSource the data source behind {@code reader}, lending connections to
     *     {@link #readPlain} without a Jdbi handle
     * @param storeName the backend's name, for messages
     * @param resources closed by {@link #close()}: pools, temporary files
     * @param writerSource the data source behind {@code writer}, which evicts a connection whose
     *     rollback failed so that no later write inherits its open transaction
     * @param writeCommitters how many transactions of combined single writes may commit at once
     *     ({@link GroupCommit}): 1 where there is one writer connection
     */
    public Database(Jdbi writer, Jdbi reader, DataSource readerSource, SqlDialect dialect, String storeName,
                    AutoCloseable resources, DataSource writerSource, int writeCommitters) {
        this.writer = writer;
        this.reader = reader;
        this.readerConnections = new ReaderConnections(readerSource, reader.getStatementBuilderFactory());
        this.dialect = dialect;
        this.errors = new SqlErrors(dialect, storeName);
        this.storeName = storeName;
        this.resources = resources;
        this.eviction = ConnectionEviction.of(writerSource);
        this.groupCommit = new GroupCommit(this::inNewTransaction, writeCommitters, MAX_WRITES_PER_COMMIT);
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
     * connection borrowed without a Jdbi handle ({@link ReaderConnections}), which costs less.
     */
    public <T> T readPlain(ErrorContext context, Function<PlainConnection, T> work) {
        ensureOpen();
        Transaction transaction = bound.get();
        try {
            return transaction != null
                    ? work.apply(PlainConnection.of(transaction.handle()))
                    : readerConnections.read(work);
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
     * Writes {@code input} as {@code kind} says, atomically, like {@link #write}; writes of the
     * same kind made at the same moment by other threads may share its statement as well as its
     * transaction.
     */
    public <I, R> R write(ErrorContext context, MultiRowWrite<I, R> kind, I input) {
        ensureOpen();
        Transaction transaction = bound.get();
        try {
            return transaction != null
                    ? transaction.inSavepoint(() -> kind.writeAll(transaction.handle(), List.of(input)).get(0))
                    : groupCommit.write(kind, input);
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
            return inNewTransaction(handle -> {
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
     * The typed exception for a failure of one statement among several in a {@link #write}, when
     * that statement knows better than the whole write what it was about.
     */
    public RuntimeException translate(RuntimeException failure, ErrorContext context) {
        return errors.translate(failure, context);
    }

    private <T> T inNewTransaction(HandleCallback<T, RuntimeException> work) {
        try (Handle handle = writer.open()) {
            dialect.begin(handle);
            T result;
            try {
                result = work.withHandle(handle);
                commit(handle);
            } catch (RuntimeException | Error failure) {
                rollback(handle, failure);
                throw failure;
            }
            return result;
        }
    }

    private void commit(Handle handle) {
        try {
            dialect.commit(handle);
        } catch (RuntimeException e) {
            throw new CommitFailure(e);
        }
    }

    private void rollback(Handle handle, Throwable failure) {
        try {
            dialect.rollback(handle);
        } catch (RuntimeException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
            evict(handle, failure);
        }
    }

    /** Called before the handle closes, while this thread still owns the connection. */
    private void evict(Handle handle, Throwable failure) {
        try {
            eviction.evict(handle.getConnection());
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
