package io.opstate.jdbc.internal.tokens;

import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.ColumnReader;
import io.opstate.tokens.Token;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@link Token} from a row of the tokens table; the hash column is never read here. */
final class TokenMapper implements RowMapper<Token> {
    static final String COLUMNS = "id, name, scopes, created_at, expires_at, last_used_at, revoked_at";

    private final ColumnReader columns;

    TokenMapper(SqlDialect dialect) {
        this.columns = new ColumnReader(dialect, "opstate_tokens", "id");
    }

    /** Scopes are stored sorted and joined by single spaces (a scope holds no whitespace). */
    static String joined(Set<String> scopes) {
        return scopes.stream().sorted().collect(Collectors.joining(" "));
    }

    @Override
    public Token map(ResultSet row, StatementContext context) throws SQLException {
        String scopes = row.getString("scopes");
        return new Token(
                row.getString("id"),
                row.getString("name"),
                scopes.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(scopes.split(" "))),
                columns.time(row, "created_at"),
                columns.time(row, "expires_at"),
                columns.time(row, "last_used_at"),
                columns.time(row, "revoked_at"));
    }
}
