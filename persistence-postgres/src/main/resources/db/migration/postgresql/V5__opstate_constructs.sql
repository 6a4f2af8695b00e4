-- Agent constructs (seed 004): constructs, the typed edges between them, their sessions with
-- versioned state checkpoints, and each session's transcript. New tables only: no existing row
-- changes.
--
-- Deleting a construct is one short transaction that removes the construct, its edges and its
-- sessions, and records each session in opstate_session_purges; its checkpoints and transcript
-- entries (possibly millions) are no longer reachable (every read goes through the session) and
-- are purged afterwards in bounded batches. A purge interrupted by a crash resumes from that
-- table. So checkpoints and entries carry no foreign key to their session: the session row is
-- gone long before they are.

CREATE TABLE opstate_constructs (
    id         text COLLATE "C" NOT NULL PRIMARY KEY,
    type       text COLLATE "C" NOT NULL,
    status     text COLLATE "C" NOT NULL,
    title      text,
    metadata   jsonb,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version    bigint      NOT NULL DEFAULT 1
);

-- list, unfiltered and by status or type, in (created_at, id) order; countByStatus.
CREATE INDEX opstate_constructs_created ON opstate_constructs (created_at, id);
CREATE INDEX opstate_constructs_status_created ON opstate_constructs (status, created_at, id);
CREATE INDEX opstate_constructs_type_created ON opstate_constructs (type, created_at, id);
-- list by metadata: "every top-level field of this object matches" is metadata @> the object.
CREATE INDEX opstate_constructs_metadata ON opstate_constructs USING gin (metadata jsonb_path_ops);

CREATE TABLE opstate_construct_links (
    from_id    text COLLATE "C" NOT NULL REFERENCES opstate_constructs (id) ON DELETE CASCADE,
    type       text COLLATE "C" NOT NULL,
    to_id      text COLLATE "C" NOT NULL REFERENCES opstate_constructs (id) ON DELETE CASCADE,
    metadata   jsonb,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (from_id, type, to_id)
);

-- incoming edges by type; the primary key serves outgoing ones and the cascade from from_id.
CREATE INDEX opstate_construct_links_incoming ON opstate_construct_links (to_id, type, from_id);

CREATE TABLE opstate_sessions (
    id            text COLLATE "C" NOT NULL PRIMARY KEY,
    construct_id  text COLLATE "C" NOT NULL REFERENCES opstate_constructs (id),
    status        text COLLATE "C" NOT NULL,
    started_at    timestamptz NOT NULL,
    ended_at      timestamptz,
    metrics       jsonb,
    -- version of the latest state checkpoint; 0 before the first save
    state_version bigint      NOT NULL DEFAULT 0 CHECK (state_version >= 0),
    -- sequence number of the last transcript entry; 0 while empty. Entries are numbered
    -- gaplessly from 1: appending moves this under the session's row lock.
    last_sequence bigint      NOT NULL DEFAULT 0 CHECK (last_sequence >= 0),
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    version       bigint      NOT NULL DEFAULT 1
);

-- sessions of a construct in (started_at, id) order; also finds them when the construct is deleted.
CREATE INDEX opstate_sessions_construct_started ON opstate_sessions (construct_id, started_at, id);

CREATE TABLE opstate_session_checkpoints (
    session_id text COLLATE "C" NOT NULL,
    version    bigint      NOT NULL CHECK (version >= 1),
    state      jsonb       NOT NULL,
    saved_at   timestamptz NOT NULL,
    PRIMARY KEY (session_id, version)
);

CREATE TABLE opstate_transcript_entries (
    session_id   text COLLATE "C" NOT NULL,
    -- the session's construct, copied on append so that a construct's timeline reads its entries
    -- in time order from one index instead of scanning every entry of every session
    construct_id text COLLATE "C" NOT NULL,
    sequence     bigint      NOT NULL CHECK (sequence >= 1),
    role       text COLLATE "C" NOT NULL,
    content    text        NOT NULL,
    data       jsonb,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (session_id, sequence)
);

-- a construct's activity timeline: its entries in (created_at, session_id, sequence) order.
CREATE INDEX opstate_transcript_entries_construct_created
    ON opstate_transcript_entries (construct_id, created_at, session_id, sequence);

-- Sessions whose checkpoints and entries are still to be purged (their construct was deleted).
CREATE TABLE opstate_session_purges (
    session_id   text COLLATE "C" NOT NULL PRIMARY KEY,
    construct_id text COLLATE "C" NOT NULL,
    requested_at timestamptz NOT NULL
);
