package io.opstate.artifacts;

/**
 * Where a store keeps its artifact blobs ({@link io.opstate.Settings#ARTIFACT_STORAGE}).
 * The rows describing artifacts are always in the database; this decides where their content goes.
 */
public enum ArtifactStorage {
    /**
     * Files under the artifact root ({@link io.opstate.Settings#ARTIFACT_ROOT}), named by hash: the
     * fastest placement. Several hosts of one PostgreSQL database must all mount one shared
     * directory. The default wherever an artifact root is known.
     */
    FILES,
    /**
     * Chunks of 1 MiB in the database itself (PostgreSQL only): one thing to back up and no
     * shared file system across hosts, at the cost of database size, WAL volume and throughput.
     */
    DATABASE
}
