package io.opstate.core.tokens;

import io.opstate.tokens.Token;
import java.time.Instant;
import java.util.Objects;

/**
 * A token as a backend stores it, with the hash of its secret, and the store's time when it was
 * read. Never leaves the library: {@link #toString()} leaves the hash out all the same.
 *
 * @param token the token
 * @param hash the hex HMAC-SHA256 (or SHA-256) of its secret
 * @param now the store's current time, read with the row
 */
public record StoredToken(Token token, String hash, Instant now) {
    public StoredToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(now, "now");
    }

    @Override
    public String toString() {
        return "StoredToken[token=" + token + ", hash=****, now=" + now + "]";
    }
}
