package io.opstate.examples.hosts;

import io.opstate.PersistenceConfig;
import io.opstate.TimeSource;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.spi.Urls;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * The three backends a host's scenario runs on, as a JUnit extension (register it in a field):
 * {@link #fresh} hands out the configuration of a new, empty store of the named backend, stamped
 * by the host clock so a test can move it. A PostgreSQL store lives in a schema of its own, dropped
 * after the test; when the server ({@value PostgresTestDatabase#URL_VARIABLE}, by default
 * {@value PostgresTestDatabase#DEFAULT_URL}) does not answer, that one case is skipped, except
 * under {@code CI=true}, where it fails.
 */
public final class HostStores implements AfterEachCallback {

    private final List<String> schemas = new ArrayList<>();

    /**
     * A new, empty store of {@code backend}; SQLite's file goes under {@code dir}.
     *
     * @throws TestAbortedException when PostgreSQL is asked for and does not answer (outside CI)
     */
    public PersistenceConfig.Builder fresh(String backend, Path dir) {
        return switch (backend) {
            case "memory" -> PersistenceConfig.builder("memory:" + UUID.randomUUID());
            case "sqlite" -> PersistenceConfig.builder("jdbc:sqlite:" + dir.resolve("host.db"));
            case "postgres" -> PersistenceConfig.builder(PostgresTestDatabase.url()).schema(newSchema())
                    .timeSource(TimeSource.HOST);
            default -> throw new IllegalArgumentException("no such backend: " + backend);
        };
    }

    /** The URL of a new, empty PostgreSQL store ({@code currentSchema} names its schema). */
    public String freshPostgresUrl() {
        return PostgresTestDatabase.url("currentSchema=" + newSchema());
    }

    private synchronized String newSchema() {
        requirePostgres();
        String name = "host_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        schemas.add(name);
        return name;
    }

    private static void requirePostgres() {
        try (Connection ignored = PostgresTestDatabase.connect()) {
            return;
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at " + Urls.mask(PostgresTestDatabase.url()) + " ("
                    + e.getMessage() + "); run scripts/ensure-postgres.sh or set " + PostgresTestDatabase.URL_VARIABLE;
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true: " + message, e);
            }
            throw new TestAbortedException(message);
        }
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) throws SQLException {
        if (schemas.isEmpty()) {
            return;
        }
        try (Connection connection = PostgresTestDatabase.connect(); Statement statement = connection.createStatement()) {
            for (String schema : schemas) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } finally {
            schemas.clear();
        }
    }
}
