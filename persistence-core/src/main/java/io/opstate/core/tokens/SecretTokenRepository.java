package io.opstate.core.tokens;

import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.core.Ids;
import io.opstate.tokens.CreatedToken;
import io.opstate.tokens.NewToken;
import io.opstate.tokens.Token;
import io.opstate.tokens.TokenRepository;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TokenRepository} over a backend's {@link TokenRows}, shared by every backend: secrets
 * are made, hashed and compared here, once. Verification looks the row up by the id the secret
 * names (the primary key), then compares the hash of the whole secret with the stored one in
 * constant time. Unknown and malformed secrets are compared with a dummy hash, so every
 * well-formed secret costs one hash and one comparison; what timing can tell is only whether a
 * row with that id exists, and ids are not secret. Thread-safe.
 */
public final class SecretTokenRepository implements TokenRepository {
    private final TokenRows rows;
    private final TokenSecrets secrets;
    private final Duration lastUsedInterval;
    private final String dummyHash;

    /**
     * @param lastUsedInterval a verification writes the last-used time only when it is older than this
     */
    public SecretTokenRepository(TokenRows rows, TokenSecrets secrets, Duration lastUsedInterval) {
        this.rows = Objects.requireNonNull(rows, "rows");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.lastUsedInterval = Objects.requireNonNull(lastUsedInterval, "lastUsedInterval");
        this.dummyHash = secrets.hash("no token has this secret");
    }

    @Override
    public CreatedToken create(NewToken token) {
        String id = Ids.newId();
        String secret = secrets.newSecret(id);
        return new CreatedToken(rows.insert(id, token, secrets.hash(secret)), secret);
    }

    @Override
    public Optional<Token> verify(String secret) {
        Optional<String> id = TokenSecrets.idOf(secret);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<StoredToken> stored = rows.lookup(id.get());
        boolean matches = TokenSecrets.sameHash(stored.map(StoredToken::hash).orElse(dummyHash), secrets.hash(secret));
        if (!matches || stored.isEmpty() || !stored.get().token().activeAt(stored.get().now())) {
            return Optional.empty();
        }
        Token token = stored.get().token();
        var now = stored.get().now();
        if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(now.minus(lastUsedInterval))) {
            if (rows.touch(token.id(), now, now.minus(lastUsedInterval))) {
                return Optional.of(token.usedAt(now));
            }
        }
        return Optional.of(token);
    }

    @Override
    public Optional<Token> find(String id) {
        return rows.find(id);
    }

    @Override
    public Token get(String id) {
        return rows.find(id).orElseThrow(() -> new NotFoundException("token", id));
    }

    @Override
    public boolean revoke(String id) {
        return rows.revoke(id);
    }

    @Override
    public Page<Token> list(PageRequest page) {
        return rows.list(page);
    }
}
