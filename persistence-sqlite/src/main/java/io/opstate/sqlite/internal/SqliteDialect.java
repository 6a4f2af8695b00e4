package io.opstate.sqlite.internal;

import io.opstate.jdbc.MaintenanceDialect;
import io.opstate.jdbc.SearchDialect;
import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.SqlFailure;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jdbc.internal.PlainJdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jdbi.v3.core.ConnectionException;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteException;

/**
 * SQLite's answers: times as fixed-width ISO-8601 UTC text with six fractional digits (text
 * order is time order, and {@code sqlite3} users can read them), JSON as text, claims without
 * row locks (one writer connection serialises them) drawing tokens from a counter row,
 * {@code BEGIN IMMEDIATE} transactions issued
 * as statements on an auto-commit connection, errors classified by extended result code, and
 * prepared statements reused.
 */
public final class SqliteDialect implements SqlDialect {
    private static final SearchDialect SEARCH = new SqliteSearch();

    /** The stored time format, e.g. {@code 2026-03-01T10:15:30.123456Z}; years 0001..9999. */
    public static final DateTimeFormatter TIME_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final int BUSY = 5;
    private static final int LOCKED = 6;
    private static final int NOMEM = 7;
    private static final int READONLY = 8;
    private static final int IOERR = 10;
    private static final int CORRUPT = 11;
    private static final int FULL = 13;
    private static final int CANTOPEN = 14;
    private static final int CONSTRAINT = 19;
    private static final int NOTADB = 26;
    private static final int CONSTRAINT_FOREIGNKEY = 787;
    private static final int CONSTRAINT_PRIMARYKEY = 1555;
    private static final int CONSTRAINT_UNIQUE = 2067;
    /** A checksum failure the file system reported: damage, like CORRUPT, not an I/O outage. */
    private static final int IOERR_CORRUPTFS = 8458;

    private final WalCheckpoints checkpoints;
    private final MaintenanceDialect maintenance;

    /** For a store whose log SQLite checkpoints inside the writer's commits, as by default. */
    public SqliteDialect() {
        this(WalCheckpoints.NONE);
    }

    /** For a store whose log {@code checkpoints} checkpoints, told of every commit of the writer. */
    SqliteDialect(WalCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
        this.maintenance = new SqliteMaintenance(checkpoints);
    }

    @Override
    public int timeSqlType() {
        return Types.VARCHAR;
    }

    @Override
    public void setTime(PreparedStatement statement, int index, Instant value) throws SQLException {
        // Same text as TIME_FORMAT, without the formatter's cost on every bound time.
        statement.setString(index, SqliteTimes.format(value));
    }

    @Override
    public Instant getTime(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        // Fast for the stored shape; anything else still goes through Instant.parse.
        return text == null ? null : SqliteTimes.parse(text);
    }

    /**
     * Exact integer arithmetic on the stored text: whole seconds from {@code strftime('%s')} and
     * the six fractional digits as microseconds; SQLite's integer {@code /} truncates toward zero.
     */
    @Override
    public String millisBetween(String from, String to) {
        return "(((" + epochSeconds(to) + " - " + epochSeconds(from) + ") * 1000000 + "
                + fraction(to) + " - " + fraction(from) + ") / 1000)";
    }

    /** As {@link #millisBetween}, without the division: exact integer arithmetic on the stored text. */
    @Override
    public String microsBetween(String from, String to) {
        return "((" + epochSeconds(to) + " - " + epochSeconds(from) + ") * 1000000 + "
                + fraction(to) + " - " + fraction(from) + ")";
    }

    private static String epochSeconds(String time) {
        return "CAST(strftime('%s', substr(" + time + ", 1, 19)) AS INTEGER)";
    }

    private static String fraction(String time) {
        return "CAST(substr(" + time + ", 21, 6) AS INTEGER)";
    }

    @Override
    public String claimLockClause() {
        return "";
    }

    /** Nothing: {@code BEGIN IMMEDIATE} already gives the one writer the whole database. */
    /**
     * Field by field with the JSON1 table functions; not indexed. Scalars compare by kind (a
     * number's {@code integer} and {@code real} are one kind, as 1 equals 1.0) and value; objects
     * and arrays by their whole trees ({@link #sameTree}).
     */
    @Override
    public String jsonFieldsMatch(String column, String filterParameter) {
        return "(" + column + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM json_each(:" + filterParameter + ") f"
                + " WHERE NOT EXISTS (SELECT 1 FROM json_each(" + column + ") m WHERE m.key = f.key"
                + " AND " + kind("m.type") + " = " + kind("f.type") + " AND m.atom IS f.atom"
                + " AND (m.type NOT IN ('object', 'array') OR " + sameTree("m.value", "f.value") + "))))";
    }

