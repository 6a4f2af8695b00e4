package io.opstate.jdbc.internal.tokens;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.core.tokens.StoredToken;
import io.opstate.core.tokens.TokenRows;
import io.opstate.jdbc.internal.CompiledSql;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.Filter;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.Keyset;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.tokens.NewToken;
import io.opstate.tokens.HashedToken;
import io.opstate.tokens.Token;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.Update;
import org.jdbi.v3.core.Handle;

/** The shared SQL rows of API tokens. Thread-safe. */
public final class JdbcTokenRows implements TokenRows {
    private static final String SELECT = "SELECT " + TokenMapper.COLUMNS + " FROM opstate_tokens";
    private static final Keyset<Token> KEYSET = new Keyset<>("created_at", "id", false, Token::createdAt, Token::id);
    private static final String LOOKUP = "SELECT " + TokenMapper.COLUMNS + ", secret_hash, <now> AS now"
            + " FROM opstate_tokens WHERE id = :id";
    private static final String INSERT = "INSERT INTO opstate_tokens (" + TokenMapper.COLUMNS + ", secret_hash)"
            + " VALUES (:id, :name, :scopes, <now>, :expiresAt, NULL, NULL, :hash) RETURNING " + TokenMapper.COLUMNS;
    // The condition makes concurrent verifications of one token write at most once per interval.
    private static final String TOUCH = "UPDATE opstate_tokens SET last_used_at = :usedAt"
            + " WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :olderThan)";
    private static final String REVOKE = "UPDATE opstate_tokens SET revoked_at = <now>"
            + " WHERE id = :id AND revoked_at IS NULL";

    private static final String IMPORT = "INSERT INTO opstate_tokens (" + TokenMapper.COLUMNS + ", secret_hash)"
            + " VALUES (:id, :name, :scopes, :createdAt, :expiresAt, :lastUsedAt, :revokedAt, :hash)";
    private static final String REPLACE = "UPDATE opstate_tokens SET name = :name, scopes = :scopes,"
            + " created_at = :createdAt, expires_at = :expiresAt, last_used_at = :lastUsedAt, revoked_at = :revokedAt,"
            + " secret_hash = :hash WHERE id = :id";

    private final JdbcContext context;
    private final TokenMapper mapper;
    private final CompiledSql lookup;
    private final CompiledSql touch;

    public JdbcTokenRows(JdbcContext context) {
        this.context = context;
        this.mapper = new TokenMapper(context.dialect());
        this.lookup = context.compile(LOOKUP);
        this.touch = context.compile(TOUCH);
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

    /**
     * One statement on a plain connection, the store's time read with the row: this is the
     * per-request path, kept free of Jdbi's per-statement cost.
     */
    @Override
    public Optional<StoredToken> lookup(String id) {
        StoreTime.Stamp now = context.now();
        return context.database().readPlain(ErrorContext.NONE, connection -> context.jdbc().queryAtMostOne(
                connection, lookup, params -> now.bind(params.text("id", id)),
                (row, statement) -> new StoredToken(mapper.map(row, statement), row.getString("secret_hash"),
                        context.dialect().getTime(row, "now"))));
    }

    @Override
    public boolean touch(String id, Instant usedAt, Instant olderThan) {
        return context.database().writePlain(ErrorContext.of("token", id), connection -> context.jdbc().update(
                connection, touch, params -> params.text("id", id).time("usedAt", usedAt)
                        .time("olderThan", olderThan))) > 0;
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

    /**
     * Writes tokens with their hashes as they were ({@link io.opstate.imports.RecordImport#importTokens})
     * in one write: all of them, or none. Records arrive checked and normalised.
     */
    public List<Token> importAll(List<HashedToken> batch) {
        return context.database().write(ErrorContext.NONE, handle -> {
            for (HashedToken token : batch) {
                if (find(handle, token.id()).isPresent()) {
                    throw new DuplicateKeyException("token", token.id());
                }
                bind(handle.createUpdate(IMPORT), token).execute();
            }
            return batch.stream().map(HashedToken::token).toList();
        });
    }

    /** Writes tokens over the stored ones with the same ids, hashes included ({@link io.opstate.imports.RecordImport#replaceTokens}). */
    public List<Token> replaceAll(List<HashedToken> batch) {
        return context.database().write(ErrorContext.NONE, handle -> {
            for (HashedToken token : batch) {
                if (bind(handle.createUpdate(REPLACE), token).execute() == 0) {
                    throw new NotFoundException("token", token.id());
                }
            }
            return batch.stream().map(HashedToken::token).toList();
        });
    }

    private static Update bind(Update update, HashedToken token) {
        return update.bind("id", token.id())
                .bind("name", token.name())
                .bind("scopes", TokenMapper.joined(token.scopes()))
                .bind("createdAt", token.createdAt())
                .bindByType("expiresAt", token.expiresAt(), Instant.class)
                .bindByType("lastUsedAt", token.lastUsedAt(), Instant.class)
                .bindByType("revokedAt", token.revokedAt(), Instant.class)
                .bind("hash", token.secretHash());
    }

    private Optional<Token> find(Handle handle, String id) {
        return handle.createQuery(SELECT + " WHERE id = :id").bind("id", id).map(mapper).findOne();
    }
}
