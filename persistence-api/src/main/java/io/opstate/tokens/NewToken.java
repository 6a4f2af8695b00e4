package io.opstate.tokens;

import java.time.Instant;
import java.util.Set;

/**
 * What {@link TokenRepository#create} needs. Checked when created: the name 1..200 characters
 * without control characters, at most 100 scopes of the same kind, an expiry (if any) in year
 * 1..9999.
 *
 * @param name what the host calls the token
 * @param scopes what it allows; null means none
 * @param expiresAt when it stops verifying; null: never
 */
public record NewToken(String name, Set<String> scopes, Instant expiresAt) {
    /** A token named {@code name} allowing {@code scopes}, never expiring. */
    public static NewToken of(String name, Set<String> scopes) {
        return new NewToken(name, scopes, null);
    }

    /** This token, expiring at {@code expiresAt} (null: never). */
    public NewToken withExpiresAt(Instant expiresAt) {
        return new NewToken(name, scopes, expiresAt);
    }
}
