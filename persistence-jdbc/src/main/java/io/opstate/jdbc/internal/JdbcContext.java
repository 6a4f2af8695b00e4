package io.opstate.jdbc.internal;

import io.opstate.core.Times;
import io.opstate.jdbc.SqlDialect;
import java.time.Clock;
import java.time.Instant;

/**
 * What every repository of one store shares: where statements run, the dialect's answers and
 * the clock that stamps times.
 */
public record JdbcContext(Database database, SqlDialect dialect, Clock clock) {
    /** The clock's instant, truncated to microseconds as every backend stores it. */
    public Instant now() {
        return Times.now(clock);
    }

    /** The expression storing JSON parameter {@code name}; see {@link SqlDialect#jsonParameter}. */
    public String json(String name) {
        return dialect.jsonParameter(name);
    }
}
