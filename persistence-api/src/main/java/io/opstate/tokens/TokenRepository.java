package io.opstate.tokens;

import io.opstate.Page;
import io.opstate.PageRequest;
import java.util.Optional;

/**
 * API tokens: created with a secret shown once, verified by that secret on every request,
 * revoked, listed. The store keeps an HMAC-SHA256 of the secret under the configured pepper
 * ({@link io.opstate.Settings#TOKEN_PEPPER}; SHA-256 when none), never the secret, and no method
 * returns either. Thread-safe.
 */
public interface TokenRepository {
    /**
     * Creates a token with a new id and a new secret of 256 bits from {@link java.security.SecureRandom}.
     *
     * @return the token and its secret, which cannot be had again
     */
    CreatedToken create(NewToken token);

    /**
     * The token {@code secret} belongs to, if it verifies now: known, not revoked, not expired.
     * Unknown, malformed, revoked and expired secrets all give the same empty answer. The hash is
     * compared in constant time. A verification moves the token's {@code lastUsedAt} when it is
     * older than {@link io.opstate.Settings#TOKEN_LAST_USED_INTERVAL}, so most verifications write
     * nothing; the token returned carries the time written.
     */
    Optional<Token> verify(String secret);

    /** The token with this id, revoked and expired ones included; empty when there is none. */
    Optional<Token> find(String id);

    /** Like {@link #find}; {@link io.opstate.NotFoundException} when there is none. */
    Token get(String id);

    /**
     * Revokes the token: it no longer verifies, and stays listed with its {@code revokedAt}.
     *
     * @return whether this call revoked it; false when it was unknown or already revoked
     */
    boolean revoke(String id);

    /** Every token, revoked and expired ones included, newest first unless the page says otherwise. */
    Page<Token> list(PageRequest page);
}
