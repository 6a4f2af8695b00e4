package io.opstate.examples.synthetic;

import io.opstate.Health;
import io.opstate.artifacts.ArtifactIntegrityReport;

/**
 * The periodic consistency check of the plan: the database answers, and every artifact row has
 * its file, every file its row, every file its hash.
 *
 * @param database what the store reported of itself
 * @param artifacts what the artifact check found
 */
public record IntegrityReport(Health database, ArtifactIntegrityReport artifacts) {
    /** Whether nothing is wrong. */
    public boolean healthy() {
        return database.reachable() && artifacts.healthy();
    }
}
