package io.opstate.maintenance;

/**
 * What {@link io.opstate.Maintenance#checkpoint()} did.
 *
 * @param performed whether the store has a write-ahead log of its own to checkpoint (SQLite); false
 *     where the database server checkpoints by itself (PostgreSQL) or there is no log (memory)
 * @param complete whether every frame of the log was copied into the database and the log emptied;
 *     false when a reader still needed part of it (the next checkpoint goes on from there)
 * @param detail what happened, for people
 * @param walBytesBefore the log's size before, or null where there is none
 * @param walBytesAfter the log's size after, or null where there is none
 */
public record CheckpointReport(boolean performed, boolean complete, String detail, Long walBytesBefore,
                               Long walBytesAfter) {
}
