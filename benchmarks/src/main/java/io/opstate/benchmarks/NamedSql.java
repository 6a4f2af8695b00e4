package io.opstate.benchmarks;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL written with {@code :name} parameters, as OpState writes it, turned once into JDBC's
 * positional {@code ?} form with the positions of each name: the raw baseline runs the very
 * statements OpState runs. Immutable, thread-safe.
 */
public final class NamedSql {
    private final String jdbc;
    private final Map<String, int[]> positions;

    private NamedSql(String jdbc, Map<String, int[]> positions) {
        this.jdbc = jdbc;
        this.positions = positions;
    }

    /** Parses {@code sql}; quoted literals and PostgreSQL {@code ::} casts are left alone. */
    public static NamedSql of(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        Map<String, List<Integer>> found = new HashMap<>();
        int index = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int end = sql.indexOf('\'', i + 1);
                out.append(sql, i, end + 1);
                i = end;
            } else if (c == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
                out.append("::");
                i++;
            } else if (c == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                found.computeIfAbsent(sql.substring(i + 1, end), k -> new ArrayList<>()).add(++index);
                out.append('?');
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        Map<String, int[]> positions = new HashMap<>();
        found.forEach((name, list) -> positions.put(name, list.stream().mapToInt(Integer::intValue).toArray()));
        return new NamedSql(out.toString(), positions);
    }

    /** The statement in JDBC form. */
    public String jdbc() {
        return jdbc;
    }

    /** Whether the statement has parameter {@code name}. */
    public boolean has(String name) {
        return positions.containsKey(name);
    }

    /** The 1-based positions of parameter {@code name}. */
    public int[] at(String name) {
        int[] at = positions.get(name);
        if (at == null) {
            throw new IllegalArgumentException("no parameter :" + name + " in " + jdbc);
        }
        return at;
    }

    public void setString(PreparedStatement statement, String name, String value) throws SQLException {
        for (int i : at(name)) {
            statement.setString(i, value);
        }
    }

    public void setLong(PreparedStatement statement, String name, long value) throws SQLException {
        for (int i : at(name)) {
            statement.setLong(i, value);
        }
    }

    public void setObject(PreparedStatement statement, String name, Object value, int sqlType) throws SQLException {
        for (int i : at(name)) {
            if (value == null) {
                statement.setNull(i, sqlType);
            } else {
                statement.setObject(i, value, sqlType);
            }
        }
    }
}
