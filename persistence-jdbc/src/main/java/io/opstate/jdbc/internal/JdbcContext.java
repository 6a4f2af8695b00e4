package io.opstate.jdbc.internal;

import io.opstate.jdbc.SqlDialect;

/**
 * What every repository of one store shares: where statements run, the dialect's answers and
 * whose clock stamps times.
 */
public record JdbcContext(Database database, SqlDialect dialect, StoreTime time) {
    /** The time of one operation; see {@link StoreTime#stamp()}. */
    public StoreTime.Stamp now() {
        return time.stamp();
    }

    /** The expression storing JSON parameter {@code name}; see {@link SqlDialect#jsonParameter}. */
    public String json(String name) {
        return dialect.jsonParameter(name);
    }
}
