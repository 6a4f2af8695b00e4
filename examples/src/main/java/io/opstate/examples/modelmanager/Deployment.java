package io.opstate.examples.modelmanager;

import java.time.Instant;

/**
 * A row of the plan's {@code deployments} table.
 *
 * @param id the deployment's name, unique
 * @param status one of {@link OpStateModelManager#DEPLOYMENT_STATUSES}
 * @param createdAt null until stored
 * @param updatedAt null until stored
 */
public record Deployment(String id, String modelId, String version, String status, String specJson, String manifest,
                         Instant createdAt, Instant updatedAt) {
    /** A deployment to save: times are the store's. */
    public static Deployment of(String id, String modelId, String version, String status, String specJson,
                                String manifest) {
        return new Deployment(id, modelId, version, status, specJson, manifest, null, null);
    }
}
