package io.opstate.jdbc.internal.tokens;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.core.tokens.StoredToken;
import io.opstate.core.tokens.TokenRows;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.Filter;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.Keyset;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.tokens.NewToken;
import io.opstate.tokens.Token;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The shared SQL rows of API tokens. Thread-safe. */
public final class JdbcTokenRows implements TokenRows {
    private static final String SELECT = "SELECT " + TokenMapper.COLUMNS + " FROM opstate_tokens";
    private static final Keyset<Token> KEYSET = new Keyset<>("created_at", "id", false, Token::createdAt, Token::id);
    private static final String LOOKUP = "SELECT " + TokenMapper.COLUMNS + ", secret_hash FROM opstate_tokens"
            + " WHERE id = :id";
    private static final String INSERT = "INSERT INTO opstate_tokens (" + TokenMapper.COLUMNS + ", secret_hash)"
            + " VALUES (:id, :name, :scopes, <now>, :expiresAt, NULL, NULL, :hash) RETURNING " + TokenMapper.COLUMNS;
    // The condition makes concurrent verifications of one token write at most once per interval.
    private static final String TOUCH = "UPDATE opstate_tokens SET last_used_at = :usedAt"
            + " WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :olderThan)";
    private static final String REVOKE = "UPDATE opstate_tokens SET revoked_at = <now>"
            + " WHERE id = :id AND revoked_at IS NULL";

    private final JdbcContext context;
    private final TokenMapper mapper;

    public JdbcTokenRows(JdbcContext context) {
        this.context = context;
        this.mapper = new TokenMapper(context.dialect());
    }

    @Override
    public Token insert(String id, NewToken token, String hash) {
        StoreTime.Stamp now = context.now();
        return context.database().write(ErrorContext.of("token", id), handle -> now.bind(handle.createQuery(INSERT))
                .bind("id", id)
                .bind("name", token.name())
                .bind("scopes", TokenMapper.joined(token.scopes()))
                .bind("expiresAt", token.expiresAt())
                .bind("hash", hash)
                .map(mapper)
                .one());
    }

    @Override
    public Optional<StoredToken> lookup(String id) {
        return context.database().read(ErrorContext.NONE, handle -> handle.createQuery(LOOKUP)
                .bind("id", id)
                .map((row, statement) -> new HashedToken(mapper.map(row, statement), row.getString("secret_hash")))
                .findOne()
                .map(found -> new StoredToken(found.token(), found.hash(), context.time().read(handle))));
    }

    /** A row read with its hash, before the store's time is added. */
    private record HashedToken(Token token, String hash) {
        @Override
        public String toString() {
            return "HashedToken[token=" + token + ", hash=****]";
        }
    }

    @Override
    public boolean touch(String id, Instant usedAt, Instant olderThan) {
        return context.database().write(ErrorContext.of("token", id), handle -> handle.createUpdate(TOUCH)
                .bind("id", id)
                .bind("usedAt", usedAt)
                .bind("olderThan", olderThan)
                .execute()) > 0;
    }

    @Override
    public Optional<Token> find(String id) {
        return context.database().read(ErrorContext.NONE, handle -> find(handle, id));
    }

    @Override
    public boolean revoke(String id) {
        StoreTime.Stamp now = context.now();
        return context.database().write(ErrorContext.of("token", id),
                handle -> now.bind(handle.createUpdate(REVOKE)).bind("id", id).execute()) > 0;
    }

    @Override
    public Page<Token> list(PageRequest page) {
        return context.database().readPlain(ErrorContext.NONE,
                connection -> KEYSET.page(context, connection, SELECT, new Filter(), page, mapper));
    }

    private Optional<Token> find(Handle handle, String id) {
        return handle.createQuery(SELECT + " WHERE id = :id").bind("id", id).map(mapper).findOne();
    }
}
