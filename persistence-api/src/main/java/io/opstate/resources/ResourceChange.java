package io.opstate.resources;

import java.time.Instant;

/**
 * One entry of the resource change feed ({@link ResourceRepository#changesSince}). Immutable.
 *
 * @param position where it stands in the feed: positions grow in commit order, without gaps
 *     between committed changes
 * @param type what happened
 * @param resourceId the resource's id
 * @param owner null when it has none
 * @param version the resource's version after the change; for a deletion, its last version
 * @param changedAt when the change was written
 */
public record ResourceChange(long position, Type type, String resourceId, String kind, String name, String owner,
                             long version, Instant changedAt) {
    /** What a change did to its resource. */
    public enum Type {
        CREATED, UPDATED, DELETED
    }
}
