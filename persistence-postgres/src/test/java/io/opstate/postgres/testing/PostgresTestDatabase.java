package io.opstate.postgres.testing;

import io.opstate.PersistenceConfig;
import io.opstate.TimeSource;
import io.opstate.spi.Urls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * The PostgreSQL server the tests run against, as a JUnit extension: register it in a static
 * field. Before the class it checks that the server answers; when it does not, the class is
 * skipped with a message saying what to start, except under {@code CI=true}, where it fails.
 * {@link #freshStore()} hands out a configuration for a new, empty schema; each schema handed out
 * is dropped after the test.
 *
 * <p>The URL is {@value #URL_VARIABLE}, by default {@value #DEFAULT_URL}.
 */
public final class PostgresTestDatabase implements BeforeAllCallback, AfterEachCallback {
    public static final String URL_VARIABLE = "OPSTATE_TEST_POSTGRES_URL";
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private final List<String> schemas = new ArrayList<>();

    /** The server's URL. */
    public static String url() {
        String url = System.getenv(URL_VARIABLE);
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    /** The URL with one more parameter. */
    public static String url(String parameter) {
        return url() + (url().contains("?") ? "&" : "?") + parameter;
    }

    /** A connection for the test's own checks and set-up; the caller closes it. */
    public static Connection connect() throws SQLException {
        DriverManager.setLoginTimeout(5);
        return DriverManager.getConnection(url());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try (Connection ignored = connect()) {
            return;
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at " + Urls.mask(url()) + " (" + e.getMessage()
                    + "); run scripts/ensure-postgres.sh or set " + URL_VARIABLE;
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true: " + message, e);
            }
            throw new TestAbortedException(message);
        }
    }

    /** A new schema's name, dropped after the test. The schema itself is left for the store to create. */
    public synchronized String newSchema() {
        String name = "tck_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        schemas.add(name);
        return name;
    }

    /** The URL of a store in a new schema ({@code currentSchema}), with {@code extra} parameters appended. */
    public String newStoreUrl(String extra) {
        String url = url("currentSchema=" + newSchema());
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

    /** A configuration for a new, empty store in a fresh schema, stamped by the host clock so tests can move it. */
    public PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder(url()).schema(newSchema()).timeSource(TimeSource.HOST);
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
