-- Artifacts (seed 004): large files of constructs, kept as content-addressed blobs under the
-- artifact root and described here. New tables only: no existing row changes.
--
-- A row is written only once its blob is durable; several rows may name one blob (same sha256
-- and compression). Deleting a construct deletes its rows and usage through the foreign keys,
-- in the delete's own transaction; blobs no row names are collected later from the files.
-- opstate_artifact_usage keeps the sums per construct and type in the same transaction as the
-- rows, so usage never scans the rows.

CREATE TABLE opstate_artifacts (
    id           text COLLATE "C" NOT NULL PRIMARY KEY,
    construct_id text COLLATE "C" NOT NULL REFERENCES opstate_constructs (id) ON DELETE CASCADE,
    type         text COLLATE "C" NOT NULL,
    name         text COLLATE "C" NOT NULL,
    content_type text        NOT NULL,
    metadata     jsonb,
    sha256       text COLLATE "C" NOT NULL,
    size         bigint      NOT NULL CHECK (size >= 0),
    stored_size  bigint      NOT NULL CHECK (stored_size >= 0),
    compression  text COLLATE "C" NOT NULL,
    created_at   timestamptz NOT NULL
);

-- find by construct, type and name; one name per construct and type.
CREATE UNIQUE INDEX opstate_artifacts_name ON opstate_artifacts (construct_id, type, name);
-- list a construct's artifacts of one type, or of every type, in (created_at, id) order; also the cascade.
CREATE INDEX opstate_artifacts_type_created ON opstate_artifacts (construct_id, type, created_at, id);
CREATE INDEX opstate_artifacts_construct_created ON opstate_artifacts (construct_id, created_at, id);
-- garbage collection and integrity checks: is this blob referenced?
CREATE INDEX opstate_artifacts_blob ON opstate_artifacts (sha256, compression);

CREATE TABLE opstate_artifact_usage (
    construct_id  text COLLATE "C" NOT NULL REFERENCES opstate_constructs (id) ON DELETE CASCADE,
    type          text COLLATE "C" NOT NULL,
    artifacts     bigint NOT NULL CHECK (artifacts >= 0),
    logical_bytes bigint NOT NULL CHECK (logical_bytes >= 0),
    stored_bytes  bigint NOT NULL CHECK (stored_bytes >= 0),
    PRIMARY KEY (construct_id, type)
);
