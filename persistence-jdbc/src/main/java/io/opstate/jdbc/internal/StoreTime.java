package io.opstate.jdbc.internal;

import io.opstate.TimeSource;
import io.opstate.core.Times;
import io.opstate.jdbc.SqlDialect;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Whose clock stamps the times a store writes ({@link TimeSource}). Statements are written once,
 * with the Jdbi attributes {@code <now>} for the current time and {@code <leaseUntil>} for the
 * end of a lease taken now; {@link #define} gives them their SQL per store:
 * <ul>
 *   <li>{@code HOST}: the parameters {@code :now} and {@code :leaseUntil}, which each operation
 *       binds from the configured clock through its {@link Stamp} (one instant per operation).</li>
 *   <li>{@code DATABASE}: the dialect's expressions for the server clock, so every host writing
 *       to one database agrees on "now" whatever its own clock says; the stamp binds only the
 *       lease length, {@code :leaseMicros}.</li>
 * </ul>
 * Where Java must compute from the current time (next cron run, durations), {@link #read} gives
 * the value itself. Immutable, thread-safe.
 */
public final class StoreTime {
    private final Clock clock;
    private final SqlDialect dialect;
    private final boolean database;

    private StoreTime(Clock clock, SqlDialect dialect, boolean database) {
        this.clock = clock;
        this.dialect = dialect;
        this.database = database;
    }

    /**
     * The time source a store uses: {@code DATABASE} only where the dialect has a database clock
     * ({@link SqlDialect#databaseTime()}); an embedded database's clock is the host's.
     */
    public static StoreTime of(TimeSource source, Clock clock, SqlDialect dialect) {
        return new StoreTime(clock, dialect, source == TimeSource.DATABASE && dialect.databaseTime() != null);
    }

    /** Whether times come from the database server's clock. */
    public boolean fromDatabase() {
        return database;
    }

    /** Defines {@code <now>} and {@code <leaseUntil>} for every statement run through {@code jdbi}. */
    public Jdbi define(Jdbi jdbi) {
        return jdbi.define("now", now()).define("leaseUntil", leaseUntil());
    }

    /** {@code sql} with {@code <now>} and {@code <leaseUntil>} filled in, as {@link #define} does for Jdbi. */
    public String render(String sql) {
        return sql.replace("<now>", now()).replace("<leaseUntil>", leaseUntil());
    }

    private String now() {
        return nowAs("");
    }

    private String leaseUntil() {
        return leaseUntilAs("");
    }

    /**
     * The SQL of {@code <now>} for the operation whose parameters end in {@code suffix}, in a
     * statement holding several operations' times; {@link Stamp#bindAs} binds it.
     */
    public String nowAs(String suffix) {
        return database ? dialect.databaseTime() : ":now" + suffix;
    }

    /** The same for {@code <leaseUntil>}; {@link Stamp#bindLeaseAs} binds it. */
    public String leaseUntilAs(String suffix) {
        return database ? dialect.databaseTimePlusMicros(":leaseMicros" + suffix) : ":leaseUntil" + suffix;
    }

    /** The time of one operation, to bind to each statement it runs; under {@code HOST}, the clock read once. */
    public Stamp stamp() {
        return new Stamp(database ? null : Times.now(clock));
    }

    /**
     * The current time as a value, truncated to microseconds: the clock's, or under
     * {@code DATABASE} the server's, read with one query on {@code handle} (inside a write
     * transaction: the same clock the transaction's statements use).
     */
    public Instant read(Handle handle) {
        if (!database) {
            return Times.now(clock);
        }
        return handle.createQuery("SELECT " + dialect.databaseTime() + " AS now")
                .map((row, context) -> dialect.getTime(row, "now"))
                .one();
    }

    /** What one operation binds for {@code <now>} and {@code <leaseUntil>}. */
    public static final class Stamp {
        private final Instant host;

        private Stamp(Instant host) {
            this.host = host;
        }

        /** The host instant, truncated to microseconds; null under {@code DATABASE}, where the server stamps. */
        public Instant hostTime() {
            return host;
        }

        /** Binds what {@code <now>} needs: the host instant, or nothing under {@code DATABASE}. */
        public <S extends SqlStatement<S>> S bind(S statement) {
            return bindAs(statement, "now");
        }

        /**
         * Binds the host instant as parameter {@code name}, for a statement holding several
         * operations' times (a multi-row insert); nothing under {@code DATABASE}, where the
         * statement says {@code <now>}.
         */
        public <S extends SqlStatement<S>> S bindAs(S statement, String name) {
            return host == null ? statement : statement.bind(name, host);
        }

        /** Binds what {@code <now>} needs on a plain JDBC statement ({@link PlainJdbc}). */
        public Params bind(Params params) throws java.sql.SQLException {
            return host == null ? params : params.time("now", host);
        }

        /** Binds the host instant as {@code name} on a plain JDBC statement; see {@link #bindAs(SqlStatement, String)}. */
        public Params bindAs(Params params, String name) throws java.sql.SQLException {
            return host == null ? params : params.time(name, host);
        }

        /** Binds what {@code <now>} and {@code <leaseUntil>} need on a plain JDBC statement. */
        public Params bindLease(Params params, Duration lease) throws java.sql.SQLException {
            return bindLeaseAs(params, lease, "");
        }

        /**
         * Binds what {@link StoreTime#nowAs} and {@link StoreTime#leaseUntilAs} of {@code suffix}
         * need, for one of several operations in a statement.
         */
        public Params bindLeaseAs(Params params, Duration lease, String suffix) throws java.sql.SQLException {
            return host == null
                    ? params.bigint("leaseMicros" + suffix, lease.toNanos() / 1_000)
                    : bindAs(params, "now" + suffix).time("leaseUntil" + suffix, Times.truncate(host.plus(lease)));
        }

        /** The later of this stamp and {@code other}; either under {@code DATABASE}, where stamps hold no time. */
        public Stamp later(Stamp other) {
            return host == null || !other.host.isAfter(host) ? this : other;
        }

        /** Binds what {@code <now>} and {@code <leaseUntil>} need for a lease of {@code lease} from now. */
        public <S extends SqlStatement<S>> S bindLease(S statement, Duration lease) {
            return host == null
                    ? statement.bind("leaseMicros", lease.toNanos() / 1_000)
                    : bind(statement).bind("leaseUntil", Times.truncate(host.plus(lease)));
        }
    }
}
