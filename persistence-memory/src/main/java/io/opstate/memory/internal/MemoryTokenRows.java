package io.opstate.memory.internal;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.core.tokens.StoredToken;
import io.opstate.core.tokens.TokenRows;
import io.opstate.tokens.NewToken;
import io.opstate.tokens.Token;
import java.time.Instant;
import java.util.Optional;

/** {@link TokenRows} on a {@link MemoryStore}. Thread-safe; each method is atomic. */
final class MemoryTokenRows implements TokenRows {
    private final Session session;

    MemoryTokenRows(Session session) {
        this.session = session;
    }

    /** A token with the hash of its secret, as the store keeps it; never printed with the hash. */
    record Row(Token token, String hash) {
        String id() {
            return token.id();
        }

        @Override
        public String toString() {
            return "Row[token=" + token + ", hash=****]";
        }
    }

    @Override
    public Token insert(String id, NewToken token, String hash) {
        return session.write(store -> store.tokens.insert(new Row(new Token(id, token.name(), token.scopes(),
                session.now(), token.expiresAt(), null, null), hash)).token());
    }

    @Override
    public Optional<StoredToken> lookup(String id) {
        return session.read(store -> Optional.ofNullable(store.tokens.find(id))
                .map(row -> new StoredToken(row.token(), row.hash(), session.now())));
    }

    @Override
    public boolean touch(String id, Instant usedAt, Instant olderThan) {
        return session.write(store -> {
            Row row = store.tokens.find(id);
            if (row == null || (row.token().lastUsedAt() != null && !row.token().lastUsedAt().isBefore(olderThan))) {
                return false;
            }
            store.tokens.update(new Row(row.token().usedAt(usedAt), row.hash()));
            return true;
        });
    }

    @Override
    public Optional<Token> find(String id) {
        return session.read(store -> Optional.ofNullable(store.tokens.find(id)).map(Row::token));
    }

    @Override
    public boolean revoke(String id) {
        return session.write(store -> {
            Row row = store.tokens.find(id);
            if (row == null || row.token().revokedAt() != null) {
                return false;
            }
            Token token = row.token();
            store.tokens.update(new Row(new Token(token.id(), token.name(), token.scopes(), token.createdAt(),
                    token.expiresAt(), token.lastUsedAt(), session.now()), row.hash()));
            return true;
        });
    }

    @Override
    public Page<Token> list(PageRequest page) {
        return session.read(store -> {
            Page<Row> rows = Pager.page(store.tokensByCreation, row -> true, page);
            return new Page<>(rows.items().stream().map(Row::token).toList(), rows.nextCursor());
        });
    }
}
