package io.opstate.postgres.internal;

import io.opstate.InvalidInputException;
import io.opstate.PersistenceConfig;
import io.opstate.spi.Urls;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * Where a PostgreSQL store lives: the JDBC URL, the credentials it carried, and the schema its
 * tables are in. The schema is {@link PersistenceConfig#schema()}, else the URL's
 * {@code currentSchema}, else null: the connection's default (normally {@code public}).
 *
 * <p>Passwords never reach the driver, the pool or Flyway inside a URL, where their messages and
 * logs would show them (pgjdbc logs the URL it connects with; a host name it cannot resolve is
 * repeated in the error): the {@code password} and {@code sslpassword} parameters of a pgjdbc URL
 * are taken out of it and handed over as connection properties instead. A URL that would carry a
 * password any other way is refused: {@code user:password@host}, which pgjdbc does not read (it
 * takes it all for the host name), and any parameter that looks like a password but is not one
 * pgjdbc reads ({@code PASSWORD=}, {@code pwd=}, {@code ;password=}, a percent-encoded name). URLs
 * of wrapping drivers ({@code jdbc:p6spy:postgresql:...}) go to that driver as written.
 *
 * <p>Immutable. {@link #toString()} shows the URL masked, never the credentials.
 */
public final class PostgresLocation {
    private static final String MARKER = ":postgresql:";
    private static final String PGJDBC_PREFIX = "jdbc:postgresql:";
    /** The URL parameters pgjdbc reads secrets from; they become connection properties. */
    private static final Set<String> SECRET_PARAMETERS = Set.of(PGProperty.PASSWORD.getName(),
            PGProperty.SSL_PASSWORD.getName());

    private final String configuredUrl;
    private final String url;
    private final Properties credentials;
    private final String schema;

    private PostgresLocation(String configuredUrl, String url, Properties credentials, String schema) {
        this.configuredUrl = configuredUrl;
        this.url = url;
        this.credentials = credentials;
        this.schema = schema;
    }

    /**
     * Reads the location from the configuration.
     *
     * @throws InvalidInputException naming {@code opstate.url} for a URL pgjdbc cannot read or that
     *     would carry a password other than as a {@code password} parameter, or {@code opstate.schema}
     *     when it contradicts the URL's {@code currentSchema}
     */
    public static PostgresLocation of(PersistenceConfig config) {
        String configured = config.url();
        int marker = configured == null ? -1 : configured.toLowerCase(Locale.ROOT).indexOf(MARKER);
        if (marker < 0) {
            throw new InvalidInputException(PersistenceConfig.URL, "not a PostgreSQL URL: " + Urls.shown(configured)
                    + "; expected jdbc:postgresql://host:port/database");
        }
        String url = configured;
        Properties credentials = new Properties();
        String urlSchema = null;
        if (configured.regionMatches(true, 0, PGJDBC_PREFIX, 0, PGJDBC_PREFIX.length())) {
            refuseWhatPgjdbcWouldShow(configured);
            Properties properties = Driver.parseURL(configured, null);
            if (properties == null) {
                throw new InvalidInputException(PersistenceConfig.URL, "pgjdbc cannot read " + Urls.shown(configured)
                        + "; expected jdbc:postgresql://host:port/database?user=...");
            }
            for (String secret : SECRET_PARAMETERS) {
                if (properties.getProperty(secret) != null) {
                    credentials.setProperty(secret, properties.getProperty(secret));
                }
            }
            url = withoutSecrets(configured);
            if (!Urls.mask(url).equals(url)) {
                throw new InvalidInputException(PersistenceConfig.URL, Urls.shown(configured) + " holds a password"
                        + " pgjdbc would not read as one, and could show; pgjdbc reads it from password=...");
            }
            urlSchema = PGProperty.CURRENT_SCHEMA.getOrDefault(properties);
        }
        if (urlSchema != null && !urlSchema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new InvalidInputException(PersistenceConfig.URL, "currentSchema in " + Urls.shown(configured)
                    + " is not one plain schema name; set " + PersistenceConfig.SCHEMA + " instead");
        }
        String schema = config.schema().orElse(urlSchema);
        if (urlSchema != null && !urlSchema.equals(schema)) {
            throw new InvalidInputException(PersistenceConfig.SCHEMA, "'" + schema + "' contradicts currentSchema="
                    + urlSchema + " in " + Urls.shown(configured) + "; set the schema in one place");
        }
        return new PostgresLocation(configured, url, credentials, schema);
    }

    /**
     * Refuses, before pgjdbc reads the URL, what it would repeat in a message or log line: an
     * {@code @} before the parameters (user-info, which it reads as part of the host name) and a
     * port that is not a number (which it logs).
     */
    private static void refuseWhatPgjdbcWouldShow(String configured) {
        String rest = configured.substring(PGJDBC_PREFIX.length());
        int query = rest.indexOf('?');
        String beforeQuery = query < 0 ? rest : rest.substring(0, query);
        if (beforeQuery.indexOf('@') >= 0) {
            throw new InvalidInputException(PersistenceConfig.URL, "user:password@host is not read by pgjdbc, which"
                    + " takes it all for the host name, so the password would show in its errors: in "
                    + Urls.shown(configured) + " give them as parameters instead: jdbc:postgresql://host:port/database"
                    + "?user=...&password=...");
        }
        if (!beforeQuery.startsWith("//")) {
            return;
        }
        int slash = beforeQuery.indexOf('/', 2);
        String hosts = beforeQuery.substring(2, slash < 0 ? beforeQuery.length() : slash);
        for (String host : hosts.split(",", -1)) {
            int colon = host.startsWith("[") ? host.indexOf("]:") + 1 : host.lastIndexOf(':');
            if (colon > 0 && !host.substring(colon + 1).chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new InvalidInputException(PersistenceConfig.URL, "every port in " + Urls.shown(configured)
                        + " must be a number; expected jdbc:postgresql://host:port/database");
            }
        }
    }

    /** The URL without the parameters pgjdbc would read a secret from, as pgjdbc splits parameters. */
    private static String withoutSecrets(String configured) {
        int query = configured.indexOf('?');
        if (query < 0) {
            return configured;
        }
        List<String> kept = new ArrayList<>();
        for (String parameter : configured.substring(query + 1).split("&", -1)) {
            int equals = parameter.indexOf('=');
            String key = equals < 0 ? parameter : parameter.substring(0, equals);
            if (!SECRET_PARAMETERS.contains(key)) {
                kept.add(parameter);
            }
        }
        String base = configured.substring(0, query);
        return kept.isEmpty() ? base : base + "?" + String.join("&", kept);
    }

    /** The JDBC URL to connect with: the configured one without its {@link #credentials()}. */
    public String url() {
        return url;
    }

    /** The secrets the URL carried ({@code password}, {@code sslpassword}), for the driver only; a copy. */
    public Properties credentials() {
        Properties copy = new Properties();
        copy.putAll(credentials);
        return copy;
    }

    /** The schema to keep the tables in; null for the default. */
    public String schema() {
        return schema;
    }

    /** The configured URL with any password masked, and the schema: for messages and health reports. */
    public String describe() {
        return Urls.shown(configuredUrl) + (schema == null ? "" : " (schema " + schema + ")");
    }

    /** {@link #describe()}: never the credentials. */
    @Override
    public String toString() {
        return describe();
    }
}
