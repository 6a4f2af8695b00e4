package io.opstate.examples.llamactl;

import io.opstate.EnvironmentNames;
import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * llamactl's {@code database:} configuration section and its four {@code LLAMACTL_DATABASE_*}
 * overrides, read into OpState's configuration:
 *
 * <table>
 *   <caption>llamactl setting → OpState setting</caption>
 *   <tr><td>{@code path} / {@code LLAMACTL_DATABASE_PATH}</td><td>{@code opstate.url}: {@code jdbc:sqlite:<path>},
 *       relative to the data directory; {@code :memory:} is an in-memory store</td></tr>
 *   <tr><td>{@code max_open_connections} / {@code LLAMACTL_DATABASE_MAX_OPEN_CONNECTIONS}</td>
 *       <td>{@code opstate.pool.max-size}</td></tr>
 *   <tr><td>{@code max_idle_connections} / {@code LLAMACTL_DATABASE_MAX_IDLE_CONNECTIONS}</td>
 *       <td>{@code opstate.pool.min-idle}</td></tr>
 *   <tr><td>{@code connection_max_lifetime} / {@code LLAMACTL_DATABASE_CONN_MAX_LIFETIME}</td>
 *       <td>{@code opstate.pool.max-lifetime} (Go durations such as {@code 5m} read as they are)</td></tr>
 * </table>
 *
 * The environment overrides the file; a bad value fails start-up naming the variable.
 *
 * @param path the database file, relative to the data directory or absolute
 */
public record DatabaseConfig(String path, int maxOpenConnections, int maxIdleConnections,
                             Duration connectionMaxLifetime) {
    /** The defaults of llamactl's configuration file. */
    public static final DatabaseConfig DEFAULTS = new DatabaseConfig("llamactl.db", 25, 5, Duration.ofMinutes(5));

    /** The prefix of llamactl's database variables. */
    public static final String ENVIRONMENT_PREFIX = "LLAMACTL_DATABASE_";

    /** OpState's configuration for this section under {@code dataDir}, {@code environment} overriding it. */
    public PersistenceConfig toPersistenceConfig(Path dataDir, Map<String, String> environment) {
        Properties file = new Properties();
        file.setProperty(PersistenceConfig.URL, url(dataDir, path));
        file.setProperty(PersistenceConfig.POOL_MAX_SIZE, Integer.toString(maxOpenConnections));
        file.setProperty(PersistenceConfig.POOL_MIN_IDLE, Integer.toString(maxIdleConnections));
        file.setProperty(PersistenceConfig.POOL_MAX_LIFETIME, connectionMaxLifetime.toString());
        return PersistenceConfig.load(file, environment, environmentNames(dataDir));
    }

    /** llamactl's variable names, each mapped onto the OpState setting it carries. */
    public static EnvironmentNames environmentNames(Path dataDir) {
        return EnvironmentNames.prefix(ENVIRONMENT_PREFIX)
                .map("PATH", Settings.URL, path -> url(dataDir, path))
                .map("MAX_OPEN_CONNECTIONS", Settings.POOL_MAX_SIZE)
                .map("MAX_IDLE_CONNECTIONS", Settings.POOL_MIN_IDLE)
                .map("CONN_MAX_LIFETIME", Settings.POOL_MAX_LIFETIME);
    }

    /** The store URL of a llamactl database path. */
    static String url(Path dataDir, String path) {
        if (path.equals(":memory:")) {
            return "memory:";
        }
        return "jdbc:sqlite:" + dataDir.resolve(path);
    }
}
