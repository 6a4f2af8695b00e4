package io.opstate.constructs;

import java.time.Instant;

/**
 * A typed, directed edge between two constructs, e.g. a plan {@code "implemented-by"} the
 * constructs that carry it out. At most one edge of a type joins two constructs in one
 * direction; it goes when either end is deleted. Immutable snapshot.
 *
 * @param fromId the construct the edge leaves
 * @param type the host's kind of edge, 1..200 characters
 * @param toId the construct the edge reaches; never {@code fromId}
 * @param metadata a JSON object as text, or null; compare it as JSON, not as text
 * @param createdAt when the edge was made
 */
public record ConstructLink(String fromId, String type, String toId, String metadata, Instant createdAt) {
}
