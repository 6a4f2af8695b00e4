package io.opstate.jdbc.internal;

import io.opstate.jdbc.SqlDialect;
import java.time.Instant;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/** Binds every {@link Instant} parameter the way the dialect stores times. */
public final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
    private final SqlDialect dialect;

    public InstantArgumentFactory(SqlDialect dialect) {
        super(dialect.timeSqlType());
        this.dialect = dialect;
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
        return (position, statement, context) -> dialect.setTime(statement, position, value);
    }
}
