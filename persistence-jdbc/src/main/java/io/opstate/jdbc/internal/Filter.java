package io.opstate.jdbc.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * A {@code WHERE} clause built from optional restrictions: a restriction whose value is null
 * (or an empty collection) is left out. Values are bound as named parameters, never spliced
 * into the SQL; column names come from the repositories, never from callers. Not thread-safe.
 */
public final class Filter {
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> arguments = new LinkedHashMap<>();

    /** {@code column = value}, when value is not null. */
    public Filter equalTo(String column, Object value) {
        return value == null ? this : compare(column, "=", value);
    }

    /** {@code column >= value}, when value is not null. */
    public Filter atLeast(String column, Object value) {
        return value == null ? this : compare(column, ">=", value);
    }

    /** {@code column < value}, when value is not null. */
    public Filter before(String column, Object value) {
        return value == null ? this : compare(column, "<", value);
    }

    /** {@code column IN (values)}, when values is not empty. */
    public Filter in(String column, Collection<?> values) {
        if (values == null || values.isEmpty()) {
            return this;
        }
        StringJoiner names = new StringJoiner(", ", column + " IN (", ")");
        for (Object value : values) {
            names.add(":" + parameter(value));
        }
        conditions.add(names.toString());
        return this;
    }

    /** A condition written in SQL, with the named parameters it uses. */
    public Filter where(String condition, Map<String, ?> parameters) {
        conditions.add(condition);
        arguments.putAll(parameters);
        return this;
    }

    /** {@code " WHERE a AND b"}, or empty when there is no restriction. */
    public String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** Binds the parameters of every restriction to {@code statement}. */
    public <S extends SqlStatement<S>> S bind(S statement) {
        arguments.forEach(statement::bind);
        return statement;
    }

    private Filter compare(String column, String operator, Object value) {
        conditions.add(column + " " + operator + " :" + parameter(value));
        return this;
    }

    private String parameter(Object value) {
        String name = "f" + arguments.size();
        arguments.put(name, value);
        return name;
    }
}
