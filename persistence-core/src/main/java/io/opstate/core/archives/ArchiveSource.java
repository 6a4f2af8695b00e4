package io.opstate.core.archives;

import io.opstate.core.tokens.StoredToken;
import io.opstate.core.tokens.TokenRows;
import io.opstate.core.tokens.TokenSecrets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What an export needs of a store beyond its public API, offered by a backend through
 * {@link io.opstate.Datastore#unwrap}: the owners of its preferences (the API lists one owner's
 * at a time), the hashes of its tokens' secrets (which no API method returns), and its pepper's
 * fingerprint. A store that does not offer it cannot export preferences of owners or tokens.
 * Thread-safe.
 */
public final class ArchiveSource {
    private final Supplier<List<String>> preferenceOwners;
    private final TokenRows tokens;
    private final TokenSecrets secrets;

    /**
     * @param preferenceOwners every owner that has a preference, null for preferences of no one
     * @param tokens the store's token rows
     * @param secrets how the store hashes secrets
     */
    public ArchiveSource(Supplier<List<String>> preferenceOwners, TokenRows tokens, TokenSecrets secrets) {
        this.preferenceOwners = Objects.requireNonNull(preferenceOwners, "preferenceOwners");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /** Every owner with a preference, in no particular order; null stands for no one. */
    List<String> preferenceOwners() {
        return preferenceOwners.get();
    }

    /** The hash of the secret of the token {@code id}; empty when there is no such token. */
    Optional<String> tokenHash(String id) {
        return tokens.lookup(id).map(StoredToken::hash);
    }

    /** The store's pepper fingerprint ({@link TokenSecrets#pepperFingerprint}); empty without a pepper. */
    Optional<String> pepperFingerprint() {
        return secrets.pepperFingerprint();
    }
}
