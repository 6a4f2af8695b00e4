package io.opstate.pipelines;

import java.time.Instant;

/**
 * A named pipeline definition.
 *
 * @param name unique name, the key
 * @param description free text or null
 * @param config the definition as JSON text
 * @param createdAt when created
 * @param updatedAt when last changed
 * @param version increases with every change; pass it back to update
 */
public record Pipeline(String name, String description, String config, Instant createdAt, Instant updatedAt,
                       long version) {
}
