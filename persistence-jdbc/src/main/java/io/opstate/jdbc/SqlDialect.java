package io.opstate.jdbc;

import io.opstate.core.FeedWatch;
import io.opstate.jdbc.internal.PlainConnection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Everything the shared repositories need to know about one SQL product, asked as capability
 * questions and small SQL fragments. The repositories in this module are written once in SQL
 * that SQLite and PostgreSQL both accept (including {@code RETURNING}, row-value comparison
 * {@code (a, b) > (?, ?)}, {@code SAVEPOINT} and
 * {@code INSERT ... ON CONFLICT (key) DO UPDATE} with {@code excluded}); they never branch on a product name, only on
 * the answers given here.
 *
 * <p>Implementations are stateless and thread-safe; keep them small.
 */
public interface SqlDialect {

    /** How this product keeps, matches and ranks the words of the search index. */
    SearchDialect search();

    /** How this product checks, optimises, checkpoints and measures a store ({@link io.opstate.Maintenance}). */
    MaintenanceDialect maintenance();

    /** The JDBC type ({@link java.sql.Types}) used to bind a null instant. */
    int timeSqlType();

    /**
     * Binds a non-null instant (UTC, already truncated to microseconds) as parameter
     * {@code index}, in the form the time columns store (SQLite: fixed-width ISO-8601 text;
     * PostgreSQL: {@code timestamptz}). The stored form must sort like the instant.
     */
    void setTime(PreparedStatement statement, int index, Instant value) throws SQLException;

    /** Reads a time column written by {@link #setTime}; null for SQL NULL. */
    Instant getTime(ResultSet row, String column) throws SQLException;

    /**
     * The SQL expression that stores the text bound to parameter {@code name} in a JSON column:
     * {@code ":name"} where JSON is kept as text, {@code "CAST(:name AS jsonb)"} on PostgreSQL.
     * Must map a null parameter to SQL NULL.
     */
    default String jsonParameter(String name) {
        return ":" + name;
    }

    /** Reads a JSON column as JSON text; null for SQL NULL. */
    default String getJson(ResultSet row, String column) throws SQLException {
        return row.getString(column);
    }

    /**
     * Whether {@link #getJson} reads back exactly the text {@link #jsonParameter} stored: true where
     * JSON is kept as text; false where the database keeps it in a form of its own (PostgreSQL's
     * {@code jsonb} orders keys and drops spaces). Where true, and times come from the host, a new
     * row reads back as its writer gave it, so an insert need not return it
     * ({@code MultiRowInsert.StoredAsGiven}).
     */
    default boolean jsonReadsBackAsWritten() {
        return true;
    }

    /**
     * The SQL condition that JSON column {@code column} holds an object with every top-level
     * field of the JSON object bound (as text) to parameter {@code filterParameter}, each with an
     * equal value: objects equal whatever their key order, arrays element by element, numbers by
     * value ({@code 1} equals {@code 1.0}), strings, booleans and {@code null} exactly; the filter
     * {@code {}} matches every object, SQL NULL never. What {@code io.opstate.core.JsonFieldMatch}
     * decides in Java, for the construct query's metadata filter. PostgreSQL:
     * {@code column @> filter}, which its GIN index serves, and equal values per field.
     */
    String jsonFieldsMatch(String column, String filterParameter);

    /**
     * Appended to each candidate {@code SELECT ... ORDER BY ... LIMIT 1} of the job claim
     * statement: empty where a single writer already serialises claims (SQLite), or
     * {@code "FOR UPDATE SKIP LOCKED"} where concurrent claimers must pass over each other's rows.
     */
    String claimLockClause();

    /**
     * Appended to a {@code SELECT} of one row by its key that the same write transaction then
     * rewrites from what it read (a schedule's next run is computed in Java from its stored
     * expression and zone): {@code "FOR UPDATE"} where concurrent writers must wait for each
     * other's row, so that neither update is lost; empty where a single writer already
     * serialises writes (SQLite).
     */
    String rowLockClause();

    /**
     * Like {@link #rowLockClause}, but other transactions may take the same lock at once; only
     * {@link #rowLockClause} waits for them (a resource write holds its kind this way, so that
     * narrowing the kind waits for writes in flight). {@code "FOR SHARE"} on PostgreSQL.
     */
    default String sharedRowLockClause() {
        return rowLockClause();
    }

