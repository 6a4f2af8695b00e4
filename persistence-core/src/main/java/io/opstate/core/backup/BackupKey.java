package io.opstate.core.backup;

import io.opstate.InvalidInputException;
import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key of {@link Settings#BACKUP_KEY}, and its fingerprint: what a manifest records so
 * that restoring with another key is refused by name rather than failing on the first segment. The
 * fingerprint is an HMAC-free hash of a domain-separated input, which reveals nothing usable about
 * a 256-bit random key. {@code toString} never shows the key.
 */
public final class BackupKey {
    private final SecretKey key;
    private final String fingerprint;

    private BackupKey(byte[] raw) {
        this.key = new SecretKeySpec(raw, "AES");
        this.fingerprint = fingerprintOf(raw);
    }

    /** The configured key, if any (the setting was validated when the configuration was built). */
    public static Optional<BackupKey> configured(PersistenceConfig config) {
        return config.get(Settings.BACKUP_KEY).map(BackupKey::parse);
    }

    /**
     * A key from its base64 form.
     *
     * @throws InvalidInputException naming {@link Settings#BACKUP_KEY} when it is not 32 bytes of base64
     */
    public static BackupKey parse(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(Settings.BACKUP_KEY.property(), "is not base64");
        }
        if (raw.length != 32) {
            throw new InvalidInputException(Settings.BACKUP_KEY.property(), "must be 32 bytes (a 256-bit key), not "
                    + raw.length);
        }
        return new BackupKey(raw);
    }

    SecretKey secretKey() {
        return key;
    }

    /** 16 hex digits naming the key, for manifests and messages. */
    public String fingerprint() {
        return fingerprint;
    }

    private static String fingerprintOf(byte[] raw) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("opstate backup key fingerprint\0".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest.digest(raw), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "BackupKey[" + fingerprint + "]";
    }
}
