package io.opstate.core.tokens;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.tokens.NewToken;
import io.opstate.tokens.Token;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a backend keeps tokens: rows of a token and the hash of its secret. Knows nothing of
 * secrets; {@link SecretTokenRepository} hashes and compares. Input is already checked.
 * Thread-safe.
 */
public interface TokenRows {
    /** Stores a new token under {@code id} with {@code hash}, created now; returns it. */
    Token insert(String id, NewToken token, String hash);

    /** The token with this id, its hash and the store's current time, read together; empty when there is none. */
    Optional<StoredToken> lookup(String id);

    /**
     * Sets the token's last-used time to {@code usedAt} if it is null or before {@code olderThan},
     * in one conditional statement, so that of concurrent verifications at most one writes.
     *
     * @return whether a row changed
     */
    boolean touch(String id, Instant usedAt, Instant olderThan);

    /** The token with this id, without its hash. */
    Optional<Token> find(String id);

    /** Stamps the token revoked now if it is not yet; whether it changed. */
    boolean revoke(String id);

    /** Every token, in the page's order of (created, id). */
    Page<Token> list(PageRequest page);
}