    /**
     * The store's one generator of claim tokens (the {@link io.opstate.jobs.Job#fencingToken()}
     * of each claim): a sequence where the database has them, else a one-row table holding the
     * last token handed out. Created by schema version 3; not copied by {@code opstate copy},
     * which moves the target's generator past the copied tokens instead ({@link #advanceClaimTokens()}).
     */
    String CLAIM_TOKENS = "opstate_claim_tokens";

    /**
     * The SQL expression of the token a claim statement gives one of the jobs it claims, drawn
     * from {@link #CLAIM_TOKENS}: larger than every token the store handed out before, and
     * different for each job the statement claims. {@code rank} is the SQL of the job's place (1,
     * 2, ...) among them, for a generator that a statement reads but cannot advance (a counter
     * row: its value plus the rank; the claim then advances it, see
     * {@link #claimTokensNeedAdvancing()}); a sequence ignores it:
     * {@code nextval('opstate_claim_tokens')}. The generator must never hand out a smaller number
     * later, even from another connection, so that a job's tokens grow with every claim.
     */
    String claimToken(String rank);

    /**
     * Whether a claim must run {@link #advanceClaimTokens()} after {@link #claimToken} drew its
     * tokens, in the same transaction: true where drawing only reads the generator (a counter
     * row), false where it advances it too (a sequence), which keeps the claim one statement.
     */
    boolean claimTokensNeedAdvancing();

    /**
     * The statement that makes every token {@link #claimToken} draws from now on larger than the
     * {@code long} bound to parameter {@code :highest}, and never moves the generator back (a
     * smaller {@code :highest} changes nothing). Run after each claim when
     * {@link #claimTokensNeedAdvancing()}, when copying a store whole, after its jobs were
     * copied with their tokens, and when importing jobs with their tokens.
     */
    String advanceClaimTokens();

    /**
     * The SQL expression for the database server's current time, as a value of the time columns
     * at microsecond precision, e.g. {@code statement_timestamp()}; used when the store's
     * {@link io.opstate.TimeSource} is {@code DATABASE}. Null (the default) where the database has
     * no clock of its own: an embedded database runs on the host, so its time is the host's.
     */
    default String databaseTime() {
        return null;
    }

    /**
     * The SQL expression for {@link #databaseTime()} plus the whole number of microseconds bound to
     * parameter {@code microsParameter} (a {@code long}): the end of a lease taken now. Asked only
     * when {@link #databaseTime()} is not null.
     */
    default String databaseTimePlusMicros(String microsParameter) {
        throw new UnsupportedOperationException("this dialect has no database clock");
    }

    /**
     * The SQL expression for the whole milliseconds from {@code from} to {@code to}, two
     * expressions of the time columns' type (columns, bound times or {@link #databaseTime()}),
     * truncated toward zero as {@link java.time.Duration#toMillis()} truncates, so that a duration computed in
     * one statement agrees exactly with the stored times it was computed from.
     */
    String millisBetween(String from, String to);

    /**
     * The SQL expression for the whole microseconds from {@code from} to {@code to}, two
     * expressions of the time columns' type, exactly (times are stored to the microsecond), as a
     * 64-bit integer: negative when {@code to} is earlier. The timeline's counts divide it by a
     * bucket length to group events into buckets in the database.
     */
    String microsBetween(String from, String to);

    /**
     * What an {@code INSERT} that supplies its own values for an identity column (one the
     * database numbers itself, like {@code history.id}) must say between its column list and
     * {@code VALUES}, e.g. {@code OVERRIDING SYSTEM VALUE} for a PostgreSQL
     * {@code GENERATED ALWAYS} identity. Empty (the default) where explicit values are simply
     * accepted. Used when copying a store whole, never by the repositories.
     */
    default String identityOverrideClause() {
        return "";
    }

    /**
     * The SQL statement that moves the number generator of identity column {@code column} of
     * {@code table} past the largest value the table holds, so that rows inserted afterwards get
     * larger numbers than rows copied in with their own; e.g. on PostgreSQL
     * {@code SELECT setval(pg_get_serial_sequence('opstate_history', 'id'), max(id)) FROM opstate_history}. Must
     * leave the generator alone when the table is empty, and never move it back. Null (the
     * default) where the database keeps its generator past the largest value by itself (SQLite
     * {@code AUTOINCREMENT}). Used when copying a store whole and when importing history events
     * with their ids, never by the repositories.
     */
    default String identityResyncStatement(String table, String column) {
        return null;
    }