    /**
     * Whether two JSON texts hold the same tree: every node of one, by path, kind and value, is in
     * the other. Paths are built from the decoded member names ({@code key}), not json_tree's
     * {@code fullkey}, which spells a name as written: {@code "cl\\u00e9"} and {@code "clé"} are one name.
     */
    private static String sameTree(String one, String other) {
        return "NOT EXISTS (WITH RECURSIVE " + nodes("a", one) + ", " + nodes("b", other)
                + " SELECT 1 FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.path = a.path AND b.kind = a.kind AND b.atom IS a.atom)"
                + " UNION ALL SELECT 1 FROM b WHERE NOT EXISTS (SELECT 1 FROM a WHERE a.path = b.path AND a.kind = b.kind"
                + " AND a.atom IS b.atom))";
    }

    /** The nodes of JSON text {@code json} as table {@code name}(id, path, kind, atom); a path quotes each step. */
    private static String nodes(String name, String json) {
        return name + "(id, path, kind, atom) AS (SELECT id, '', " + kind("type") + ", atom FROM json_tree(" + json
                + ") WHERE parent IS NULL UNION ALL SELECT t.id, " + name + ".path || '/' || quote(t.key), " + kind("t.type")
                + ", t.atom FROM json_tree(" + json + ") t JOIN " + name + " ON t.parent = " + name + ".id)";
    }

    private static String kind(String type) {
        return "(CASE WHEN " + type + " IN ('integer', 'real') THEN 'number' ELSE " + type + " END)";
    }

    @Override
    public String rowLockClause() {
        return "";
    }

    /**
     * The counter row's value plus the job's rank: one statement reads the counter but cannot
     * also advance it, so the claim advances it afterwards, in its transaction. Claims never read
     * the same value, as one writer at a time holds the file's write lock ({@code BEGIN IMMEDIATE})
     * from the read to the commit.
     */
    @Override
    public String claimToken(String rank) {
        return "(SELECT last_token FROM " + CLAIM_TOKENS + ") + " + rank;
    }

    @Override
    public boolean claimTokensNeedAdvancing() {
        return true;
    }

    @Override
    public String advanceClaimTokens() {
        return "UPDATE " + CLAIM_TOKENS + " SET last_token = :highest WHERE last_token < :highest";
    }

    /** sqlite-jdbc compiles every statement it prepares, BEGIN and COMMIT included. */
    @Override
    public boolean reusesPreparedStatements() {
        return true;
    }

    @Override
    public SqlFailure classify(SQLException exception) {
        if (!(exception instanceof SQLiteException sqlite)) {
            return SqlFailure.OTHER;
        }
        int code = sqlite.getResultCode().code;
        switch (code) {
            case CONSTRAINT_UNIQUE, CONSTRAINT_PRIMARYKEY:
                return SqlFailure.DUPLICATE_KEY;
            case CONSTRAINT_FOREIGNKEY:
                return SqlFailure.MISSING_REFERENCE;
            case IOERR_CORRUPTFS:
                return SqlFailure.CORRUPTED;
            default:
                break;
        }
        return switch (code & 0xFF) {
            case CONSTRAINT -> SqlFailure.CONSTRAINT;
            case CORRUPT, NOTADB -> SqlFailure.CORRUPTED;
            case BUSY, LOCKED, NOMEM, READONLY, IOERR, FULL, CANTOPEN -> SqlFailure.UNAVAILABLE;
            default -> SqlFailure.OTHER;
        };
    }

    @Override
    public String integrityCheckStatement() {
        return "PRAGMA integrity_check";
    }

    /**
     * Sets the connection's busy timeout to {@code lockMillis}: how long {@link #begin} waits for
     * another connection's write lock. Set before every transaction, so no transaction inherits
     * the last one's.
     */
    @Override
    public void limitLockWait(PlainConnection connection, long lockMillis) {
        try {
            connection.unwrap(SQLiteConnection.class).setBusyTimeout((int) Math.min(lockMillis, Integer.MAX_VALUE));
        } catch (SQLException e) {
            throw new ConnectionException(e);
        }
    }

    /**
     * Takes the write lock up front, waiting up to the busy timeout ({@link #limitLockWait}) for another
     * connection, of this process or another. Issued
     * as a statement rather than through JDBC: sqlite-jdbc's {@code commit()} starts the next
     * transaction straight away and can fail after the data was committed.
     */
    @Override
    public void begin(PlainConnection connection) {
        PlainJdbc.execute(connection, "BEGIN IMMEDIATE");
    }

    @Override
    public void commit(PlainConnection connection) {
        PlainJdbc.execute(connection, "COMMIT");
        checkpoints.afterCommit(connection);
    }

    @Override
    public void rollback(PlainConnection connection) {
        PlainJdbc.execute(connection, "ROLLBACK");
    }

    @Override
    public MaintenanceDialect maintenance() {
        return maintenance;
    }

    @Override
    public SearchDialect search() {
        return SEARCH;
    }
}
