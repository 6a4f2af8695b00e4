package io.opstate.tokens;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An API token with the hash of its secret, as a store keeps it: what an archive carries and
 * {@link io.opstate.imports.RecordImport#importTokens} writes, so that a token moved to another
 * store verifies there with its original secret. The hash is only of use to a store hashing with
 * the same pepper ({@link io.opstate.Settings#TOKEN_PEPPER}); it is not the secret, and no
 * {@link TokenRepository} method returns it. {@link #toString()} leaves it out.
 *
 * @param id the token's id, which its secret names
 * @param name what the host calls it
 * @param scopes what it allows; null is refused by an import
 * @param createdAt when it was created
 * @param expiresAt when it stops verifying; null: never
 * @param lastUsedAt when it last verified; null: never used
 * @param revokedAt when it was revoked; null: not revoked
 * @param secretHash the lower-case hex HMAC-SHA256 of the secret under the pepper (SHA-256 without
 *     one): 64 characters
 */
public record HashedToken(String id, String name, Set<String> scopes, Instant createdAt, Instant expiresAt,
                          Instant lastUsedAt, Instant revokedAt, String secretHash) {
    public HashedToken {
        scopes = scopes == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
    }

    /** {@code token} with the hash of its secret. */
    public static HashedToken of(Token token, String secretHash) {
        return new HashedToken(token.id(), token.name(), token.scopes(), token.createdAt(), token.expiresAt(),
                token.lastUsedAt(), token.revokedAt(), secretHash);
    }

    /** The token without its hash. */
    public Token token() {
        return new Token(id, name, scopes, createdAt, expiresAt, lastUsedAt, revokedAt);
    }

    /** The token, with the hash masked. */
    @Override
    public String toString() {
        return "HashedToken[id=" + id + ", name=" + name + ", scopes=" + scopes + ", createdAt=" + createdAt
                + ", expiresAt=" + expiresAt + ", lastUsedAt=" + lastUsedAt + ", revokedAt=" + revokedAt
                + ", secretHash=****]";
    }
}