    /**
     * Whether the shared layer keeps each connection's prepared statements for reuse by SQL text:
     * worth it where the driver compiles every statement anew (sqlite-jdbc), not where it caches
     * them itself (PostgreSQL's server-side prepared statements).
     */
    default boolean reusesPreparedStatements() {
        return false;
    }

    /**
     * Classifies a driver exception, by SQLState or vendor result code, never by message text.
     * Return {@link SqlFailure#OTHER} when unsure; the shared layer then still recognises the
     * standard JDBC connection failures.
     */
    SqlFailure classify(SQLException exception);

    /**
     * Whether {@code exception} says the server rolled the transaction back because of other
     * transactions (a deadlock, a serialization failure) rather than because of its statements:
     * a single write that failed so runs again. None by default.
     */
    default boolean abortedByConflict(SQLException exception) {
        return false;
    }

    /**
     * The statement an operator runs to check a store for damage, named in the message of
     * {@link io.opstate.StorageCorruptedException}, e.g. {@code PRAGMA integrity_check}. Null (the
     * default) where the product has no such statement; the message then just says to check it.
     */
    default String integrityCheckStatement() {
        return null;
    }

    /**
     * Bounds how long the write transaction about to {@link #begin} on {@code connection} waits
     * for the database's write lock while another connection holds it: at most
     * {@code lockMillis} (0: take it only if it is free), so that the callers it serves get their
     * answer within their timeouts. Called before every {@link #begin}; what it sets must hold
     * until the transaction ends. The default bounds nothing, for a database that has no such
     * lock or waits for it inside statements (bounded by {@link #limitAnswerWait}).
     */
    default void limitLockWait(PlainConnection connection, long lockMillis) {
    }

    /**
     * Bounds each wait for an answer of a database server on {@code connection} to
     * {@code answerMillis} (at least 1) until called again: before {@link #begin}, and in a
     * transaction that commits several callers' writes, again before each further write and
     * before {@link #commit}, with what is left of their time. Must be cheap. The default bounds
     * nothing, for an embedded database, which has no server to wait for.
     */
    default void limitAnswerWait(PlainConnection connection, long answerMillis) {
    }

    /**
     * Whether statements wait for the answers of a database server, which
     * {@link #limitAnswerWait} bounds. Then a transaction that commits callers' single writes and
     * runs past their deadline is rolled back before its next statement or COMMIT, rather than
     * wait on. False (the default) for an embedded database, whose statements work rather than
     * wait, and are not cut short.
     */
    default boolean waitsForServer() {
        return false;
    }

    /**
     * Starts a write transaction on a writer connection, borrowed with a Jdbi handle or without
     * one. The default uses JDBC ({@code autoCommit=false}); a dialect may issue its own statement
     * instead, e.g. SQLite's {@code BEGIN IMMEDIATE} on an auto-commit connection.
     */
    default void begin(PlainConnection connection) {
        connection.begin();
    }

    /** Commits what {@link #begin} started. */
    default void commit(PlainConnection connection) {
        connection.commit();
    }

    /** Rolls back what {@link #begin} started. */
    default void rollback(PlainConnection connection) {
        connection.rollback();
    }

    /**
     * A select-list expression that, evaluated in a transaction writing to the resource change
     * feed, tells followers elsewhere of the write once (and only if) the transaction commits:
     * PostgreSQL's {@code pg_notify}. Null (the default) where followers learn of other writers'
     * commits by re-reading ({@link #feedWatch}).
     */
    default String feedNotice() {
        return null;
    }

    /**
     * How followers of the resource change feed of the store reading through {@code source} learn
     * of changes committed by other processes. The default re-reads the feed every
     * {@value io.opstate.resources.ResourceRepository#FEED_CHECK_MILLIS} ms while waiting. Opens
     * nothing until a follower first waits; the store closes it.
     */
    default FeedWatch feedWatch(DataSource source, String storeName) {
        return FeedWatch.polling();
    }

    /**
     * How the history log is followed in commit-safe order. The default, by id alone, is right
     * only where one transaction writes at a time, so that ids are drawn in commit order.
     */
    default HistoryFollowing historyFollowing() {
        return HistoryFollowing.BY_ID;
    }
}
