package io.opstate;

/**
 * The store's schema was upgraded by a newer OpState release than the one this process runs.
 * Raised when such a store is opened, and by any call of an already open store that fails
 * because a newer process migrated the schema under it. The upgrade policy is to stop every
 * process before upgrading (docs/operations.md, "Upgrading"): the remedy is to upgrade this
 * process too. Nothing was written by the call that raised it.
 */
public class SchemaTooNewException extends MigrationFailedException {
    private final String storeVersion;
    private final int knownVersion;

    /**
     * @param migration the newest migration on record, as {@code V<version> <description>}
     * @param detail what else to say, appended to the message; may be empty
     */
    public SchemaTooNewException(String migration, String storeVersion, int knownVersion, String detail,
                                 Throwable cause) {
        super(migration, "the store's schema is at version " + storeVersion + ", newer than version "
                + knownVersion + ", the newest this OpState release knows: a newer release has upgraded it. "
                + "Upgrade this process to that release (stop every process of the older one first)" + detail
                + ". Nothing was written.", cause);
        this.storeVersion = storeVersion;
        this.knownVersion = knownVersion;
    }

    /** The schema version recorded in the store. */
    public String storeVersion() {
        return storeVersion;
    }

    /** The newest schema version this release's migrations reach. */
    public int knownVersion() {
        return knownVersion;
    }
}
