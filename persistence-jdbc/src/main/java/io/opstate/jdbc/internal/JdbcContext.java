package io.opstate.jdbc.internal;

import io.opstate.jdbc.SqlDialect;

/**
 * What every repository of one store shares: where statements run, the dialect's answers and
 * whose clock stamps times.
 */
public record JdbcContext(Database database, SqlDialect dialect, StoreTime time, PlainJdbc jdbc) {
    /** The time of one operation; see {@link StoreTime#stamp()}. */
    public StoreTime.Stamp now() {
        return time.stamp();
    }

    /** {@code sql} compiled for {@link #jdbc()}, with this store's times. */
    public CompiledSql compile(String sql) {
        return CompiledSql.of(sql, time);
    }

    /** The expression storing JSON parameter {@code name}; see {@link SqlDialect#jsonParameter}. */
    public String json(String name) {
        return dialect.jsonParameter(name);
    }
}
