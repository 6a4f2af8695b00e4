package io.opstate;

/**
 * How hard a backend works to keep an acknowledged write through a power loss. Every level
 * survives a crash of the host process.
 */
public enum Durability {
    /**
     * Survives a process crash; on SQLite ({@code synchronous=NORMAL} in WAL mode) the last
     * transactions before an operating-system crash or power loss may be lost. The default.
     */
    NORMAL,
    /** Every acknowledged write is on stable storage (SQLite {@code synchronous=FULL}). */
    FULL
}
