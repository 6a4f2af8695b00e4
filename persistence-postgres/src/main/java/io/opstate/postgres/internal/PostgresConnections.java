package io.opstate.postgres.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.opstate.PersistenceConfig;
import io.opstate.StorageUnavailableException;
import io.opstate.internal.UserText;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections of one PostgreSQL store: one HikariCP pool for reads and writes, and a short
 * lived one for migrating. Every connection is bounded by {@link PersistenceConfig#connectionTimeout()}
 * (rounded up to whole seconds) when connecting and logging in; the store's pool also when
 * waiting for the server's answer ({@code socketTimeout}), so an operation fails with
 * {@link StorageUnavailableException} instead of hanging on a server that went away silently.
 * {@link LocationDataSource}, never the URL or the driver properties: it logs both (at debug
 * level), masking only a property named {@code password}, while the credentials include
 * {@code sslpassword}. Write transactions narrow the wait for an answer to what their callers
 * have left, per transaction: {@link PostgresDialect#limitAnswerWait}.
 */
final class PostgresConnections {
    /** The {@code ApplicationName} connections report unless the URL names another. */
    static final String APPLICATION_NAME = "opstate";

    /**
     * How long the pool's check of a connection that sat idle for more than half a second may
     * take before the connection counts as dead. A borrower may wait for one such check past its
     * own timeout, so it is kept within {@link io.opstate.jdbc.WaitTimeouts#MARGIN}; HikariCP
     * allows no less. A live server answers the check in a round trip.
     */
    static final Duration VALIDATION_TIMEOUT = Duration.ofMillis(250);

    private static final AtomicInteger POOLS = new AtomicInteger();

    private PostgresConnections() {
    }

    /**
     * The store's pool: {@link PersistenceConfig#poolMaxSize()} connections at most, keeping
     * {@link PersistenceConfig#poolMinIdle()} idle, replaced after {@link PersistenceConfig#poolMaxLifetime()}.
     * Its statistics are published over JMX as {@code com.zaxxer.hikari:type=Pool (opstate-postgres-<n>)},
     * and the pool is handed to the configuration's {@link io.opstate.operations.StoreObserver}.
     */
    static HikariDataSource pool(PostgresLocation location, PersistenceConfig config) {
        Properties driver = driverProperties(location, config);
        driver.setProperty("socketTimeout", seconds(config.connectionTimeout()));
        HikariConfig hikari = common(location, driver, config, "opstate-postgres-" + POOLS.incrementAndGet());
        hikari.setMaximumPoolSize(config.poolMaxSize());
        hikari.setMinimumIdle(config.poolMinIdle());
        hikari.setMaxLifetime(config.poolMaxLifetime().toMillis());
        hikari.setRegisterMbeans(true);
        HikariDataSource pool = open(hikari, location);
        config.observer().poolOpened(hikari.getPoolName(), pool);
        return pool;
    }

    /**
     * Connections for the migration: Flyway needs two at once, plus one holding the migration
     * lock. No socket timeout: a migration, or waiting for another process's, may take long.
     */
    static HikariDataSource migration(PostgresLocation location, PersistenceConfig config) {
        HikariConfig hikari = common(location, driverProperties(location, config), config,
                "opstate-postgres-migration-" + POOLS.incrementAndGet());
        hikari.setMaximumPoolSize(4);
        hikari.setMinimumIdle(0);
        return open(hikari, location);
    }

    private static HikariConfig common(PostgresLocation location, Properties driver, PersistenceConfig config,
                                       String name) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setDataSource(new LocationDataSource(location, driver));
        hikari.setAutoCommit(true);
        long timeout = config.connectionTimeout().toMillis();
        hikari.setConnectionTimeout(timeout);
        hikari.setValidationTimeout(Math.min(timeout, VALIDATION_TIMEOUT.toMillis()));
        // A query, not Connection.isValid: HikariCP asks isValid for whole seconds (at least 1) and
        // pgjdbc then waits that long on a dead server, past the validation timeout; a test query
        // runs under the network timeout HikariCP sets to the validation timeout.
        hikari.setConnectionTestQuery("SELECT 1");
        return hikari;
    }

    /** What pgjdbc gets besides the URL: the credentials and the settings every connection shares. */
    private static Properties driverProperties(PostgresLocation location, PersistenceConfig config) {
        Properties driver = location.credentials();
        driver.setProperty("connectTimeout", seconds(config.connectionTimeout()));
        driver.setProperty("loginTimeout", seconds(config.connectionTimeout()));
        driver.setProperty("tcpKeepAlive", "true");
        driver.setProperty("ApplicationName", APPLICATION_NAME);
        if (location.schema() != null) {
            driver.setProperty("currentSchema", PostgresSchema.quote(location.schema()));
        }
        return driver;
    }

    private static HikariDataSource open(HikariConfig hikari, PostgresLocation location) {
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StorageUnavailableException("cannot connect to PostgreSQL at " + location.describe() + ": "
                    + UserText.shown(cause.getMessage(), 300), e);
        }
    }

    private static String seconds(Duration timeout) {
        return Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000));
    }
}
