package io.opstate.retention;

/**
 * Rows (and bytes, where the store knows them) removed, or that a dry run would remove.
 *
 * @param rows how many rows; not negative
 * @param bytes how many bytes those rows held, or {@link #UNKNOWN_BYTES} for kinds of rows whose
 *     size is not kept ({@link RetentionEntity#TRANSCRIPT_ENTRIES} and
 *     {@link RetentionEntity#ARTIFACTS} know theirs)
 */
public record RetentionCount(long rows, long bytes) {
    /** {@link #bytes} of kinds of rows whose size is not known. */
    public static final long UNKNOWN_BYTES = -1;
    /** Nothing removed, size not known. */
    public static final RetentionCount NONE = new RetentionCount(0, UNKNOWN_BYTES);

    public RetentionCount {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative, got " + rows);
        }
        if (bytes < UNKNOWN_BYTES) {
            throw new IllegalArgumentException("bytes must be " + UNKNOWN_BYTES + " (unknown) or not negative, got " + bytes);
        }
    }

    /** {@code rows} rows whose size is not known. */
    public static RetentionCount rows(long rows) {
        return new RetentionCount(rows, UNKNOWN_BYTES);
    }

    /** The sum of both; bytes stay unknown only when unknown on both sides. */
    public RetentionCount plus(RetentionCount other) {
        long sum = bytes == UNKNOWN_BYTES ? other.bytes
                : other.bytes == UNKNOWN_BYTES ? bytes : bytes + other.bytes;
        return new RetentionCount(rows + other.rows, sum);
    }

    /** Whether {@link #bytes} is known. */
    public boolean bytesKnown() {
        return bytes != UNKNOWN_BYTES;
    }
}
