package io.opstate.core.artifacts;

import io.opstate.artifacts.ArtifactCompression;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which blob file holds a content: its SHA-256 and the form it is stored in. The file name is
 * derived from these alone ({@code <sha256>} or {@code <sha256>.zst}), never from user input.
 */
public record BlobKey(String sha256, ArtifactCompression compression) {
    private static final Pattern FILE_NAME = Pattern.compile("([0-9a-f]{64})(\\.zst)?");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public BlobKey {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
    }

    /** The blob's file name. */
    public String fileName() {
        return compression == ArtifactCompression.ZSTD ? sha256 + ".zst" : sha256;
    }

    /** The key a blob file name stands for, or null when the name is not one this store writes. */
    public static BlobKey ofFileName(String fileName) {
        Matcher matcher = FILE_NAME.matcher(fileName);
        if (!matcher.matches()) {
            return null;
        }
        return new BlobKey(matcher.group(1), matcher.group(2) == null ? ArtifactCompression.NONE : ArtifactCompression.ZSTD);
    }
}
