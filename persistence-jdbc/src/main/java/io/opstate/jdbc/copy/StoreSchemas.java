package io.opstate.jdbc.copy;

import io.opstate.Datastore;
import io.opstate.Health;
import io.opstate.jdbc.internal.StoreAccess;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The checks that make a copy safe to start: both stores at the same schema version, each
 * table's columns exactly those {@link CopiedTable#ALL} lists, and the target without rows.
 */
final class StoreSchemas {
    private StoreSchemas() {
    }

    /** @throws CopyRefusedException when a store is unreachable or the two are at different schema versions */
    static void requireSameVersion(Datastore source, Datastore target) {
        Health from = source.maintenance().health();
        Health to = target.maintenance().health();
        for (Health health : new Health[] {from, to}) {
            if (!health.reachable() || health.schemaVersion() == null) {
                throw new CopyRefusedException("the " + (health == from ? "source" : "target") + " store ("
                        + health.backend() + ") is unreachable or has no schema: " + health.detail());
            }
        }
        if (!from.schemaVersion().equals(to.schemaVersion())) {
            throw new CopyRefusedException("the source store is at schema version " + from.schemaVersion()
                    + " and the target at " + to.schemaVersion() + "; migrate both to the same version first");
        }
    }

    /**
     * Every table named like ours must be one the copier copies, so that no table a later
     * release adds can be left behind silently.
     *
     * @throws CopyRefusedException naming the first table the copier does not know
     */
    static void requireKnownTables(StoreAccess store, String role) {
        Set<String> known = CopiedTable.ALL.stream().map(CopiedTable::name).collect(Collectors.toSet());
        store.readSnapshot(handle -> {
            try {
                Connection connection = handle.getConnection();
                DatabaseMetaData metaData = connection.getMetaData();
                String pattern = CopiedTable.PREFIX.replace("_", metaData.getSearchStringEscape() + "_") + "%";
                try (ResultSet tables = metaData.getTables(null, connection.getSchema(), pattern, new String[] {"TABLE"})) {
                    while (tables.next()) {
                        String table = tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                        if (!known.contains(table) && !CopiedTable.notCopied(table)) {
                            throw new CopyRefusedException("table " + table + " of the " + role + " store ("
                                    + store.backendName() + ") is not one this copier knows, so the copy would leave"
                                    + " it behind; use the opstate tool of the OpState release that wrote the store."
                                    + " Nothing was copied.");
                        }
                    }
                }
            } catch (SQLException e) {
                throw new CopyRefusedException("cannot list the tables of the " + role + " store ("
                        + store.backendName() + "): " + e.getMessage() + ". Nothing was copied.");
            }
            return null;
        });
    }

    /** @throws CopyRefusedException naming the table and the columns that differ from what the copier knows */
    static void requireKnownColumns(StoreAccess store, String role) {
        store.readSnapshot(handle -> {
            for (CopiedTable table : CopiedTable.ALL) {
                Set<String> actual = handle.createQuery("SELECT * FROM " + table.name() + " WHERE 1 = 0")
                        .scanResultSet((result, context) -> columnNames(result.get().getMetaData()));
                actual.removeAll(CopiedTable.COLUMNS_KEPT_BY_EACH_STORE.getOrDefault(table.name(), Set.of()));
                Set<String> known = table.columns().stream().map(CopiedTable.Column::name)
                        .collect(Collectors.toCollection(TreeSet::new));
                if (!actual.equals(known)) {
                    throw new CopyRefusedException("table " + table.name() + " of the " + role + " store ("
                            + store.backendName() + ") has columns " + actual + " but this copier knows "
                            + known + "; use the OpState version that wrote the store");
                }
            }
            return null;
        });
    }

    /** @throws TargetNotEmptyException naming the first table, in copy order, that holds rows */
    static void requireEmpty(StoreAccess target) {
        target.readSnapshot(handle -> {
            for (CopiedTable table : CopiedTable.ALL) {
                long rows = StoreSchemas.count(handle, table.name());
                if (rows > 0) {
                    throw new TargetNotEmptyException(table.name(), rows);
                }
            }
            return null;
        });
    }

    static long count(Handle handle, String table) {
        return handle.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one();
    }

    private static Set<String> columnNames(ResultSetMetaData metaData) throws SQLException {
        Set<String> names = new TreeSet<>();
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            names.add(metaData.getColumnName(i).toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
