package io.opstate.archives;

import io.opstate.InvalidInputException;

/**
 * An archive could not be read: not a zip, an unknown format version, a checksum or row count
 * that does not match, a truncated entry, a malformed line, an entry name that leaves the archive
 * ({@code ../}), or a record the store refuses. {@link #field()} names the archive entry and,
 * where one is at fault, its line ({@code jobs.jsonl:17}); nothing was written.
 */
public class ArchiveFormatException extends InvalidInputException {
    public ArchiveFormatException(String entry, String problem) {
        super(entry, problem);
    }

    public ArchiveFormatException(String entry, String problem, Throwable cause) {
        super(entry, problem, cause);
    }
}
