-- Artifacts (seed 004): large files of constructs, kept as content-addressed blobs under the
-- artifact root and described here. New tables only: no existing row changes.
--
-- A row is written only once its blob is durable; several rows may name one blob (same sha256
-- and compression). Deleting a construct deletes its rows and usage through the foreign keys,
-- in the delete's own transaction; blobs no row names are collected later from the files.
-- opstate_artifact_usage keeps the sums per construct and type in the same transaction as the
-- rows, so usage never scans the rows.

CREATE TABLE opstate_artifacts (
    id           TEXT    NOT NULL PRIMARY KEY,
    construct_id TEXT    NOT NULL REFERENCES opstate_constructs (id) ON DELETE CASCADE,
    type         TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    metadata     TEXT    CHECK (metadata IS NULL OR json_valid(metadata)),
    sha256       TEXT    NOT NULL,
    size         INTEGER NOT NULL CHECK (size >= 0),
    stored_size  INTEGER NOT NULL CHECK (stored_size >= 0),
    compression  TEXT    NOT NULL,
    created_at   TEXT    NOT NULL
) STRICT;

-- find by construct, type and name; one name per construct and type.
CREATE UNIQUE INDEX opstate_artifacts_name ON opstate_artifacts (construct_id, type, name);
-- list a construct's artifacts of one type, or of every type, in (created_at, id) order; also the cascade.
CREATE INDEX opstate_artifacts_type_created ON opstate_artifacts (construct_id, type, created_at, id);
CREATE INDEX opstate_artifacts_construct_created ON opstate_artifacts (construct_id, created_at, id);
-- garbage collection and integrity checks: is this blob referenced?
CREATE INDEX opstate_artifacts_blob ON opstate_artifacts (sha256, compression);

CREATE TABLE opstate_artifact_usage (
    construct_id  TEXT    NOT NULL REFERENCES opstate_constructs (id) ON DELETE CASCADE,
    type          TEXT    NOT NULL,
    artifacts     INTEGER NOT NULL CHECK (artifacts >= 0),
    logical_bytes INTEGER NOT NULL CHECK (logical_bytes >= 0),
    stored_bytes  INTEGER NOT NULL CHECK (stored_bytes >= 0),
    PRIMARY KEY (construct_id, type)
) STRICT;
