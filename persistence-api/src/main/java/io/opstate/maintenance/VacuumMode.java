package io.opstate.maintenance;

/**
 * How {@link io.opstate.Maintenance#optimize} reclaims the space of deleted rows
 * ({@code opstate.maintenance.vacuum}).
 */
public enum VacuumMode {
    /** Refresh the planner's statistics only (SQLite {@code PRAGMA optimize}; PostgreSQL {@code ANALYZE}). */
    NONE,
    /**
     * Also give free pages back in bounded steps, without rewriting the store: SQLite
     * {@code PRAGMA incremental_vacuum} (a file not yet in incremental auto-vacuum mode is switched
     * to it once, which rewrites it once); PostgreSQL {@code VACUUM (ANALYZE)}, which makes the
     * space reusable and never blocks writers.
     */
    INCREMENTAL,
    /**
     * Rewrite the store compactly: SQLite {@code VACUUM}, PostgreSQL {@code VACUUM (FULL, ANALYZE)}.
     * Writers wait while a table (PostgreSQL) or the whole file (SQLite) is rewritten.
     */
    FULL
}
