package io.opstate.sqlite.internal;

import io.opstate.jdbc.SearchDialect;
import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.SqlFailure;
import io.opstate.jdbc.internal.PlainConnection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** The SQLite dialect, for tests that override one step to inject a failure. */
class DelegatingDialect implements SqlDialect {
    private final SqlDialect sqlite = new SqliteDialect();

    @Override
    public int timeSqlType() {
        return sqlite.timeSqlType();
    }

    @Override
    public void setTime(PreparedStatement statement, int index, Instant value) throws SQLException {
        sqlite.setTime(statement, index, value);
    }

    @Override
    public Instant getTime(ResultSet row, String column) throws SQLException {
        return sqlite.getTime(row, column);
    }

    @Override
    public String jsonParameter(String name) {
        return sqlite.jsonParameter(name);
    }

    @Override
    public String getJson(ResultSet row, String column) throws SQLException {
        return sqlite.getJson(row, column);
    }

    @Override
    public String jsonFieldsMatch(String column, String filterParameter) {
        return sqlite.jsonFieldsMatch(column, filterParameter);
    }

    @Override
    public String claimLockClause() {
        return sqlite.claimLockClause();
    }

    @Override
    public String rowLockClause() {
        return sqlite.rowLockClause();
    }

    @Override
    public String claimToken(String rank) {
        return sqlite.claimToken(rank);
    }

    @Override
    public boolean claimTokensNeedAdvancing() {
        return sqlite.claimTokensNeedAdvancing();
    }

    @Override
    public String advanceClaimTokens() {
        return sqlite.advanceClaimTokens();
    }

    @Override
    public String millisBetween(String from, String to) {
        return sqlite.millisBetween(from, to);
    }

    @Override
    public String microsBetween(String from, String to) {
        return sqlite.microsBetween(from, to);
    }

    @Override
    public String databaseTime() {
        return sqlite.databaseTime();
    }

    @Override
    public String databaseTimePlusMicros(String microsParameter) {
        return sqlite.databaseTimePlusMicros(microsParameter);
    }

    @Override
    public boolean reusesPreparedStatements() {
        return sqlite.reusesPreparedStatements();
    }

    @Override
    public SqlFailure classify(SQLException exception) {
        return sqlite.classify(exception);
    }

    @Override
    public String integrityCheckStatement() {
        return sqlite.integrityCheckStatement();
    }

    @Override
    public void limitLockWait(PlainConnection connection, long lockMillis) {
        sqlite.limitLockWait(connection, lockMillis);
    }

    @Override
    public void begin(PlainConnection connection) {
        sqlite.begin(connection);
    }

    @Override
    public void commit(PlainConnection connection) {
        sqlite.commit(connection);
    }

    @Override
    public void rollback(PlainConnection connection) {
        sqlite.rollback(connection);
    }

    @Override
    public SearchDialect search() {
        return sqlite.search();
    }

    @Override
    public io.opstate.jdbc.MaintenanceDialect maintenance() {
        return sqlite.maintenance();
    }
}
