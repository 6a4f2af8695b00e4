package io.opstate.examples.mimir;

import io.opstate.PersistenceConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Mimir's {@code persistence:} configuration section and its environment overrides, read into
 * OpState's configuration. Moving from SQLite to PostgreSQL is a change of configuration only:
 *
 * <pre>
 * persistence:                                  persistence:
 *   backend: sqlite                               backend: postgres
 *   path: /app/data/mimir.db                      connection_string: postgres://user:pass@db-host:5432/mimir
 * </pre>
 *
 * <table>
 *   <caption>Mimir's keys and variables</caption>
 *   <tr><td>{@code persistence.backend} / {@code MIMIR_PERSISTENCE_BACKEND}</td><td>{@code sqlite} (default) or {@code postgres}</td></tr>
 *   <tr><td>{@code persistence.path} / {@code MIMIR_DATABASE_PATH}</td><td>the SQLite file</td></tr>
 *   <tr><td>{@code persistence.connection_string} / {@code MIMIR_DATABASE_URL}</td><td>PostgreSQL, as
 *       {@code postgres://user:pass@host:port/db?sslmode=...} or a {@code jdbc:postgresql:} URL</td></tr>
 *   <tr><td>{@code persistence.retention_days} / {@code MIMIR_PERSISTENCE_RETENTION_DAYS}</td><td>how long runs are
 *       kept (default 30)</td></tr>
 * </table>
 *
 * The pool is the plan's: 10 connections, 5 kept idle. Immutable.
 */
public record MimirPersistenceConfig(String backend, String path, String connectionString, Duration retention) {
    /** Mimir's defaults. */
    public static final MimirPersistenceConfig DEFAULTS = new MimirPersistenceConfig("sqlite", "data/mimir.db", null,
            Duration.ofDays(30));
    static final int MAX_CONNECTIONS = 10;
    static final int IDLE_CONNECTIONS = 5;

    /**
     * The section as the configuration file holds it ({@code persistence.backend}, ...), each key
     * overridden by its variable in {@code environment}; what neither gives stays at its default.
     *
     * @throws IllegalArgumentException naming the key or variable whose value is not allowed
     */
    public static MimirPersistenceConfig load(Map<String, String> file, Map<String, String> environment) {
        String backend = value("persistence.backend", "MIMIR_PERSISTENCE_BACKEND", file, environment, DEFAULTS.backend);
        String path = value("persistence.path", "MIMIR_DATABASE_PATH", file, environment, DEFAULTS.path);
        String connection = value("persistence.connection_string", "MIMIR_DATABASE_URL", file, environment, null);
        String days = value("persistence.retention_days", "MIMIR_PERSISTENCE_RETENTION_DAYS", file, environment,
                Long.toString(DEFAULTS.retention.toDays()));
        Duration retention;
        try {
            retention = Duration.ofDays(Long.parseLong(days.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("persistence.retention_days: not a number of days: '" + days + "'", e);
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("persistence.retention_days: must be at least 1, got " + days);
        }
        return new MimirPersistenceConfig(backend.strip().toLowerCase(Locale.ROOT), path, connection, retention);
    }

    /** OpState's configuration: the URL of the chosen backend and the plan's pool. */
    public PersistenceConfig toPersistenceConfig() {
        return PersistenceConfig.builder(url()).poolMaxSize(MAX_CONNECTIONS).poolMinIdle(IDLE_CONNECTIONS).build();
    }

    /** The store URL the section names. */
    public String url() {
        return switch (backend) {
            case "sqlite" -> "jdbc:sqlite:" + path;
            case "postgres", "postgresql" -> {
                if (connectionString == null || connectionString.isBlank()) {
                    throw new IllegalArgumentException("persistence.connection_string: required for backend " + backend);
                }
                yield jdbcUrl(connectionString.strip());
            }
            default -> throw new IllegalArgumentException("persistence.backend: unknown backend '" + backend
                    + "'; expected sqlite or postgres");
        };
    }

    /**
     * The JDBC URL of a libpq-style {@code postgres://user:pass@host:port/db?params} connection
     * string; a {@code jdbc:postgresql:} URL is returned as it is.
     */
    static String jdbcUrl(String connectionString) {
        if (connectionString.startsWith("jdbc:postgresql:")) {
            return connectionString;
        }
        URI uri;
        try {
            uri = new URI(connectionString);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("persistence.connection_string: not a URL: " + e.getMessage(), e);
        }
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "persistence.connection_string: expected postgres://user:pass@host:port/db, got scheme " + uri.getScheme());
        }
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() != -1) {
            url.append(':').append(uri.getPort());
        }
        url.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        StringBuilder parameters = new StringBuilder();
        if (uri.getRawUserInfo() != null) {
            String[] user = uri.getRawUserInfo().split(":", 2);
            append(parameters, "user=" + encoded(user[0]));
            if (user.length == 2) {
                append(parameters, "password=" + encoded(user[1]));
            }
        }
        if (uri.getRawQuery() != null) {
            append(parameters, uri.getRawQuery());
        }
        return parameters.length() == 0 ? url.toString() : url.append('?').append(parameters).toString();
    }

    private static void append(StringBuilder parameters, String parameter) {
        parameters.append(parameters.length() == 0 ? "" : "&").append(parameter);
    }

    /** Percent-decoded from the URL's user info, then encoded again as a query parameter's value. */
    private static String encoded(String raw) {
        return URLEncoder.encode(URLDecoder.decode(raw, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static String value(String key, String variable, Map<String, String> file, Map<String, String> environment,
                                String fallback) {
        String fromEnvironment = environment.get(variable);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        String fromFile = file.get(key);
        return fromFile != null && !fromFile.isBlank() ? fromFile : fallback;
    }
}
