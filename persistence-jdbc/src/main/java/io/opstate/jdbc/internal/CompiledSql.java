package io.opstate.jdbc.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A statement of a hot path, compiled once for {@link PlainJdbc}: the time attributes
 * {@code <now>} and {@code <leaseUntil>} filled in for the store's time source, and every
 * {@code :name} parameter turned into JDBC's {@code ?}, remembering its positions. Text inside
 * single quotes is left alone, and so is PostgreSQL's {@code ::} cast. Immutable, thread-safe.
 */
public final class CompiledSql {
    private final String jdbc;
    private final Map<String, int[]> positions;
    private final int parameters;

    private CompiledSql(String jdbc, Map<String, int[]> positions, int parameters) {
        this.jdbc = jdbc;
        this.positions = positions;
        this.parameters = parameters;
    }

    /** Compiles {@code sql}, written with {@code :name} parameters and the time attributes. */
    public static CompiledSql of(String sql, StoreTime time) {
        String rendered = time.render(sql);
        StringBuilder out = new StringBuilder(rendered.length());
        Map<String, List<Integer>> found = new HashMap<>();
        int position = 0;
        boolean quoted = false;
        for (int i = 0; i < rendered.length(); i++) {
            char c = rendered.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == ':' && i + 1 < rendered.length() && rendered.charAt(i + 1) == ':') {
                out.append("::");
                i++;
                continue;
            } else if (!quoted && c == ':' && i + 1 < rendered.length()
                    && Character.isJavaIdentifierStart(rendered.charAt(i + 1))) {
                int end = i + 1;
                while (end < rendered.length() && Character.isJavaIdentifierPart(rendered.charAt(end))) {
                    end++;
                }
                found.computeIfAbsent(rendered.substring(i + 1, end), name -> new ArrayList<>()).add(++position);
                out.append('?');
                i = end - 1;
                continue;
            }
            out.append(c);
        }
        Map<String, int[]> positions = new HashMap<>();
        found.forEach((name, list) -> positions.put(name, list.stream().mapToInt(Integer::intValue).toArray()));
        return new CompiledSql(out.toString(), Map.copyOf(positions), position);
    }

    /** The SQL as prepared, with {@code ?} placeholders. */
    public String jdbc() {
        return jdbc;
    }

    /** How many {@code ?} placeholders the statement has. */
    public int parameters() {
        return parameters;
    }

    /** Whether the statement takes parameter {@code name}. */
    public boolean has(String name) {
        return positions.containsKey(name);
    }

    /**
     * The 1-based positions of parameter {@code name}.
     *
     * @throws IllegalArgumentException naming the parameter when the statement has none of that name
     */
    int[] positions(String name) {
        int[] at = positions.get(name);
        if (at == null) {
            throw new IllegalArgumentException("bug: no parameter :" + name + " in " + jdbc);
        }
        return at;
    }

    @Override
    public String toString() {
        return jdbc;
    }
}
