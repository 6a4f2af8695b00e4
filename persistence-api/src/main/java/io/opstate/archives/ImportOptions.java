package io.opstate.archives;

import io.opstate.InvalidInputException;

/**
 * How to import an archive.
 *
 * @param policy what to do with records already in the store
 * @param dryRun when true nothing is written; the report says what each record would get
 * @param sampleSize how many ids the report lists per entity and action, 0..1000
 */
public record ImportOptions(ConflictPolicy policy, boolean dryRun, int sampleSize) {
    /** The ids a report lists per entity and action unless told otherwise. */
    public static final int DEFAULT_SAMPLE_SIZE = 10;

    public ImportOptions {
        if (policy == null) {
            throw new InvalidInputException("policy", "must not be null");
        }
        if (sampleSize < 0 || sampleSize > 1000) {
            throw new InvalidInputException("sampleSize", "must be in 0..1000, got " + sampleSize);
        }
    }

    /** Imports for real under {@code policy}. */
    public static ImportOptions of(ConflictPolicy policy) {
        return new ImportOptions(policy, false, DEFAULT_SAMPLE_SIZE);
    }

    /** Reports what {@code policy} would do, writing nothing. */
    public static ImportOptions dryRun(ConflictPolicy policy) {
        return new ImportOptions(policy, true, DEFAULT_SAMPLE_SIZE);
    }
}
