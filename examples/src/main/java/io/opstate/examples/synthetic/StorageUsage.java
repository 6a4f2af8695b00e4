package io.opstate.examples.synthetic;

import io.opstate.artifacts.ArtifactUsage;
import java.util.Map;

/**
 * What the data-management screen shows for one construct.
 *
 * @param constructId the construct
 * @param sessions how many sessions it has
 * @param transcriptEntries how many transcript entries they hold together
 * @param artifactsByType its artifacts per type (e.g. {@code command-log}), types in code-point order
 * @param artifacts all its artifacts together
 */
public record StorageUsage(String constructId, long sessions, long transcriptEntries,
                           Map<String, ArtifactUsage> artifactsByType, ArtifactUsage artifacts) {
}
