package io.opstate.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers whether a database object of a given name already exists where a store keeps its
 * tables, so that {@link SchemaMigrator} can refuse a migration that would collide with a
 * host's own object before it writes anything. Backends pass one that sees every kind of
 * object their database keeps in one name space (tables, indexes, sequences, views).
 */
@FunctionalInterface
public interface SchemaObjects {
    /**
     * Tables and views as JDBC metadata reports them: right for any database, but blind to the
     * indexes and sequences that share the name space on some (a backend should do better).
     */
    SchemaObjects TABLES_FROM_METADATA = (connection, schema, name) -> {
        try (ResultSet tables = connection.getMetaData().getTables(null, schema, name, null)) {
            return tables.next()
                    ? Optional.of(tables.getString("TABLE_TYPE").toLowerCase(Locale.ROOT))
                    : Optional.empty();
        }
    };

    /**
     * The kind of the object called {@code name} (for example {@code table} or {@code index}),
     * or empty when there is none.
     *
     * @param schema the schema the store lives in, or null for the connection's default
     */
    Optional<String> kindOf(Connection connection, String schema, String name) throws SQLException;
}
