package io.opstate.postgres.internal;

import io.opstate.InvalidInputException;
import io.opstate.PersistenceConfig;
import io.opstate.spi.Urls;
import java.util.Locale;
import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * Where a PostgreSQL store lives: the JDBC URL and the schema its tables are in. The schema is
 * {@link PersistenceConfig#schema()}, else the URL's {@code currentSchema}, else null: the
 * connection's default (normally {@code public}).
 *
 * @param url the JDBC URL as configured
 * @param schema the schema to keep the tables in; null for the default
 */
public record PostgresLocation(String url, String schema) {
    private static final String MARKER = ":postgresql:";

    /**
     * Reads the location from the configuration.
     *
     * @throws InvalidInputException naming {@code opstate.url} for a URL pgjdbc cannot read, or
     *     {@code opstate.schema} when it contradicts the URL's {@code currentSchema}
     */
    public static PostgresLocation of(PersistenceConfig config) {
        String url = config.url();
        int marker = url == null ? -1 : url.toLowerCase(Locale.ROOT).indexOf(MARKER);
        if (marker < 0) {
            throw new InvalidInputException(PersistenceConfig.URL, "not a PostgreSQL URL: " + Urls.mask(url)
                    + "; expected jdbc:postgresql://host:port/database");
        }
        String urlSchema = null;
        if (marker == "jdbc".length()) {
            Properties properties = Driver.parseURL(url, null);
            if (properties == null) {
                throw new InvalidInputException(PersistenceConfig.URL, "pgjdbc cannot read " + Urls.mask(url)
                        + "; expected jdbc:postgresql://host:port/database?user=...");
            }
            urlSchema = PGProperty.CURRENT_SCHEMA.getOrDefault(properties);
        }
        if (urlSchema != null && !urlSchema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new InvalidInputException(PersistenceConfig.URL, "currentSchema=" + urlSchema + " in "
                    + Urls.mask(url) + " is not one plain schema name; set " + PersistenceConfig.SCHEMA + " instead");
        }
        String schema = config.schema().orElse(urlSchema);
        if (urlSchema != null && !urlSchema.equals(schema)) {
            throw new InvalidInputException(PersistenceConfig.SCHEMA, "'" + schema + "' contradicts currentSchema="
                    + urlSchema + " in " + Urls.mask(url) + "; set the schema in one place");
        }
        return new PostgresLocation(url, schema);
    }

    /** The URL with any password masked, and the schema: for messages and health reports. */
    public String describe() {
        return Urls.mask(url) + (schema == null ? "" : " (schema " + schema + ")");
    }
}
