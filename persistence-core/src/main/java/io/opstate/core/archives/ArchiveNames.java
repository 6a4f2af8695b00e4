package io.opstate.core.archives;

import io.opstate.archives.ArchiveFormatException;
import java.util.regex.Pattern;

/**
 * The names an archive's entries may have: {@code manifest.json}, {@code <entity>.jsonl} and
 * {@code blobs/<sha256>}. Any other name, in particular one that would leave a folder it is
 * extracted into ({@code ../x}, {@code /etc/x}, {@code C:\x}), makes the archive unreadable.
 */
final class ArchiveNames {
    static final String BLOB_ENTITY = "blob";
    private static final Pattern JSONL = Pattern.compile("[a-z_]{1,40}\\.jsonl");
    private static final Pattern BLOB = Pattern.compile("blobs/[0-9a-f]{64}");

    private ArchiveNames() {
    }

    static String blob(String sha256) {
        return "blobs/" + sha256;
    }

    /** Refuses a name that is not one of the three shapes. */
    static void check(String name) {
        if (name.equals(Manifest.NAME) || JSONL.matcher(name).matches() || BLOB.matcher(name).matches()) {
            return;
        }
        throw new ArchiveFormatException(name, "is not a name an OpState archive holds (manifest.json,"
                + " <entity>.jsonl or blobs/<sha256>)" + (name.contains("..") || name.startsWith("/")
                || name.contains("\\") || name.contains(":") ? "; it would leave the folder it is extracted into" : ""));
    }
}
