package io.opstate.core.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Files encrypted with {@link SegmentedAesGcm} under a {@link BackupKey}, written durably and owner-only. */
public final class SealedFiles {
    private SealedFiles() {
    }

    /** What a file held: its size and SHA-256 (of the plain content). */
    public record Facts(long bytes, String sha256) {
    }

    /** Encrypts {@code content} into the new file {@code sealed}, flushed to disk. */
    public static void seal(InputStream content, Path sealed, BackupKey key) throws IOException {
        try (OutputStream out = SegmentedAesGcm.encrypting(Files.newOutputStream(sealed, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), key)) {
            content.transferTo(out);
        }
        OwnerOnly.restrict(sealed);
        DurableFiles.sync(sealed);
    }

    /**
     * Decrypts {@code sealed} into the new file {@code plain}, flushed to disk, owner-only.
     *
     * @throws IOException when it was encrypted under another key, changed or cut short
     */
    public static Facts unseal(Path sealed, Path plain, BackupKey key) throws IOException {
        MessageDigest digest = sha256();
        long bytes;
        try (InputStream in = new DigestInputStream(SegmentedAesGcm.decrypting(Files.newInputStream(sealed), key), digest);
             OutputStream out = Files.newOutputStream(plain, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            bytes = in.transferTo(out);
        }
        OwnerOnly.restrict(plain);
        DurableFiles.sync(plain);
        return new Facts(bytes, HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
