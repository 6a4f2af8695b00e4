-- Artifact blobs kept in the database (opstate.artifact-storage=database), for deployments whose
-- hosts share no directory. New tables only: no existing row changes; empty unless that
-- placement is chosen.
--
-- A put streams its content into chunks of an upload row whose sha256 is null; once every chunk
-- is in, the row takes the content's sha256 and compression (unique: identical content is kept
-- once), or, when that content is already stored, the upload is deleted and the existing row is
-- marked used. Artifact rows name blobs by (sha256, compression), as for files. touched_at is
-- when the blob was last written or reused: garbage collection leaves younger blobs alone.

CREATE TABLE opstate_artifact_blobs (
    id          text COLLATE "C" NOT NULL PRIMARY KEY,
    sha256      text COLLATE "C",
    compression text COLLATE "C",
    size        bigint CHECK (size >= 0),
    stored_size bigint CHECK (stored_size >= 0),
    chunks      integer CHECK (chunks >= 0),
    touched_at  timestamptz NOT NULL,
    CHECK ((sha256 IS NULL) = (compression IS NULL))
);

-- a put's lookup of the content; one blob per content and form.
CREATE UNIQUE INDEX opstate_artifact_blobs_content ON opstate_artifact_blobs (sha256, compression);

CREATE TABLE opstate_artifact_blob_chunks (
    blob_id text COLLATE "C" NOT NULL REFERENCES opstate_artifact_blobs (id) ON DELETE CASCADE,
    chunk   integer NOT NULL CHECK (chunk >= 0),
    data    bytea   NOT NULL,
    PRIMARY KEY (blob_id, chunk)
);

-- chunks are compressed already, or incompressible: spare the server trying again
ALTER TABLE opstate_artifact_blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
