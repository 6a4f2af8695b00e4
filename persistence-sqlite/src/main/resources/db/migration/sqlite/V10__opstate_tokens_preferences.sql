-- API tokens and preferences (issue 19). New tables only: no existing row changes.
--
-- A token's secret is never stored: secret_hash is the hex HMAC-SHA256 of it under the
-- configured pepper (SHA-256 without one). Scopes are stored sorted and joined by single spaces.
-- Verification looks a token up by its id, which the secret carries, so no index on the hash.

CREATE TABLE opstate_tokens (
    id           TEXT NOT NULL PRIMARY KEY,
    name         TEXT NOT NULL,
    scopes       TEXT NOT NULL,
    secret_hash  TEXT NOT NULL CHECK (length(secret_hash) = 64),
    created_at   TEXT NOT NULL,
    expires_at   TEXT,
    last_used_at TEXT,
    revoked_at   TEXT
) STRICT;

-- list tokens in (created_at, id) order.
CREATE INDEX opstate_tokens_created ON opstate_tokens (created_at, id);

-- Preferences (issue 19): JSON documents by owner and key. A preference of no one has the empty
-- owner (an owner given is never empty), so (owner, pref_key) is a plain unique key on both
-- dialects, with no NULL in it.
CREATE TABLE opstate_preferences (
    owner      TEXT    NOT NULL,
    pref_key   TEXT    NOT NULL,
    document   TEXT    NOT NULL CHECK (json_valid(document)),
    version    INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (owner, pref_key)
) STRICT;

-- list an owner's preferences in (created_at, pref_key) order.
CREATE INDEX opstate_preferences_owner_created ON opstate_preferences (owner, created_at, pref_key);
