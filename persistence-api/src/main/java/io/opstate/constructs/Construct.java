package io.opstate.constructs;

import java.time.Instant;

/**
 * One agent construct: a unit of work an agent platform plans, provisions and runs (a plan, an
 * implementation, a review...), with the host's own type and status strings. Immutable
 * snapshot; times are UTC, truncated to microseconds.
 *
 * @param id unique identifier (caller-supplied or a time-ordered UUID)
 * @param type the host's kind of construct, e.g. {@code "plan"}; never changes
 * @param status the host's status string, e.g. {@code "provisioning"}; no lifecycle is imposed
 * @param title short human-readable title, or null
 * @param metadata a JSON object as text, or null; PostgreSQL may return it with keys reordered and
 *     whitespace dropped, so compare it as JSON, not as text
 * @param createdAt when it was created; lists are ordered by it
 * @param updatedAt when it last changed
 * @param version increases with every change; pass it back to update
 */
public record Construct(String id, String type, String status, String title, String metadata, Instant createdAt,
                        Instant updatedAt, long version) {
}
