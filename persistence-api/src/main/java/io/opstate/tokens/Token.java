package io.opstate.tokens;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An API token as stored, without its secret: the secret is shown once, by
 * {@link TokenRepository#create}, and the store keeps only a keyed hash of it, which no method
 * returns. Safe to print and log.
 *
 * @param id the token's id, part of its secret; generated (UUIDv7)
 * @param name what the host calls it, 1..200 characters
 * @param scopes what the token allows, as the host defines them; possibly empty
 * @param createdAt when it was created
 * @param expiresAt after this instant it no longer verifies; null: never expires
 * @param lastUsedAt when it last verified, moved at most once per
 *     {@link io.opstate.Settings#TOKEN_LAST_USED_INTERVAL}; null: never used
 * @param revokedAt when it was revoked; null: not revoked
 */
public record Token(String id, String name, Set<String> scopes, Instant createdAt, Instant expiresAt,
                    Instant lastUsedAt, Instant revokedAt) {
    public Token {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether the token verifies at {@code now}: not revoked and not expired. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** This token, last used at {@code usedAt}. */
    public Token usedAt(Instant usedAt) {
        return new Token(id, name, scopes, createdAt, expiresAt, usedAt, revokedAt);
    }
}
