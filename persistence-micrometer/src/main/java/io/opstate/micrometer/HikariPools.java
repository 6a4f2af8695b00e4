package io.opstate.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Hands a store's HikariCP pools to HikariCP's own Micrometer tracker, whose meters
 * ({@code hikaricp.connections}, {@code hikaricp.connections.active}, ...) carry the pool's name
 * as tag {@code pool}. HikariCP is optional here: a host without it (the memory backend) never
 * has a pool reported, and this class touches HikariCP's classes only once it is known present.
 */
final class HikariPools {
    private static final System.Logger LOG = System.getLogger(HikariPools.class.getName());
    private static final String HIKARI = "com.zaxxer.hikari.HikariDataSource";

    private HikariPools() {
    }

    /** Starts the pool's own metrics in {@code registry}, if it is a HikariCP pool; logs why not otherwise. */
    static void track(DataSource pool, MeterRegistry registry) {
        if (!hikariPresent(pool)) {
            LOG.log(Level.DEBUG, () -> "not a HikariCP pool, no pool metrics: " + pool);
            return;
        }
        try {
            Tracking.start(pool, registry);
        } catch (SQLException | IllegalStateException | LinkageError e) {
            // LinkageError: a HikariCP this module cannot see, or one without Micrometer support
            LOG.log(Level.WARNING, "cannot start the metrics of pool " + pool + "; it runs without them", e);
        }
    }

    private static boolean hikariPresent(DataSource pool) {
        try {
            Class<?> hikari = Class.forName(HIKARI, false, pool.getClass().getClassLoader());
            return pool.isWrapperFor(hikari);
        } catch (ClassNotFoundException | SQLException | LinkageError absent) {
            return false;
        }
    }

    /** Loaded only when HikariCP is present. */
    private static final class Tracking {
        static void start(DataSource pool, MeterRegistry registry) throws SQLException {
            com.zaxxer.hikari.HikariDataSource hikari = pool.unwrap(com.zaxxer.hikari.HikariDataSource.class);
            // Allowed once on a running pool: HikariCP then starts tracking at once.
            hikari.setMetricsTrackerFactory(
                    new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(registry));
        }
    }
}
