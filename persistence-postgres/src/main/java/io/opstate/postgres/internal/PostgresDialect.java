package io.opstate.postgres.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.opstate.core.FeedWatch;
import io.opstate.jdbc.HistoryFollowing;
import io.opstate.jdbc.MaintenanceDialect;
import io.opstate.jdbc.SearchDialect;
import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.SqlFailure;
import io.opstate.jdbc.internal.PlainConnection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * PostgreSQL's answers. Times are {@code timestamptz} (microsecond precision, bound as UTC
 * {@link OffsetDateTime}); the database clock is {@code statement_timestamp()}, the start of the
 * current statement. JSON is {@code jsonb}: it is stored parsed, so it reads back semantically
 * equal but not byte for byte: keys are reordered (shorter keys first), duplicate keys keep the
 * last value, and insignificant whitespace is dropped. Claims skip rows other transactions have
 * locked ({@code FOR UPDATE SKIP LOCKED}), so concurrent workers on many hosts never wait on each
 * other nor get the same job; their tokens come from one sequence.
 *
 * <p>Errors are classified by SQLState: unique violation (23505) is a duplicate key, foreign
 * key violation (23503) a missing reference, other integrity violations (23xxx) a constraint.
 * Connection exceptions (08xxx), server shutdown or termination (57P01..57P03), insufficient
 * resources (53xxx), system and I/O errors (58xxx), a cancelled statement (57014) and a lock
 * timeout (55P03) mean the storage is unavailable. So do serialization failures (40001) and
 * deadlocks (40P01): the server aborted the transaction because of other transactions, not
 * because of the request; nothing was written, so a single write runs again by itself a few
 * times before its caller is told, and the same call may simply be retried. Data
 * or index corruption (XX001, XX002) means the stored data is damaged.
 */
public final class PostgresDialect implements SqlDialect {
    private static final MaintenanceDialect MAINTENANCE = new PostgresMaintenance();
    private static final SearchDialect SEARCH = new PostgresSearch();
    private static final HistoryFollowing FOLLOW_HISTORY = new HistoryFollowing(
            "(xact_id, id) > (CAST(CAST(:transaction AS text) AS xid8), :id)", "xact_id, id",
            "CAST(CAST(xact_id AS text) AS bigint)", "xact_id < pg_snapshot_xmin(pg_current_snapshot())");

    @Override
    public int timeSqlType() {
        return Types.TIMESTAMP_WITH_TIMEZONE;
    }

    @Override
    public void setTime(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setObject(index, value.atOffset(ZoneOffset.UTC));
    }

