package io.opstate.cli.testing;

import io.opstate.spi.Urls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * The PostgreSQL server of the tests, as a JUnit extension registered in a static field: checks
 * before the class that the server answers (skipping the class with a message when it does not,
 * failing it under {@code CI=true}), hands out URLs of fresh schemas, and drops them after each
 * test. The server is {@value #URL_VARIABLE}, by default {@value #DEFAULT_URL}.
 */
public final class PostgresSchemas implements BeforeAllCallback, AfterEachCallback {
    public static final String URL_VARIABLE = "OPSTATE_TEST_POSTGRES_URL";
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private final List<String> schemas = new ArrayList<>();

    /** The server's URL. */
    public static String serverUrl() {
        String url = System.getenv(URL_VARIABLE);
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    /** A connection to the server for the test's own checks; the caller closes it. */
    public static Connection connect() throws SQLException {
        DriverManager.setLoginTimeout(5);
        return DriverManager.getConnection(serverUrl());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            connect().close();
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at " + Urls.mask(serverUrl()) + " (" + e.getMessage()
                    + "); run scripts/ensure-postgres.sh or set " + URL_VARIABLE;
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true: " + message, e);
            }
            throw new TestAbortedException(message);
        }
    }

    /** A new schema's name, dropped after the test; the store creates it when it first migrates. */
    public synchronized String newSchema() {
        String name = "copy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        schemas.add(name);
        return name;
    }

    /** The URL of a store in a new schema ({@code currentSchema}), with {@code extra} parameters appended. */
    public String newStoreUrl(String extra) {
        String url = serverUrl() + (serverUrl().contains("?") ? "&" : "?") + "currentSchema=" + newSchema();
        return extra.isEmpty() ? url : url + "&" + extra;
    }

    /** Rows of {@code table} in {@code schema}, read on a connection of its own. */
    public static long count(String schema, String table) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT count(*) FROM " + schema + "." + table)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count " + schema + "." + table, e);
        }
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String schema : schemas) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } finally {
            schemas.clear();
        }
    }
}
