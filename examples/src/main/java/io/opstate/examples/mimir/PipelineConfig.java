package io.opstate.examples.mimir;

import java.time.Instant;

/**
 * A row of Mimir's {@code pipelines}: a pipeline definition, its YAML held as JSON. Immutable.
 *
 * @param description null for none
 * @param config the definition, a JSON document
 * @param createdAt null for a pipeline never saved (the store stamps it)
 */
public record PipelineConfig(String name, String description, String config, Instant createdAt, Instant updatedAt) {
    public static PipelineConfig of(String name, String description, String config) {
        return new PipelineConfig(name, description, config, null, null);
    }
}