    @Override
    public Instant getTime(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    @Override
    public String jsonParameter(String name) {
        return "CAST(:" + name + " AS jsonb)";
    }

    @Override
    public boolean jsonReadsBackAsWritten() {
        return false; // jsonb
    }

    @Override
    public String databaseTime() {
        return "statement_timestamp()";
    }

    @Override
    public String databaseTimePlusMicros(String microsParameter) {
        return "statement_timestamp() + " + microsParameter + " * interval '1 microsecond'";
    }

    /** {@code EXTRACT(EPOCH ...)} of an interval is an exact numeric (microseconds) since PostgreSQL 14. */
    @Override
    public String millisBetween(String from, String to) {
        return "CAST(TRUNC(EXTRACT(EPOCH FROM (" + to + " - " + from + ")) * 1000) AS bigint)";
    }

    /** Exact, as for {@link #millisBetween}: the interval's epoch is a numeric of whole microseconds here. */
    @Override
    public String microsBetween(String from, String to) {
        return "CAST(EXTRACT(EPOCH FROM (" + to + " - " + from + ")) * 1000000 AS bigint)";
    }

    @Override
    public String identityOverrideClause() {
        return "OVERRIDING SYSTEM VALUE";
    }

    /**
     * Never moves the sequence back: numbers handed out to rows deleted since (retention) are not
     * handed out again. {@code setval} of null (an empty table, a sequence never used) does nothing.
     */
    @Override
    public String identityResyncStatement(String table, String column) {
        String sequence = "pg_get_serial_sequence('" + table + "', '" + column + "')";
        return "SELECT setval(" + sequence + ", GREATEST(max(" + column + "), pg_sequence_last_value(" + sequence
                + "::regclass))) FROM " + table;
    }

    @Override
    public String claimLockClause() {
        return "FOR UPDATE SKIP LOCKED";
    }

    /**
     * Containment finds the candidates through the GIN index of the column; it also accepts a
     * nested object or array that merely contains the filter's, so each top-level value is then
     * compared whole ({@code jsonb} equality: key order ignored, numbers by value).
     */
    @Override
    public String jsonFieldsMatch(String column, String filterParameter) {
        String filter = "CAST(:" + filterParameter + " AS jsonb)";
        return "(" + column + " @> " + filter + " AND NOT EXISTS (SELECT 1 FROM jsonb_each(" + filter + ") f"
                + " WHERE " + column + " -> f.key IS DISTINCT FROM f.value))";
    }

    @Override
    public String rowLockClause() {
        return "FOR UPDATE";
    }

    @Override
    public String sharedRowLockClause() {
        return "FOR SHARE";
    }

    /** One sequence, {@code CACHE 1}: numbers grow in the order sessions draw them. */
    @Override
    public String claimToken(String rank) {
        return "nextval('" + CLAIM_TOKENS + "')";
    }

    @Override
    public boolean claimTokensNeedAdvancing() {
        return false;
    }

    /** {@code setval} only when the sequence's next number is not already above {@code :highest}. */
    @Override
    public String advanceClaimTokens() {
        return "SELECT setval('" + CLAIM_TOKENS + "', :highest) FROM " + CLAIM_TOKENS
                + " WHERE :highest >= CASE WHEN is_called THEN last_value + 1 ELSE last_value END";
    }

    /**
     * Bounds each answer of the server to {@code answerMillis} with the connection's network
     * timeout (a field of the socket, no round trip): a server that stopped answering (frozen, or
     * cut off by the network) fails the transaction in time, which a server-side
     * {@code statement_timeout} cannot do, and lock waits inside statements end with it. Unlike
     * {@code setQueryTimeout}, it schedules nothing per statement. The driver closes a connection
     * whose answer did not come; the pool replaces it and, when a connection returns, restores its
     * usual timeout ({@code socketTimeout}).
     */
    @Override
    public void limitAnswerWait(PlainConnection connection, long answerMillis) {
        connection.setNetworkTimeout(answerMillis);
    }

    @Override
    public boolean waitsForServer() {
        return true;
    }

    /** A deadlock (40P01) or a serialization failure (40001): the server rolled the transaction back. */
    @Override
    public boolean abortedByConflict(SQLException exception) {
        String state = exception.getSQLState();
        return "40P01".equals(state) || "40001".equals(state);
    }

    @Override
    public SqlFailure classify(SQLException exception) {
        String state = exception.getSQLState();
        if (state == null || state.length() != 5) {
            return SqlFailure.OTHER;
        }
        switch (state) {
            case "23505":
                return SqlFailure.DUPLICATE_KEY;
            case "23503":
                return SqlFailure.MISSING_REFERENCE;
            case "57P01", "57P02", "57P03", "57014", "55P03", "40001", "40P01":
                return SqlFailure.UNAVAILABLE;
            case "XX001", "XX002":
                return SqlFailure.CORRUPTED;
            default:
                break;
        }
        return switch (state.substring(0, 2)) {
            case "23" -> SqlFailure.CONSTRAINT;
            case "08", "53", "58" -> SqlFailure.UNAVAILABLE;
            default -> SqlFailure.OTHER;
        };
    }

    @Override
    public MaintenanceDialect maintenance() {
        return MAINTENANCE;
    }

    @Override
    public SearchDialect search() {
        return SEARCH;
    }

    /** A notice on the feed's channel naming the schema; the server delivers it at commit, not before. */
    @Override
    public String feedNotice() {
        return "pg_notify('" + PostgresFeedWatch.CHANNEL + "', current_schema())";
    }

    /**
     * Followers woken by {@code LISTEN} ({@link PostgresFeedWatch}) on a connection of the pool's
     * own data source, outside the pool: held as long as the store, it would take a pooled
     * connection from the store's work for good.
     */
    @Override
    public FeedWatch feedWatch(DataSource source, String storeName) {
        DataSource direct = source instanceof HikariDataSource pool && pool.getDataSource() != null
                ? pool.getDataSource() : source;
        return new PostgresFeedWatch(direct, storeName);
    }

    /**
     * By appending transaction ({@code xact_id}, filled by {@code pg_current_xact_id()}), then id;
     * only events whose transaction is older than every transaction still running in the
     * statement's snapshot: those have all ended, and any event committed later has a transaction
     * at or above that horizon, so it sorts after what the follower has read (the V13 migration).
     */
    @Override
    public HistoryFollowing historyFollowing() {
        return FOLLOW_HISTORY;
    }
}
