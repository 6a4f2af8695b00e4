package io.opstate.archives;

/** What an import did, or a dry run would do, with one record of the archive. */
public enum ImportAction {
    /** Written with the archive's key: the store did not hold it. */
    INSERT,
    /** Not written: the store holds it, and the policy keeps the store's. */
    SKIP,
    /** Written over the store's record, which was older. */
    OVERWRITE,
    /** Written under a fresh key, because the store held the archive's. */
    COPY
}
