-- Artifact blobs kept in the database: the tables PostgreSQL's placement
-- opstate.artifact-storage=database uses, here so that both dialects share every schema version
-- (and opstate copy finds the same tables on both sides). SQLite keeps its blobs as files
-- beside the database and leaves these tables empty. New tables only.

CREATE TABLE opstate_artifact_blobs (
    id          TEXT    NOT NULL PRIMARY KEY,
    sha256      TEXT,
    compression TEXT,
    size        INTEGER CHECK (size >= 0),
    stored_size INTEGER CHECK (stored_size >= 0),
    chunks      INTEGER CHECK (chunks >= 0),
    touched_at  TEXT    NOT NULL,
    CHECK ((sha256 IS NULL) = (compression IS NULL))
) STRICT;

CREATE UNIQUE INDEX opstate_artifact_blobs_content ON opstate_artifact_blobs (sha256, compression);

CREATE TABLE opstate_artifact_blob_chunks (
    blob_id TEXT    NOT NULL REFERENCES opstate_artifact_blobs (id) ON DELETE CASCADE,
    chunk   INTEGER NOT NULL CHECK (chunk >= 0),
    data    BLOB    NOT NULL,
    PRIMARY KEY (blob_id, chunk)
) STRICT;
