package io.opstate.cli;

import io.opstate.Datastore;
import io.opstate.Health;
import io.opstate.MigrationMode;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.artifacts.ArtifactStorage;
import java.io.PrintWriter;

/** Opening stores the way every command does, and printing what a health check found. */
final class Stores {
    private Stores() {
    }

    /** Opens the store at {@code url} with the backend that handles it; the caller closes it. */
    static Datastore open(String url, MigrationMode mode) {
        return Persistence.open(PersistenceConfig.builder(url).migrationMode(mode).build());
    }

    /**
     * Like {@link #open(String, MigrationMode)}, with artifact blobs under {@code artifactRoot}
     * or where {@code artifactStorage} says (null: the backend's default).
     */
    static Datastore open(String url, MigrationMode mode, String artifactRoot, ArtifactStorage artifactStorage) {
        return Persistence.open(PersistenceConfig.builder(url).migrationMode(mode).artifactRoot(artifactRoot)
                .artifactStorage(artifactStorage).build());
    }

    /** The name of the backend that handles {@code url}, e.g. {@code postgres}. */
    static String backendFor(String url) {
        return Persistence.select(PersistenceConfig.builder(url).build(), Persistence.providers()).name();
    }

    /** Prints every component of {@code health}, one per line. */
    static void print(Health health, PrintWriter out) {
        out.printf("backend:        %s%n", health.backend());
        out.printf("reachable:      %s%n", health.reachable() ? "yes" : "no");
        out.printf("schema version: %s%n", health.schemaVersion() == null ? "none" : health.schemaVersion());
        out.printf("storage bytes:  %s%n", health.storageBytes() == null ? "unknown" : health.storageBytes());
        out.printf("detail:         %s%n", health.detail());
    }
}
