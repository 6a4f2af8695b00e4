package io.opstate.jobs;

/**
 * What creating a job does when its dedup key ({@link NewJob#withDedupKey}) is held by a job that
 * has not finished. Chosen per job, so one host can treat different calls differently.
 */
public enum OnDuplicateKey {
    /** Refuse with {@link io.opstate.DuplicateDedupKeyException} naming the job that holds the key. */
    FAIL,
    /** Return the job that holds the key, as it is, instead of creating one. */
    RETURN_EXISTING
}
