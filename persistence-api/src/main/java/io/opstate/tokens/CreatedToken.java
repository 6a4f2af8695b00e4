package io.opstate.tokens;

import java.util.Objects;

/**
 * A token just created, with its secret: the only time the secret is available. Hand it to the
 * token's holder and forget it; {@link #toString()} leaves it out so that logging this record
 * does not leak it.
 *
 * @param token the stored token
 * @param secret what its holder presents to {@link TokenRepository#verify}, of the form
 *     {@code ost_<id>_<43 characters of base64url>} (256 random bits)
 */
public record CreatedToken(Token token, String secret) {
    public CreatedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(secret, "secret");
    }

    /** The token, with the secret masked. */
    @Override
    public String toString() {
        return "CreatedToken[token=" + token + ", secret=****]";
    }
}
