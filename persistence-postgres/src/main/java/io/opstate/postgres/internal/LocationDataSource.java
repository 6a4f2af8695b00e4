package io.opstate.postgres.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Connections to a {@link PostgresLocation}: its URL (without credentials) and driver properties
 * (with them) handed straight to the driver, pgjdbc for {@code jdbc:postgresql:} URLs, else the
 * driver registered for the URL (a wrapping one such as p6spy). Exists so the pool holds neither:
 * {@link #toString()} is the location's masked description. Thread-safe.
 */
final class LocationDataSource implements DataSource {
    private final PostgresLocation location;
    private final Properties properties;
    private volatile int loginTimeout;

    LocationDataSource(PostgresLocation location, Properties properties) {
        this.location = location;
        this.properties = properties;
    }

    @Override
    public Connection getConnection() throws SQLException {
        String url = location.url();
        Driver driver = url.regionMatches(true, 0, "jdbc:postgresql:", 0, "jdbc:postgresql:".length())
                ? new org.postgresql.Driver()
                : DriverManager.getDriver(url);
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException("no JDBC driver accepts the URL of " + location.describe(), "08001");
        }
        return connection;
    }

    /** Credentials come from the location only. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials come from the store's URL");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // pgjdbc logs through java.util.logging; there is no writer to set
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeout = seconds;
    }

    /** Kept for the pool to read back; pgjdbc takes its login timeout from the driver properties. */
    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("pgjdbc logs through java.util.logging under org.postgresql");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "LocationDataSource[" + location.describe() + "]";
    }
}
