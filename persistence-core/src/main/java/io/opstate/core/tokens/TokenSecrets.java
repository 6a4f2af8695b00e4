package io.opstate.core.tokens;

import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes, parses and hashes token secrets. A secret is {@code ost_<id>_<random>}: the token's id
 * (36 characters), then 256 bits from {@link SecureRandom} in base64url (43 characters). The
 * hash is HMAC-SHA256 keyed with the pepper, or SHA-256 without one: the secrets are random and
 * long, so a slow password hash would add nothing but latency. Thread-safe.
 */
public final class TokenSecrets {
    static final String PREFIX = "ost_";
    private static final int ID_LENGTH = 36;
    private static final int RANDOM_BYTES = 32;
    private static final int RANDOM_LENGTH = 43;
    static final int SECRET_LENGTH = PREFIX.length() + ID_LENGTH + 1 + RANDOM_LENGTH;
    private static final String HMAC = "HmacSHA256";
    /** What {@link #pepperFingerprint} hashes; changing it would make every archive's fingerprint differ. */
    private static final String FINGERPRINT_LABEL = "opstate token pepper fingerprint v1";

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec pepper;

    private TokenSecrets(String pepper) {
        this.pepper = pepper == null ? null : new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    /** Secrets hashed with {@link Settings#TOKEN_PEPPER} as configured. */
    public static TokenSecrets from(PersistenceConfig config) {
        return new TokenSecrets(config.get(Settings.TOKEN_PEPPER).orElse(null));
    }

    /** Secrets hashed with {@code pepper}; null: unkeyed SHA-256. */
    public static TokenSecrets withPepper(String pepper) {
        return new TokenSecrets(pepper);
    }

    /** A new secret for the token {@code id}. */
    String newSecret(String id) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The id a well-formed secret names; empty for anything else. Looks only at the format, which is public. */
    static Optional<String> idOf(String secret) {
        if (secret.length() != SECRET_LENGTH || !secret.startsWith(PREFIX)
                || secret.charAt(PREFIX.length() + ID_LENGTH) != '_') {
            return Optional.empty();
        }
        return Optional.of(secret.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH));
    }

    /** The lower-case hex hash of {@code secret}: 64 characters whatever the secret. */
    public String hash(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        try {
            if (pepper == null) {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            }
            Mac mac = Mac.getInstance(HMAC);
            mac.init(pepper);
            return HexFormat.of().formatHex(mac.doFinal(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + HMAC + " or SHA-256", e);
        }
    }

    /**
     * A one-way fingerprint of the pepper: the hex HMAC-SHA256 of a fixed label keyed by it, so two
     * stores can tell whether they hash alike without either showing its pepper. Empty without a
     * pepper.
     */
    public Optional<String> pepperFingerprint() {
        if (pepper == null) {
            return Optional.empty();
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(pepper);
            return Optional.of(HexFormat.of().formatHex(mac.doFinal(FINGERPRINT_LABEL.getBytes(StandardCharsets.UTF_8))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + HMAC, e);
        }
    }

    /**
     * Whether two hashes are equal, in time independent of where they differ:
     * {@link MessageDigest#isEqual} looks at every byte when the lengths are equal, and hashes
     * always have the same length.
     */
    static boolean sameHash(String stored, String presented) {
        return MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "TokenSecrets[" + (pepper == null ? "SHA-256" : "HMAC-SHA256, pepper ****") + "]";
    }
}
