package io.opstate;

/**
 * Whose clock stamps the times a store writes and decides when leases expire.
 */
public enum TimeSource {
    /** {@link PersistenceConfig#clock()} of this process. The default for SQLite and memory. */
    HOST,
    /**
     * The database server's clock, so hosts with skewed clocks agree on lease expiry and cannot
     * steal live jobs. The default for PostgreSQL. Embedded backends share the host's clock and
     * treat it as {@link #HOST}.
     */
    DATABASE
}
