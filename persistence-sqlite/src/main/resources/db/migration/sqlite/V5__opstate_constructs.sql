-- Agent constructs (seed 004): constructs, the typed edges between them, their sessions with
-- versioned state checkpoints, and each session's transcript. New tables only: no existing row
-- changes. Times, JSON and strictness as in the baseline (B2).
--
-- Deleting a construct is one short transaction that removes the construct, its edges and its
-- sessions, and records each session in opstate_session_purges; its checkpoints and transcript
-- entries (possibly millions) are no longer reachable (every read goes through the session) and
-- are purged afterwards in bounded batches. A purge interrupted by a crash resumes from that
-- table. So checkpoints and entries carry no foreign key to their session: the session row is
-- gone long before they are.

CREATE TABLE opstate_constructs (
    id         TEXT    NOT NULL PRIMARY KEY,
    type       TEXT    NOT NULL,
    status     TEXT    NOT NULL,
    title      TEXT,
    metadata   TEXT    CHECK (metadata IS NULL OR json_valid(metadata)),
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
) STRICT;

-- list, unfiltered and by status or type, in (created_at, id) order; countByStatus.
CREATE INDEX opstate_constructs_created ON opstate_constructs (created_at, id);
CREATE INDEX opstate_constructs_status_created ON opstate_constructs (status, created_at, id);
CREATE INDEX opstate_constructs_type_created ON opstate_constructs (type, created_at, id);

CREATE TABLE opstate_construct_links (
    from_id    TEXT NOT NULL REFERENCES opstate_constructs (id) ON DELETE CASCADE,
    type       TEXT NOT NULL,
    to_id      TEXT NOT NULL REFERENCES opstate_constructs (id) ON DELETE CASCADE,
    metadata   TEXT CHECK (metadata IS NULL OR json_valid(metadata)),
    created_at TEXT NOT NULL,
    PRIMARY KEY (from_id, type, to_id)
) STRICT;

-- incoming edges by type; the primary key serves outgoing ones and the cascade from from_id.
CREATE INDEX opstate_construct_links_incoming ON opstate_construct_links (to_id, type, from_id);

CREATE TABLE opstate_sessions (
    id            TEXT    NOT NULL PRIMARY KEY,
    construct_id  TEXT    NOT NULL REFERENCES opstate_constructs (id),
    status        TEXT    NOT NULL,
    started_at    TEXT    NOT NULL,
    ended_at      TEXT,
    metrics       TEXT    CHECK (metrics IS NULL OR json_valid(metrics)),
    -- version of the latest state checkpoint; 0 before the first save
    state_version INTEGER NOT NULL DEFAULT 0 CHECK (state_version >= 0),
    -- sequence number of the last transcript entry; 0 while empty. Entries are numbered
    -- gaplessly from 1: appending moves this in the same write transaction.
    last_sequence INTEGER NOT NULL DEFAULT 0 CHECK (last_sequence >= 0),
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
) STRICT;

-- sessions of a construct in (started_at, id) order; also finds them when the construct is deleted.
CREATE INDEX opstate_sessions_construct_started ON opstate_sessions (construct_id, started_at, id);

CREATE TABLE opstate_session_checkpoints (
    session_id TEXT    NOT NULL,
    version    INTEGER NOT NULL CHECK (version >= 1),
    state      TEXT    NOT NULL CHECK (json_valid(state)),
    saved_at   TEXT    NOT NULL,
    PRIMARY KEY (session_id, version)
) STRICT;

CREATE TABLE opstate_transcript_entries (
    session_id   TEXT    NOT NULL,
    -- the session's construct, copied on append so that a construct's timeline reads its entries
    -- in time order from one index instead of scanning every entry of every session
    construct_id TEXT    NOT NULL,
    sequence     INTEGER NOT NULL CHECK (sequence >= 1),
    role       TEXT    NOT NULL,
    content    TEXT    NOT NULL,
    data       TEXT    CHECK (data IS NULL OR json_valid(data)),
    created_at TEXT    NOT NULL,
    PRIMARY KEY (session_id, sequence)
) STRICT;

-- a construct's activity timeline: its entries in (created_at, session_id, sequence) order.
CREATE INDEX opstate_transcript_entries_construct_created
    ON opstate_transcript_entries (construct_id, created_at, session_id, sequence);

-- Sessions whose checkpoints and entries are still to be purged (their construct was deleted).
CREATE TABLE opstate_session_purges (
    session_id   TEXT NOT NULL PRIMARY KEY,
    construct_id TEXT NOT NULL,
    requested_at TEXT NOT NULL
) STRICT;
