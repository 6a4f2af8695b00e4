package io.opstate.tck;

import java.time.Duration;
import java.util.List;

/**
 * The blobs of the store under test, as the artifact contracts look at and damage them (as a
 * disk fault, an operator or a dead put would), each placement its own way: files under the
 * artifact root ({@link FileBlobs}), or rows of the database (the PostgreSQL leaves'). A blob is
 * named as its file would be: {@code <sha256>} or {@code <sha256>.zst}.
 */
public interface StoredBlobs {
    /** Every stored blob's name, sorted. */
    List<String> names();

    /** What unfinished puts left behind (temporary files, uploads), sorted. */
    List<String> leftovers();

    /** The bytes the blob occupies as stored. */
    long storedSize(String blob);

    /** Makes the blob look last written or reused {@code age} ago. */
    void age(String blob, Duration age);

    /** Makes what unfinished puts left behind look last written {@code age} ago. */
    void ageLeftovers(Duration age);

    /** Changes the stored byte at {@code position}, keeping the length. */
    void flipByte(String blob, long position);

    /** Removes the blob. */
    void remove(String blob);

    /** Cuts the stored blob to {@code length} bytes. */
    void truncate(String blob, long length);
}
