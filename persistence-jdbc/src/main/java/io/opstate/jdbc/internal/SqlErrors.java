package io.opstate.jdbc.internal;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.PersistenceException;
import io.opstate.SchemaTooNewException;
import io.opstate.StorageCorruptedException;
import io.opstate.StorageUnavailableException;
import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.SqlFailure;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.JdbiException;

/**
 * Turns Jdbi and driver exceptions into the API's typed exceptions, keeping the driver's
 * {@link SQLException} as the cause. Exceptions that are already typed, and exceptions that did
 * not come from the database (a host's own, thrown inside transactional work), pass unchanged.
 * Thread-safe.
 */
public final class SqlErrors {
    private final SqlDialect dialect;
    private final String storeName;
    private final String location;
    private final SchemaVersionCheck schemaVersion;

    /**
     * @param storeName the backend's name, for messages
     * @param location where the store lives, for messages: a file path, or a URL with the password masked
     * @param reader lends a connection to read the schema version when a statement fails for no known reason
     */
    public SqlErrors(SqlDialect dialect, String storeName, String location, DataSource reader) {
        this.dialect = dialect;
        this.storeName = storeName;
        this.location = location;
        this.schemaVersion = reader == null ? null : new SchemaVersionCheck(reader);
    }

    /**
     * Errors of a store that is not open yet, for classifying failures while opening it: the
     * migrator reads the schema version itself there, so no version check is made.
     */
    public SqlErrors(SqlDialect dialect, String storeName, String location) {
        this(dialect, storeName, location, null);
    }

    /** The exception to throw instead of {@code failure}. */
    public RuntimeException translate(RuntimeException failure, ErrorContext context) {
        if (failure instanceof CommitFailure commit) {
            return translateCommit(commit, context);
        }
        if (failure instanceof PersistenceException
                || !(failure instanceof JdbiException || failure instanceof PlainJdbc.PlainJdbcException)) {
            return failure;
        }
        SQLException cause = sqlCause(failure);
        if (cause == null) {
            return new PersistenceException(storeName + " operation failed: " + failure.getMessage(), failure);
        }
        return switch (classify(cause)) {
            case DUPLICATE_KEY -> context.entity() == null
                    ? new PersistenceException(storeName + " refused a duplicate key: " + cause.getMessage(), cause)
                    : new DuplicateKeyException(context.entity(), context.id(), cause);
            case MISSING_REFERENCE -> context.referencedEntity() == null
                    ? new PersistenceException(storeName + " refused a missing reference: " + cause.getMessage(), cause)
                    : withCause(new NotFoundException(context.referencedEntity(), context.referencedId()), cause);
            case UNAVAILABLE -> Outcomes.nothingWritten(storeName, cause.getMessage(), cause);
            case CORRUPTED -> corrupted(cause, cause);
            case CONSTRAINT -> new PersistenceException(
                    storeName + " refused the row (constraint): " + cause.getMessage(), cause);
            case OTHER -> newerSchema(cause).<RuntimeException>map(newer -> newer).orElseGet(() ->
                    new PersistenceException(storeName + " operation failed: " + cause.getMessage(), cause));
        };
    }

    /**
     * {@code failure} as a {@link StorageCorruptedException} when a driver exception among its
     * causes reports damaged data, else {@code failure} itself. For failures of opening a store,
     * which steps such as migration or the file checks have already given a type of their own: a
     * damaged file must not pass for a failed migration or an unreachable storage.
     */
    public RuntimeException corruptionOr(RuntimeException failure) {
        if (failure instanceof StorageCorruptedException) {
            return failure;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && classify(sql) == SqlFailure.CORRUPTED) {
                return corrupted(sql, failure);
            }
        }
        return failure;
    }

    private StorageCorruptedException corrupted(SQLException report, Throwable cause) {
        String check = dialect.integrityCheckStatement();
        return new StorageCorruptedException(location, storeName + " store " + location + " is corrupted: "
                + report.getMessage() + ". Its data can no longer be trusted, and retrying will not help: stop every"
                + " process using it, check it with an integrity check" + (check == null ? "" : " (" + check + ")")
                + ", and restore it from a backup.", cause);
    }

    private Optional<SchemaTooNewException> newerSchema(SQLException cause) {
        return schemaVersion == null ? Optional.empty() : schemaVersion.newerSchema(cause);
    }

    /**
     * The dialect's answer, else the standard JDBC signs of a lost or refused connection, and a
     * wait for a connection that the caller's interruption ended (the pool wraps the interruption).
     */
    SqlFailure classify(SQLException exception) {
        SqlFailure failure = dialect.classify(exception);
        if (failure != SqlFailure.OTHER) {
            return failure;
        }
        String state = exception.getSQLState();
        boolean connectionFailure = exception instanceof SQLTransientConnectionException
                || exception instanceof SQLNonTransientConnectionException
                || exception instanceof SQLRecoverableException
                || exception instanceof SQLTimeoutException
                || exception.getCause() instanceof InterruptedException
                || (state != null && state.startsWith("08"));
        return connectionFailure ? SqlFailure.UNAVAILABLE : SqlFailure.OTHER;
    }

    /** A lost connection at COMMIT leaves the outcome unknown; any other commit failure translates as usual. */
    private RuntimeException translateCommit(CommitFailure commit, ErrorContext context) {
        RuntimeException translated = translate(commit.getCause(), context);
        if (!(translated instanceof StorageUnavailableException)) {
            return translated;
        }
        SQLException cause = sqlCause(commit.getCause());
        return Outcomes.outcomeUnknown(storeName, "storage became unavailable while committing",
                cause == null ? commit.getCause().getMessage() : cause.getMessage(), commit.getCause());
    }

    private static SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static <E extends RuntimeException> E withCause(E exception, Throwable cause) {
        exception.initCause(cause);
        return exception;
    }
}
